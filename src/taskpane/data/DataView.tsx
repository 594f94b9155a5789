/**
 * The Data tab: choose one of the seven datasets (each with its one-line explanation), set its
 * parameters and filters (checked inline by the core), preview the first rows with the row count and
 * amount total, watch a pull's progress and cancel it, and insert the selection as a table.
 */
import { useMemo, useRef, useState } from "react";
import {
  Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Select, makeStyles, tokens,
} from "@fluentui/react-components";
import type { PullProgress } from "../../omspan/wire/client";
import { DATASETS } from "../../omspan/datasets/catalog";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import { DATASET_IDS, type DatasetId, type RouteParams } from "../../omspan/routes";
import type { AsOf } from "../../omspan/store/store";
import { parseTableQuery, previewTable, queryProblems, type TablePreview, type TableQueryInput } from "../../omspan/tables";
import type { Strings } from "../strings";
import type { DataActions } from "./data-actions";
import { formatCount } from "./format";
import { InsertControls } from "./InsertControls";
import { PreviewResult } from "./PreviewResult";
import { EMPTY_QUERY, QueryFields, type QueryText } from "./QueryFields";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  about: { color: tokens.colorNeutralForeground2 },
});

type PullState =
  | { kind: "idle" }
  | { kind: "loading"; progress?: PullProgress }
  | { kind: "success"; preview: TablePreview; asOf: AsOf; seconds: number; pulledRows: number; query: TableQueryInput }
  | { kind: "cancelled" }
  | { kind: "error"; error: unknown };

/** The query the core checks and the writer stores, from what the user typed. */
export function toQuery(dataset: DatasetId, q: QueryText, lang: Lang): TableQueryInput {
  const opt = (s: string) => (s.trim() === "" ? undefined : s.trim());
  return {
    version: 1,
    dataset,
    satker: q.satker.trim(),
    akun: q.akun.trim(),
    filter: q.filter.trim(),
    lang,
    ...(opt(q.from) ? { from: opt(q.from) } : {}),
    ...(opt(q.to) ? { to: opt(q.to) } : {}),
    ...(dataset === "pnbp" && opt(q.date) ? { date: q.date.trim().replace(/-/g, "") } : {}),
  };
}

interface Props {
  connected: boolean;
  actions: DataActions;
  lang: Lang;
  t: Strings;
}

export function DataView({ connected, actions, lang, t }: Props) {
  const styles = useStyles();
  const [dataset, setDataset] = useState<DatasetId>("realisasi");
  const [text, setText] = useState<QueryText>(EMPTY_QUERY);
  const [pull, setPull] = useState<PullState>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  /** The current run: a settled pull of an older (cancelled or replaced) run changes nothing. */
  const runs = useRef(0);
  /** Rows of the last finished pull per dataset: the scale of the next pull's progress bar. */
  const lastRows = useRef(new Map<DatasetId, number>());

  const query = useMemo(() => toQuery(dataset, text, lang), [dataset, text, lang]);
  const problems = useMemo(() => queryProblems(query), [query]);
  const valid = Object.keys(problems).length === 0;
  const loading = pull.kind === "loading";

  if (!connected) {
    return (
      <MessageBar intent="info" data-testid="data-not-connected">
        <MessageBarBody>{t.dataNotConnected}</MessageBarBody>
      </MessageBar>
    );
  }

  async function runPreview(): Promise<void> {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    const run = ++runs.current;
    const current = () => run === runs.current && !ctl.signal.aborted;
    const started = performance.now();
    const asked = query;
    setPull({ kind: "loading" });
    const params: RouteParams = asked.date ? { date: asked.date } : {};
    try {
      const data = await actions.pull(asked.dataset, params, {
        signal: ctl.signal,
        onProgress: (progress) => current() && setPull({ kind: "loading", progress }),
      });
      if (!current()) return;
      const preview = previewTable(data.table, parseTableQuery(asked), 5);
      lastRows.current.set(asked.dataset, data.table.rowCount);
      setPull({ kind: "success", preview, asOf: data.asOf, seconds: (performance.now() - started) / 1000, pulledRows: data.table.rowCount, query: asked });
    } catch (error) {
      // A cancelled run was already shown as cancelled by `cancel`.
      if (current()) setPull({ kind: "error", error });
    } finally {
      if (abort.current === ctl) abort.current = null;
    }
  }

  function cancel(): void {
    runs.current++;
    abort.current?.abort();
    setPull({ kind: "cancelled" });
  }

  const expected = lastRows.current.get(dataset);
  const progress = pull.kind === "loading" ? pull.progress : undefined;
  const insert = actions.insert;
  return (
    <div className={styles.root}>
      <Field label={t.datasetLabel} hint={t.datasetAbout[dataset]}>
        <Select
          value={dataset}
          disabled={loading}
          onChange={(_, d) => {
            setDataset(d.value as DatasetId);
            setPull({ kind: "idle" });
          }}
        >
          {DATASET_IDS.map((id) => (
            <option key={id} value={id}>{DATASETS[id].label[lang]}</option>
          ))}
        </Select>
      </Field>
      <QueryFields dataset={dataset} value={text} onChange={setText} problems={problems} disabled={loading} lang={lang} t={t} />
      {problems.query && <Caption1 role="alert">{localizeError(problems.query, lang)}</Caption1>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!valid || loading} onClick={() => void runPreview()}>
          {t.previewButton}
        </Button>
        {loading && <Button onClick={cancel}>{t.cancel}</Button>}
      </div>
      {loading && (
        <Field
          label={t.pulling}
          validationState="none"
          validationMessage={
            progress
              ? expected
                ? t.pullProgressOf(formatCount(progress.rows, lang), formatCount(expected, lang))
                : t.pullProgress(progress.pages, formatCount(progress.rows, lang))
              : undefined
          }
          data-testid="pull-progress"
        >
          <ProgressBar
            value={expected && progress ? Math.min(progress.rows, expected) : undefined}
            max={expected ?? undefined}
            thickness="large"
          />
        </Field>
      )}
      {pull.kind === "cancelled" && (
        <MessageBar intent="warning" data-testid="pull-cancelled">
          <MessageBarBody>{t.cancelled}</MessageBarBody>
        </MessageBar>
      )}
      {pull.kind === "error" && (
        <MessageBar intent="error" data-testid="pull-error">
          <MessageBarBody>
            <MessageBarTitle>{t.pullFailed}</MessageBarTitle>
            {localizeError(pull.error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {pull.kind === "success" && (
        <>
          <PreviewResult dataset={pull.query.dataset} preview={pull.preview} asOf={pull.asOf} seconds={pull.seconds} pulledRows={pull.pulledRows} lang={lang} t={t} />
          <InsertControls
            key={JSON.stringify(pull.query)}
            insert={insert ? (target) => insert(pull.query, target) : undefined}
            disabled={pull.preview.rowCount === 0}
            lang={lang}
            t={t}
          />
        </>
      )}
    </div>
  );
}

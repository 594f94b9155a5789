/**
 * The Segarkan view: the workbook's OMSPAN tables with their as-of, refresh of one table, the sheet or
 * the workbook with progress, and the last refresh's summary. Self-contained: behaviour arrives as
 * `actions` (excelRefreshActions in Excel); without them (preview mode) it says Excel is needed.
 */
import { useCallback, useEffect, useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Spinner, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { formatDay } from "../../omspan/convert";
import { DATASETS } from "../../omspan/datasets/catalog";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { QueueState, RefreshActions, RefreshSummary, RefreshTarget, TableProgress, WorkbookTable } from "./refresh-actions";
import { RefreshSummaryCard } from "./RefreshSummaryCard";
import { refreshStrings, type RefreshStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", justifyContent: "space-between", flexWrap: "wrap", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS },
  itemText: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  meta: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface RefreshViewProps {
  lang: Lang;
  /** The Excel behaviour (excelRefreshActions); absent in preview mode. */
  actions?: RefreshActions;
}

type ListState = { s: "loading" } | { s: "done"; tables: WorkbookTable[] } | { s: "error"; error: unknown };

/** When a table was pulled and OMSPAN's cut-off, in the user's words. */
function asOfText(t: WorkbookTable, s: RefreshStrings): string {
  if (!t.present) return s.deletedTable;
  if (!t.asOf) return s.neverPulled;
  const when = t.asOf.fetchedAt.slice(0, 16).replace("T", " ");
  return [s.pulled(`${when} UTC`), ...(t.asOf.maxDate !== undefined ? [s.dataUpTo(formatDay(t.asOf.maxDate))] : [])].join(" · ");
}

function progressText(p: TableProgress, s: RefreshStrings): string {
  return p.phase === "write" && p.table && p.total !== undefined ? s.rowsOf(p.table, p.done ?? 0, p.total) : s.phase[p.phase];
}

export function RefreshView({ lang, actions }: RefreshViewProps) {
  const styles = useStyles();
  const t = refreshStrings(lang);
  const [list, setList] = useState<ListState>({ s: "loading" });
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<TableProgress | undefined>(undefined);
  const [summary, setSummary] = useState<RefreshSummary | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const load = useCallback(async () => {
    if (!actions) return;
    setList({ s: "loading" });
    try {
      setList({ s: "done", tables: await actions.listTables() });
    } catch (err) {
      setList({ s: "error", error: err });
    }
  }, [actions]);

  useEffect(() => void load(), [load]);

  // A refresh the ribbon started shows here too; the pane's own refresh reports through its callback.
  useEffect(() => actions?.subscribeProgress?.((p) => setProgress(p.phase === "done" ? undefined : p)), [actions]);
  useEffect(() => actions?.subscribeDone?.((s) => setSummary(s)), [actions]);
  const [queue, setQueue] = useState<QueueState>({ waiting: [] });
  useEffect(() => actions?.subscribeQueue?.(setQueue), [actions]);

  if (!actions) {
    return (
      <MessageBar intent="info" data-testid="excel-needed">
        <MessageBarBody>{t.excelNeeded}</MessageBarBody>
      </MessageBar>
    );
  }
  const run = actions;

  async function refresh(target: RefreshTarget): Promise<void> {
    setBusy(true);
    setError(undefined);
    setProgress({ phase: "pull" });
    try {
      setSummary(await run.refresh(target, (p) => setProgress(p.phase === "done" ? undefined : p)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
    await load();
  }

  const determinate = progress?.phase === "write" && progress.total ? (progress.done ?? 0) / progress.total : undefined;
  return (
    <div className={styles.root} lang={lang}>
      <Title3 as="h2">{t.tablesHeading}</Title3>
      {list.s === "loading" && <Spinner size="small" label={t.loading} data-testid="tables-loading" />}
      {list.s === "error" && (
        <MessageBar intent="error" data-testid="tables-error">
          <MessageBarBody>
            <MessageBarTitle>{t.listError}</MessageBarTitle>
            {localizeError(list.error, lang)}
          </MessageBarBody>
          <Button size="small" onClick={() => void load()}>
            {t.retry}
          </Button>
        </MessageBar>
      )}
      {list.s === "done" && list.tables.length === 0 && <Text data-testid="tables-empty">{t.empty}</Text>}
      {list.s === "done" && list.tables.length > 0 && (
        <ul className={styles.list} aria-label={t.tablesHeading}>
          {list.tables.map((x) => (
            <li key={x.tableId} className={styles.item} data-testid={`table-${x.name}`}>
              <span className={styles.itemText}>
                <Text weight="semibold">{x.name}</Text>
                <Text size={200} className={styles.meta}>
                  {x.sheet} · {DATASETS[x.dataset]?.label[lang] ?? x.dataset} · {asOfText(x, t)}
                </Text>
              </span>
              <Button size="small" disabled={busy} onClick={() => void refresh({ table: x.tableId })} aria-label={t.refreshTable(x.name)}>
                {t.refreshOne}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void refresh("sheet")}>
          {t.refreshSheet}
        </Button>
        <Button disabled={busy} onClick={() => void refresh("workbook")}>
          {t.refreshWorkbook}
        </Button>
      </div>
      {queue.running && queue.waiting.length > 0 && (
        <Text size={200} role="status" data-testid="queue-waiting">
          {t.waitingFor(queue.running[lang], queue.waiting.length - 1)}
        </Text>
      )}
      {progress && (
        <div data-testid="refresh-progress" role="status">
          <ProgressBar value={determinate} aria-label={progressText(progress, t)} />
          <Text size={200}>{progressText(progress, t)}</Text>
        </div>
      )}
      {error !== undefined && (
        <MessageBar intent="error" data-testid="refresh-error">
          <MessageBarBody>
            <MessageBarTitle>{t.refreshError}</MessageBarTitle>
            {localizeError(error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {summary && <RefreshSummaryCard summary={summary} lang={lang} t={t} showSheet={run.showSheet} />}
    </div>
  );
}

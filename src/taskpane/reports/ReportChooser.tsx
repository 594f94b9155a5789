/**
 * Choosing and building a report: template, scope (satker, a Kanwil, an eselon I unit, the whole key —
 * offered from the key's DIPA through the core's scopeOptions), period, label language; a preview of the
 * layout (rows × columns, formulas) computed by the core's buildReport before anything is written; and a
 * Build button that hands the request to `build` (src/excel/report-build.ts in Excel; absent in the
 * browser preview, where the button is disabled with a note). Self-contained: its own words, no session.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { DatasetId } from "../../omspan/routes";
import {
  buildReport,
  LEDGER_TEMPLATES,
  scopeOptions,
  templateNeeds,
  TEMPLATE_IDS,
  TEMPLATES,
  type GridCounts,
  type ReportRequest,
  type TemplateData,
  type TemplateId,
} from "../../omspan/templates";
import { monthName } from "../../omspan/templates/labels";
import type { ReportOutcome } from "../../excel/report-build";
import type { ReportWriteProgress } from "../../excel/report-writer";
import { BuildStatus } from "./BuildStatus";
import { reportWords } from "./report-strings";
import { ReconcileChooser, type ReconcileChooserProps } from "./ReconcileChooser";

export interface ReportChooserProps {
  /** The pane's language (Office's display language). */
  readonly lang: Lang;
  /** Pulls the tables a template's layout reads, DIPA first (reportAdapter(deps).load); absent = not connected. */
  readonly load?: (needs: readonly DatasetId[]) => Promise<TemplateData>;
  /** Builds the report on a new sheet (reportAdapter(deps).build); absent outside Excel. */
  readonly build?: (request: ReportRequest, onProgress: (p: ReportWriteProgress) => void) => Promise<ReportOutcome>;
  /** The period offered first; defaults to the current month and year. */
  readonly initialPeriod?: { readonly month: number; readonly year: number };
  /** Rekonsiliasi's Excel side (src/excel/reconcile-build.ts); absent outside Excel. */
  readonly reconcile?: ReconcileChooserProps["reconcile"];
}

/** The scope templates, then the ledger ones (Rekonsiliasi): one list in the chooser. */
type Choice = TemplateId | keyof typeof LEDGER_TEMPLATES;
const CHOICES: readonly Choice[] = [...TEMPLATE_IDS, ...(Object.keys(LEDGER_TEMPLATES) as (keyof typeof LEDGER_TEMPLATES)[])];
const describe = (c: Choice) => (c in LEDGER_TEMPLATES ? LEDGER_TEMPLATES[c as keyof typeof LEDGER_TEMPLATES] : TEMPLATES[c as TemplateId]);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  preview: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  // A native select is as wide as its longest option unless told otherwise: never wider than the pane.
  fits: { minWidth: 0, maxWidth: "100%" },
  native: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

type ScopeKind = ReportRequest["scope"]["kind"];
type Loaded = { status: "loading" } | { status: "error"; error: string } | { status: "ready"; data: TemplateData };

export function ReportChooser({ lang, load, build, initialPeriod, reconcile }: ReportChooserProps) {
  const styles = useStyles();
  const w = reportWords(lang);
  const now = new Date();
  const [choice, setChoice] = useState<Choice>("realisasi-bulanan");
  const ledgerTemplate = choice in LEDGER_TEMPLATES;
  // The scope part keeps the last scope template chosen while a ledger template shows.
  const [template, setTemplate] = useState<TemplateId>("realisasi-bulanan");
  const [kind, setKind] = useState<ScopeKind>("kanwil");
  const [satkerText, setSatkerText] = useState<string | undefined>(undefined);
  const [kanwil, setKanwil] = useState("");
  const [eselon1, setEselon1] = useState("");
  const [month, setMonth] = useState(initialPeriod?.month ?? now.getMonth() + 1);
  const [year, setYear] = useState(initialPeriod?.year ?? now.getFullYear());
  const [labelLang, setLabelLang] = useState<Lang>(lang);
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [progress, setProgress] = useState<ReportWriteProgress | undefined>();
  const [building, setBuilding] = useState(false);
  const [outcome, setOutcome] = useState<ReportOutcome | undefined>();

  // The tables the chosen template's layout reads; the store behind `load` pulls each once.
  const needs = templateNeeds(template).join(",");
  useEffect(() => {
    if (!load) return;
    let live = true;
    setLoaded({ status: "loading" });
    load(needs.split(",") as DatasetId[]).then(
      (data) => live && setLoaded({ status: "ready", data }),
      (err: unknown) => live && setLoaded({ status: "error", error: localizeError(err, lang) }),
    );
    return () => {
      live = false;
    };
  }, [load, needs, lang, attempt]);

  const data = loaded.status === "ready" ? loaded.data : undefined;
  const options = useMemo(() => (data ? scopeOptions(data.dipa) : undefined), [data]);
  // The first of each list is chosen until the user picks another.
  const chosenKanwil = kanwil || options?.kanwil[0] || "";
  const chosenEselon1 = eselon1 || options?.eselon1[0] || "";
  const chosenSatker = satkerText ?? options?.satker[0] ?? "";

  const request = useMemo((): ReportRequest => {
    const scope: ReportRequest["scope"] =
      kind === "satker"
        ? { kind, satker: chosenSatker.split(/[\s,;]+/).filter(Boolean) }
        : kind === "kanwil"
          ? { kind, kanwil: chosenKanwil }
          : kind === "eselon1"
            ? { kind, eselon1: chosenEselon1 }
            : { kind };
    return { template, scope, month, year, lang: labelLang };
  }, [template, kind, chosenSatker, chosenKanwil, chosenEselon1, month, year, labelLang]);

  const preview = useMemo((): { counts: GridCounts } | { error: string } | undefined => {
    if (!data) return undefined;
    try {
      return { counts: buildReport(request, data).counts };
    } catch (err) {
      return { error: localizeError(err, lang) };
    }
  }, [data, request, lang]);

  const onBuild = useCallback(async () => {
    if (!build) return;
    setBuilding(true);
    setOutcome(undefined);
    setProgress(undefined);
    try {
      setOutcome(await build(request, setProgress));
    } catch (err) {
      setOutcome({ ok: false, error: localizeError(err, lang) });
    } finally {
      setBuilding(false);
    }
  }, [build, request, lang]);

  if (!load) {
    return (
      <section className={styles.root} aria-label={w.heading}>
        <Text weight="semibold">{w.heading}</Text>
        <MessageBar intent="info">
          <MessageBarBody>{w.notConnected}</MessageBarBody>
        </MessageBar>
      </section>
    );
  }

  return (
    <section className={styles.root} aria-label={w.heading}>
      <Text weight="semibold">{w.heading}</Text>
      <Field className={styles.fits} label={w.template} hint={describe(choice).description[lang]}>
        <Select
          className={styles.fits}
          select={{ className: styles.native }}
          value={choice}
          onChange={(_, d) => {
            setChoice(d.value as Choice);
            if (!(d.value in LEDGER_TEMPLATES)) setTemplate(d.value as TemplateId);
          }}
        >
          {CHOICES.map((id) => (
            <option key={id} value={id}>
              {describe(id).label[lang]}
            </option>
          ))}
        </Select>
      </Field>
      {ledgerTemplate && <ReconcileChooser lang={lang} reconcile={reconcile} />}

      {!ledgerTemplate && loaded.status === "loading" && <Spinner size="tiny" label={w.loading} />}
      {!ledgerTemplate && loaded.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{w.loadFailed}</MessageBarTitle>
            {loaded.error}
          </MessageBarBody>
          <Button onClick={() => setAttempt((n) => n + 1)}>{w.retry}</Button>
        </MessageBar>
      )}

      {options && !ledgerTemplate && (
        <>
          <Field label={w.scope}>
            <Select value={kind} onChange={(_, d) => setKind(d.value as ScopeKind)}>
              {(["satker", "kanwil", "eselon1", "all"] as const).map((k) => (
                <option key={k} value={k}>
                  {w.scopeKinds[k]}
                </option>
              ))}
            </Select>
          </Field>
          {kind === "satker" && (
            <Field label={w.satkerCodes}>
              <Input value={chosenSatker} onChange={(_, d) => setSatkerText(d.value)} list="omspan-report-satker" />
              <datalist id="omspan-report-satker">
                {options.satker.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </Field>
          )}
          {kind === "kanwil" && (
            <Field label={w.kanwil}>
              <Select value={chosenKanwil} onChange={(_, d) => setKanwil(d.value)}>
                {options.kanwil.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {kind === "eselon1" && (
            <Field label={w.eselon1}>
              <Select value={chosenEselon1} onChange={(_, d) => setEselon1(d.value)}>
                {options.eselon1.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <div className={styles.row}>
            <Field label={w.month}>
              <Select value={String(month)} onChange={(_, d) => setMonth(Number(d.value))}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {monthName(i + 1, lang)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={w.year}>
              <Input type="number" value={String(year)} onChange={(_, d) => setYear(Number(d.value))} />
            </Field>
            <Field label={w.labels}>
              <Select value={labelLang} onChange={(_, d) => setLabelLang(d.value as Lang)}>
                <option value="id">{w.labelLangs.id}</option>
                <option value="en">{w.labelLangs.en}</option>
              </Select>
            </Field>
          </div>

          <div className={styles.preview} role="status" aria-label={w.preview}>
            <Text weight="semibold">{w.preview}</Text>
            {preview && "counts" in preview && (
              <>
                <Text>{w.previewLine(preview.counts.rows, preview.counts.columns)}</Text>
                <Text>{w.formulasLine(preview.counts.omspanFormulas, preview.counts.excelFormulas)}</Text>
              </>
            )}
            {preview && "error" in preview && (
              <MessageBar intent="warning">
                <MessageBarBody>{preview.error}</MessageBarBody>
              </MessageBar>
            )}
          </div>

          <Button appearance="primary" disabled={!build || building || !preview || "error" in preview} onClick={() => void onBuild()}>
            {building ? w.building : w.build}
          </Button>
          {!build && <Text size={200}>{w.needsExcel}</Text>}
          <BuildStatus building={building} progress={progress} outcome={outcome} w={w} />
        </>
      )}
    </section>
  );
}

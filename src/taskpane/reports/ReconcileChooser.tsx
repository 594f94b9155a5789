/**
 * The Laporan tab's Rekonsiliasi: the user selects the satker's ledger (a range or a table) and presses
 * *Use selection*; the pane shows the columns found by their headers (each one correctable), what was read
 * (every unreadable row named), the satker, period and tolerance, and a preview the core computes — pairs
 * matched, each side's unmatched transactions — before *Build*. *Refresh every reconciliation* rebuilds
 * the workbook's reconciliation sheets from a fresh pull. Behaviour comes in through `reconcile`
 * (src/excel/reconcile-build.ts); without it (no Excel) the tab says Excel is needed.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { LedgerSelection, ReconcileAdapter } from "../../excel/reconcile-build";
import type { ReconcileRefreshOutcome } from "../../excel/reconcile-sheet";
import type { ReportOutcome } from "../../excel/report-build";
import type { ReportWriteProgress } from "../../excel/report-writer";
import { BuildStatus } from "./BuildStatus";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { Table } from "../../omspan/columnar/table";
import { LedgerColumnsFields } from "./LedgerColumnsFields";
import { ledgerPeriod } from "../../omspan/reconcile";
import { detectedColumns, previewOf, readWith, requestOf, type Columns } from "./reconcile-form";
import { reconcileWords } from "./reconcile-strings";

export interface ReconcileChooserProps {
  readonly lang: Lang;
  /** Excel's side (absent outside Excel). */
  readonly reconcile?: Pick<ReconcileAdapter, "readSelection" | "realisasi" | "build" | "refresh">;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const rupiah = (n: number, lang: Lang) => `Rp ${n.toLocaleString(lang === "id" ? "id-ID" : "en", { maximumFractionDigits: 2 })}`;
const SHOWN_BAD = 5;

export function ReconcileChooser({ lang, reconcile }: ReconcileChooserProps) {
  const styles = useStyles();
  const w = reconcileWords(lang);
  const [selection, setSelection] = useState<LedgerSelection | undefined>();
  const [selectionError, setSelectionError] = useState<string | undefined>();
  const [reading, setReading] = useState(false);
  const [columns, setColumns] = useState<Columns>({ headerRow: 0, mapping: {} });
  const [form, setForm] = useState({ satker: "", from: "", to: "", tolerance: 3, lang });
  const [realisasi, setRealisasi] = useState<{ table?: Table; error?: string }>({});
  const [building, setBuilding] = useState(false);
  const [progress, setProgress] = useState<ReportWriteProgress | undefined>();
  const [outcome, setOutcome] = useState<ReportOutcome | undefined>();
  const [refreshed, setRefreshed] = useState<readonly ReconcileRefreshOutcome[] | undefined>();

  useEffect(() => {
    if (!reconcile) return;
    let live = true;
    reconcile.realisasi().then(
      (table) => live && setRealisasi({ table }),
      (err: unknown) => live && setRealisasi({ error: localizeError(err, lang) }),
    );
    return () => {
      live = false;
    };
  }, [reconcile, lang]);

  const reading$ = useMemo(() => (selection ? readWith(selection, columns, lang) : undefined), [selection, columns, lang]);
  const read = reading$?.ok ? reading$.read : undefined;

  const onUseSelection = useCallback(async () => {
    if (!reconcile) return;
    setReading(true);
    setSelectionError(undefined);
    setOutcome(undefined);
    const got = await reconcile.readSelection();
    setReading(false);
    if (!got.ok) return setSelectionError(got.error);
    const cols = detectedColumns(got.ledger);
    setSelection(got.ledger);
    setColumns(cols);
    const first = readWith(got.ledger, cols, lang);
    if (first.ok) {
      const period = ledgerPeriod(first.read.rows);
      setForm((f) => ({ ...f, ...(period ?? {}), satker: first.read.satkers.length === 1 ? first.read.satkers[0]! : f.satker }));
    }
  }, [reconcile, lang]);

  const request = useMemo(() => (selection && read ? requestOf(selection, read, form) : undefined), [selection, read, form]);
  const preview = useMemo(() => (request && read && realisasi.table ? previewOf(request, read, realisasi.table, lang) : undefined), [request, read, realisasi.table, lang]);

  const onBuild = useCallback(async () => {
    if (!reconcile || !request) return;
    setBuilding(true);
    setOutcome(undefined);
    setProgress(undefined);
    try {
      setOutcome(await reconcile.build(request, setProgress));
    } finally {
      setBuilding(false);
    }
  }, [reconcile, request]);

  const onRefresh = useCallback(async () => {
    if (!reconcile) return;
    setRefreshed(undefined);
    try {
      setRefreshed(await reconcile.refresh());
    } catch (err) {
      setRefreshed([{ sheet: "", ok: false, error: localizeError(err, lang) }]);
    }
  }, [reconcile, lang]);

  if (!reconcile) return <Text>{w.needsExcel}</Text>;
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <div className={styles.root}>
      <Text>{w.intro}</Text>
      <div className={styles.row}>
        <Button onClick={() => void onUseSelection()} disabled={reading}>
          {w.useSelection}
        </Button>
        {reading && <Spinner size="tiny" label={w.reading} />}
      </div>
      {selectionError && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{w.readFailed}</MessageBarTitle>
            {selectionError}
          </MessageBarBody>
        </MessageBar>
      )}
      {selection && (
        <>
          <Text weight="semibold">{w.ledger(selection.at, selection.rows.length)}</Text>
          <LedgerColumnsFields lang={lang} rows={selection.rows} firstRow={selection.firstRow} value={columns} onChange={setColumns} />
          {reading$ && !reading$.ok && reading$.error && (
            <MessageBar intent="warning">
              <MessageBarBody>{reading$.error}</MessageBarBody>
            </MessageBar>
          )}
          {read && (
            <div role="status" aria-label={w.asRead}>
              <Text>{w.readLine(read.rows.length, read.bad.length, read.blank)}</Text>
              {read.bad.length > 0 && (
                <ul className={styles.list}>
                  {read.bad.slice(0, SHOWN_BAD).map((b) => (
                    <li key={b.row}>{w.badRow(b.row, b.why[lang])}</li>
                  ))}
                  {read.bad.length > SHOWN_BAD && <li>{w.moreBad(read.bad.length - SHOWN_BAD)}</li>}
                </ul>
              )}
              {read.textCells && <Text size={200}>{w.textNote}</Text>}
            </div>
          )}
          <div className={styles.row}>
            <Field label={w.satker}>
              <Input value={form.satker} onChange={(_, d) => set({ satker: d.value })} />
            </Field>
            <Field label={w.tolerance}>
              <Input type="number" value={String(form.tolerance)} onChange={(_, d) => set({ tolerance: Number(d.value) })} />
            </Field>
          </div>
          <div className={styles.row}>
            <Field label={w.from}>
              <Input type="date" value={form.from} onChange={(_, d) => set({ from: d.value })} />
            </Field>
            <Field label={w.to}>
              <Input type="date" value={form.to} onChange={(_, d) => set({ to: d.value })} />
            </Field>
            <Field label={w.labels}>
              <Select value={form.lang} onChange={(_, d) => set({ lang: d.value as Lang })}>
                <option value="id">{w.labelLangs.id}</option>
                <option value="en">{w.labelLangs.en}</option>
              </Select>
            </Field>
          </div>
          <div role="status" aria-label={w.preview} style={{ display: "flex", flexDirection: "column" }}>
            <Text weight="semibold">{w.preview}</Text>
            {!realisasi.table && !realisasi.error && <Spinner size="tiny" label={w.loadingOmspan} />}
            {realisasi.error && <Text>{realisasi.error}</Text>}
            {preview?.ok && (
              <>
                <Text>{w.matched(Object.values(preview.result.matched).reduce((a, b) => a + b, 0))}</Text>
                <Text>{w.ledgerOnly(preview.result.unmatched.ledger.length, rupiah(preview.result.unmatched.ledger.reduce((s, l) => s + l.amount, 0), lang))}</Text>
                <Text>{w.omspanOnly(preview.result.unmatched.omspan.length, rupiah(preview.result.unmatched.omspan.reduce((s, o) => s + o.amount, 0), lang))}</Text>
                {preview.result.balanced && <Text>{w.balanced}</Text>}
                <Text>{w.size(preview.counts.rows, preview.counts.columns)}</Text>
              </>
            )}
            {preview && !preview.ok && (
              <MessageBar intent="warning">
                <MessageBarBody>{preview.error}</MessageBarBody>
              </MessageBar>
            )}
          </div>
          <Button appearance="primary" disabled={building || !preview?.ok} onClick={() => void onBuild()}>
            {building ? w.building : w.build}
          </Button>
          <BuildStatus building={building} progress={progress} outcome={outcome} w={w} />
        </>
      )}
      <Button onClick={() => void onRefresh()}>{w.refresh}</Button>
      {refreshed && (
        <ul className={styles.list} aria-label={w.refresh}>
          {refreshed.length === 0 && <li>{w.noneToRefresh}</li>}
          {refreshed.map((r, i) => (
            <li key={`${r.sheet}-${i}`}>{r.ok ? w.refreshed(r.sheet) : w.refreshFailed(r.sheet, r.error)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Siap Rapat in Excel, the API the ribbon and the pane call: refresh the workbook (through the public
 * refresh, refreshWorkbook — or, when the workbook is frozen, keep the frozen data and check it), read
 * the workbook's model in blocks, run the checks over it against the store behind the cells, and write
 * the `Siap Rapat` sheet; then, on the user's word, keep the presented version (values-only copies of
 * the OMSPAN and report sheets) and freeze. Each Excel step runs in the add-in's one queue; the refresh
 * queues itself, so it is never nested inside Siap Rapat's own job. Every finished check is broadcast
 * to `onSiapRapatDone` listeners, so an open pane shows the result of a ribbon click.
 */
import { localizeError } from "../omspan/messages";
import { checkWorkbook, type CheckOptionsInput, type CheckReport, type WorkbookModel } from "../omspan/siap-rapat";
import { queued } from "./excel-queue";
import { runExcel } from "./excel-run";
import { refreshWorkbook, type RefreshSummary, type TableProgress } from "./omspan-tables";
import { copyPresented } from "./presented-copy";
import { calculating, readExcelModel } from "./siap-rapat-model";
import { writeSiapRapatSheet } from "./siap-rapat-sheet";
import { label, type TableDeps } from "./table-outcome";

export interface SiapRapatDeps extends TableDeps {
  readonly options?: CheckOptionsInput;
}

export type SiapRapatPhase = "refresh" | "read" | "check" | "write" | "done";

export interface SiapRapatResult {
  readonly report: CheckReport;
  /** The `Siap Rapat` sheet's name. */
  readonly sheet: string;
  /** The refresh it made (none when the workbook is frozen). */
  readonly refreshed?: RefreshSummary;
  readonly frozen: boolean;
  /** The OMSPAN and report sheets: what a presented version copies. */
  readonly presentable: readonly string[];
}

const listeners = new Set<(r: SiapRapatResult) => void>();

/** Subscribes to every finished Siap Rapat (ribbon or pane); returns the unsubscribe function. */
export function onSiapRapatDone(listener: (r: SiapRapatResult) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How long Siap Rapat waits for cells still calculating before it reads them as they are. */
const SETTLE_TRIES = 6;
const SETTLE_MS = 150;

/** The sheets a presented version copies: those with OMSPAN formulas or tables, and the reports. */
function presentableSheets(model: WorkbookModel): string[] {
  const omspan = new Set<string>([...model.tables.map((t) => t.sheet.toLowerCase()), ...model.reports.map((r) => r.sheet.toLowerCase())]);
  for (const s of model.sheets) if (!s.own && s.blocks.some((b) => b.formulas.some((row) => row.some((f) => f !== null && /\bOMSPAN\./i.test(f))))) omspan.add(s.name.toLowerCase());
  return model.sheets.filter((s) => !s.own && omspan.has(s.name.toLowerCase())).map((s) => s.name);
}

/** Refreshes (unless frozen), checks and writes the Siap Rapat sheet. */
export async function siapRapat(deps: SiapRapatDeps, onProgress?: (phase: SiapRapatPhase, refresh?: TableProgress) => void): Promise<SiapRapatResult> {
  const frozen = deps.store.isFrozen();
  let refreshed: RefreshSummary | undefined;
  if (!frozen) {
    onProgress?.("refresh");
    refreshed = await refreshWorkbook(deps, (p) => onProgress?.("refresh", p));
  }
  const lang = deps.lang();
  const result = await queued(label("Siap Rapat", "Siap Rapat"), () =>
    runExcel(async (context) => {
      onProgress?.("read");
      let model = await readExcelModel(context);
      // A formula reading an async function's answer shows #BUSY! until it arrives: wait, then read again.
      for (let i = 0; i < SETTLE_TRIES && calculating(model) > 0; i++) {
        await deps.store.whenIdle();
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        model = await readExcelModel(context);
      }
      onProgress?.("check");
      const report = await checkWorkbook(model, { live: true, data: (d) => deps.store.get(deps.connection(), d) }, deps.options);
      onProgress?.("write");
      const sheet = await writeSiapRapatSheet(context, report, lang);
      return { report, sheet, frozen, presentable: presentableSheets(model), ...(refreshed ? { refreshed } : {}) };
    }),
  );
  onProgress?.("done");
  for (const l of listeners) {
    try {
      l(result);
    } catch (err) {
      console.warn("OMSPAN: a Siap Rapat listener failed", err);
    }
  }
  return result;
}

/**
 * Keeps the presented version of the sheets (values-only copies named with the day), then freezes
 * through `freeze` (the pane's freeze: pin the store, keep the pin). A failure names what was made.
 */
export async function keepPresentedVersion(deps: TableDeps, sheets: readonly string[], freeze: () => Promise<void>, at: Date = new Date()): Promise<{ readonly copies: readonly string[] }> {
  const copies = await queued(label("Keep the presented version", "Simpan versi yang disajikan"), () => runExcel((context) => copyPresented(context, sheets, at)));
  try {
    await freeze();
  } catch (err) {
    const lang = deps.lang();
    throw new Error(
      lang === "id"
        ? `Salinan disimpan (${copies.join(", ")}), tetapi buku kerja tidak dapat dibekukan: ${localizeError(err, lang)}`
        : `The copies were kept (${copies.join(", ")}), but the workbook could not be frozen: ${localizeError(err, lang)}`,
      { cause: err },
    );
  }
  return { copies };
}

/** *Go to* a finding's cell: its sheet shown, the cell selected. */
export async function goToCell(cell: { readonly sheet: string; readonly address: string }): Promise<void> {
  await runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(cell.sheet);
    sheet.activate();
    sheet.getRange(cell.address).select();
    await context.sync();
  });
}

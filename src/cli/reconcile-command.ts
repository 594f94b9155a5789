/**
 * `omspan reconcile LEDGER --satker CODE [--from yyyy-mm-dd --to yyyy-mm-dd] [--tolerance-days N]`: the
 * satker's own books (a CSV, or an .xlsx sheet: `buku.xlsx:Sheet`) against OMSPAN's Realisasi, with the
 * pane's core — the columns found by their headers, every bad row named, the same matcher — printed, or
 * written as JSON (`--json`), CSV files (`--out DIR`) or the Rekonsiliasi report workbook (`--xlsx FILE`,
 * through the file report writer: SUMIFS over its copy of the ledger beside OMSPAN.REALISASI.BULAN, every
 * value computed).
 *
 * Exit codes: 0 when everything matches (nothing unmatched, no difference, no unreadable row); 8
 * (EXIT.found) when differences remain; 10 when a workbook file could not be read or written (`--xlsx`
 * can meet both, so a script tells a finished reconciliation with differences from a report never
 * written); 2 for usage; the other codes as every command.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "../omspan/errors";
import { dataSource } from "../omspan/formulas";
import { dayOfIso, ledgerPeriod, mappingNames, omspanRows, parseCsv, parseReconcileRequest, readLedger, reconcile, type LedgerRead } from "../omspan/reconcile";
import { isSheetError } from "../omspan/sheet-calc";
import { Store } from "../omspan/store";
import { REKONSILIASI } from "../omspan/templates";
import { XlsxBook } from "../xlsx/book";
import { readWorkbookFile, refuseIfOpen, writeFileAtomic } from "../xlsx/atomic-file";
import { computeReport, reportWorkbook } from "../xlsx/report/report-file";
import { openConnection } from "./connect";
import { EXIT } from "./exit-codes";
import { CONNECTION_FLAGS, parseFlags, terminalLang } from "./parse-flags";
import { reconcileCsv, reconcileJson, reconcileText } from "./reconcile-output";


export const RECONCILE_USAGE = `  omspan reconcile <ledger.csv|ledger.xlsx[:Sheet]> --satker CODE [--from yyyy-mm-dd --to yyyy-mm-dd]
                [--tolerance-days N] [--json | --out DIR | --xlsx FILE.xlsx] [--lang id|en]
                                           the satker's books against OMSPAN; exit 0 all matched,
                                           ${EXIT.found} differences remain`;

const usage = (en: string, id: string, value?: string) => new InvalidArgumentError("reconcile", { en, id }, value);

/** `buku.xlsx:Kas` → the file and the sheet; a CSV has no sheet (a Windows drive's colon is not one). */
export function ledgerArg(arg: string): { file: string; sheet?: string } {
  const m = /^(.*\.xls[xm]):([^\\/:]+)$/i.exec(arg);
  return m ? { file: m[1]!, sheet: m[2]! } : { file: arg };
}

/** The ledger file as rows of cells (and whether its serials count from 1904). */
async function ledgerRows(arg: string): Promise<{ rows: unknown[][]; firstRow: number; date1904: boolean; label: string }> {
  const { file, sheet } = ledgerArg(arg);
  if (!/\.xls[xm]$/i.test(file)) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw usage(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`, `tidak dapat membaca ${file} (${(e as NodeJS.ErrnoException).code ?? "galat"})`, file);
    }
    return { rows: parseCsv(text), firstRow: 1, date1904: false, label: path.basename(file) };
  }
  const book = XlsxBook.open(await readWorkbookFile(file));
  const name = sheet ?? book.sheets().find((s) => s.kind === "worksheet" && s.visibility === "visible")?.name;
  if (!name) throw usage(`${file} has no worksheet`, `${file} tidak memiliki lembar kerja`, file);
  const cells = book.scan(name).cells;
  if (!cells.length) return { rows: [], firstRow: 1, date1904: book.workbook.date1904, label: `${path.basename(file)}:${name}` };
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const rows: unknown[][] = [];
  for (const c of cells) {
    const line = (rows[c.row - top] ??= []);
    line[c.col - left] = isSheetError(c.value) ? c.value.code : c.value;
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { rows, firstRow: top + 1, date1904: book.workbook.date1904, label: `${path.basename(file)}:${name}` };
}

export async function runReconcile(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...CONNECTION_FLAGS,
    satker: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "tolerance-days": { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" },
    xlsx: { type: "string" },
    lang: { type: "string" },
  });
  const [ledgerPath, extra] = positionals;
  if (!ledgerPath) throw usage("reconcile needs a ledger file (CSV or .xlsx)", "reconcile memerlukan berkas buku (CSV atau .xlsx)");
  if (extra !== undefined) throw usage(`unexpected argument ${extra}`, `argumen ${extra} tidak terduga`, extra);
  if (!values.satker) throw usage("--satker CODE is required", "--satker KODE wajib diisi");
  const tolerance = values["tolerance-days"] === undefined ? 3 : Number(values["tolerance-days"]);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 31) throw usage("--tolerance-days is a whole number 0–31", "--tolerance-days bilangan bulat 0–31", values["tolerance-days"]);
  if ((values.from === undefined) !== (values.to === undefined)) throw usage("give --from and --to together", "beri --from dan --to bersama-sama");
  const lang = values.lang ?? "id";
  if (lang !== "id" && lang !== "en") throw usage("--lang is id or en", "--lang bernilai id atau en", String(lang));
  if (values.xlsx !== undefined && !/\.xlsx$/i.test(values.xlsx)) throw usage("--xlsx FILE.xlsx", "--xlsx BERKAS.xlsx", values.xlsx);
  if (values.xlsx) await refuseIfOpen(values.xlsx);

  const ledger = await ledgerRows(ledgerPath);
  const read: LedgerRead = readLedger(ledger.rows, { firstRow: ledger.firstRow, date1904: ledger.date1904 });
  const period = values.from && values.to ? { from: values.from, to: values.to } : ledgerPeriod(read.rows);
  if (!period) throw usage("the ledger has no readable transaction: give --from and --to", "buku tidak memiliki transaksi yang terbaca: beri --from dan --to");
  const request = parseReconcileRequest({
    template: "rekonsiliasi", satker: values.satker, from: period.from, to: period.to, toleranceDays: tolerance, lang,
    ledger: { at: ledger.label, file: ledger.label, columns: mappingNames(read.mapping, read.header) },
  });

  const c = await openConnection({ upstream: values.upstream, key: values.key, keyFile: values["key-file"], profile: values.profile, year: values.year ?? period.from.slice(0, 4) });
  try {
    const store = new Store();
    const realisasi = await store.get(c.conn, "realisasi");
    const [from, to] = [dayOfIso(request.from), dayOfIso(request.to)];
    const result = reconcile({ ledger: read.rows, omspan: omspanRows(realisasi.table, [request.satker], from - tolerance, to + tolerance), satker: request.satker, from, to, toleranceDays: tolerance });
    if (values.json) process.stdout.write(JSON.stringify(reconcileJson(result, read.bad), null, 2) + "\n");
    else if (!values.out && !values.xlsx) process.stdout.write(reconcileText(result, read.bad, terminalLang()));
    if (values.out) {
      await mkdir(values.out, { recursive: true });
      for (const [name, text] of Object.entries(reconcileCsv(result, read.bad))) await writeFile(path.join(values.out, name), text, "utf8");
    }
    if (values.xlsx) {
      const { grid } = REKONSILIASI.build(request, { realisasi: realisasi.table, ledger: read });
      const computed = await computeReport(grid, async (ids) => dataSource(...(await Promise.all(ids.map((d) => store.get(c.conn, d))))));
      await writeFileAtomic(values.xlsx, reportWorkbook(grid, computed.valueAt));
      for (const u of computed.unevaluated) process.stderr.write(`omspan: ${u.sheet}!${u.row + 1}:${u.col + 1} not computed: ${u.reason.en}\n`);
    }
    const balanced = result.balanced && read.bad.length === 0;
    const t = terminalLang() === "id";
    process.stderr.write(
      t
        ? `omspan: ${result.considered.ledger} baris buku, ${result.considered.omspan} baris OMSPAN; hanya di buku ${result.unmatched.ledger.length}, hanya di OMSPAN ${result.unmatched.omspan.length}, tidak terbaca ${read.bad.length}\n`
        : `omspan: ${result.considered.ledger} ledger rows, ${result.considered.omspan} OMSPAN rows; ledger only ${result.unmatched.ledger.length}, OMSPAN only ${result.unmatched.omspan.length}, unreadable ${read.bad.length}\n`,
    );
    return balanced ? EXIT.ok : EXIT.found;
  } finally {
    await c.close();
  }
}

/**
 * `omspan report build TEMPLATE …`: the pane's report as an .xlsx without Excel — the same template
 * definitions and grid (src/omspan/templates), every formula's value computed by the sheet evaluator
 * through the formula catalogue, written by src/xlsx and replaced atomically. `--values` writes a copy
 * for a colleague without the add-in: every OMSPAN formula replaced by its value.
 */
import path from "node:path";
import { decodeClaims } from "../omspan/claims";
import { InvalidArgumentError } from "../omspan/errors";
import { dataSource } from "../omspan/formulas";
import type { DatasetId } from "../omspan/routes";
import { Store } from "../omspan/store/store";
import { buildReport, templateNeeds, TEMPLATE_IDS, type ReportRequest, type TemplateData } from "../omspan/templates";
import { XlsxBook } from "../xlsx/book";
import { refuseIfOpen, writeFileAtomic } from "../xlsx/atomic-file";
import { computeReport, reportWorkbook } from "../xlsx/report/report-file";
import { replaceOmspanWithValues } from "../xlsx/values-copy";
import { openConnection } from "./connect";
import { EXIT } from "./exit-codes";
import { CONNECTION_FLAGS, parseFlags } from "./parse-flags";

export const REPORT_USAGE = `  omspan report build <template> [--satker CODES | --kanwil CODE | --eselon1 CODE] --month N
                [--year YYYY] [--lang id|en] --out FILE.xlsx [--values]
                                           a report as the pane builds it, every value computed;
                                           --values: OMSPAN formulas replaced by their values (to send)
Templates: ${TEMPLATE_IDS.join(", ")}`;

const usage = (en: string, id: string, value?: string) => new InvalidArgumentError("report", { en, id }, value);

/** The request the flags ask for (validated by the core's schema afterwards). */
export function reportRequestOf(template: string | undefined, v: Record<string, string | boolean | undefined>, keyYear?: number): ReportRequest {
  if (!template || !(TEMPLATE_IDS as readonly string[]).includes(template)) {
    throw usage(`report build needs a template: ${TEMPLATE_IDS.join(", ")}`, `report build memerlukan templat: ${TEMPLATE_IDS.join(", ")}`, template);
  }
  const scopes = (["satker", "kanwil", "eselon1"] as const).filter((k) => v[k] !== undefined);
  if (scopes.length > 1) throw usage("give one of --satker, --kanwil, --eselon1 (or none for everything the key sees)", "beri salah satu --satker, --kanwil, --eselon1 (atau tidak sama sekali untuk semua yang terlihat kunci)");
  const month = Number(v.month);
  if (v.month === undefined || !Number.isInteger(month) || month < 1 || month > 12) throw usage("--month 1–12 is required", "--month 1–12 wajib diisi", String(v.month ?? ""));
  const year = v.year !== undefined ? Number(v.year) : (keyYear ?? new Date().getFullYear());
  if (!Number.isInteger(year)) throw usage("--year is a year like 2026", "--year berupa tahun, mis. 2026", String(v.year));
  const lang = v.lang ?? "id";
  if (lang !== "id" && lang !== "en") throw usage("--lang is id or en", "--lang bernilai id atau en", String(lang));
  const scope =
    scopes[0] === "satker"
      ? { kind: "satker" as const, satker: String(v.satker).split(",").map((s) => s.trim()).filter(Boolean) }
      : scopes[0] === "kanwil"
        ? { kind: "kanwil" as const, kanwil: String(v.kanwil) }
        : scopes[0] === "eselon1"
          ? { kind: "eselon1" as const, eselon1: String(v.eselon1) }
          : { kind: "all" as const };
  return { template: template as ReportRequest["template"], scope, month, year, lang };
}

export async function runReport(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...CONNECTION_FLAGS,
    satker: { type: "string" },
    kanwil: { type: "string" },
    eselon1: { type: "string" },
    month: { type: "string" },
    lang: { type: "string" },
    out: { type: "string" },
    values: { type: "boolean" },
  });
  const [sub, template, extra] = positionals;
  if (sub !== "build") throw usage(`unknown report command "${sub ?? ""}" (build)`, `perintah report "${sub ?? ""}" tidak dikenal (build)`);
  if (extra !== undefined) throw usage(`unexpected argument ${extra}`, `argumen ${extra} tidak terduga`, extra);
  const out = values.out;
  if (!out || !/\.xlsx$/i.test(out)) throw usage("--out FILE.xlsx is required", "--out BERKAS.xlsx wajib diisi", out);
  reportRequestOf(template, values); // flags checked before anything is pulled
  await refuseIfOpen(out);
  const c = await openConnection({ upstream: values.upstream, key: values.key, keyFile: values["key-file"], profile: values.profile, year: values.year });
  try {
    const keyYear = Number(decodeClaims(c.conn.key).kdt) || undefined;
    const request = reportRequestOf(template, values, keyYear);
    const store = new Store();
    const pulled = async (ids: readonly DatasetId[]) => Promise.all(ids.map((d) => store.get(c.conn, d)));
    const tables = await pulled(templateNeeds(request.template));
    const data = Object.fromEntries(tables.map((t) => [t.dataset, t.table])) as unknown as TemplateData;
    const { grid, counts } = buildReport(request, data);
    const computed = await computeReport(grid, async (ids) => dataSource(...(await pulled(ids))));
    let bytes = reportWorkbook(grid, computed.valueAt);
    let replaced = 0;
    if (values.values) {
      const book = XlsxBook.open(bytes);
      replaced = replaceOmspanWithValues(book);
      bytes = book.save();
    }
    await writeFileAtomic(out, bytes);
    for (const u of computed.unevaluated) process.stderr.write(`omspan: ${u.sheet}!${u.row + 1}:${u.col + 1} not computed: ${u.reason.en}\n`);
    const what = values.values ? `${replaced} OMSPAN formulas as values` : `${counts.omspanFormulas} OMSPAN + ${counts.excelFormulas} Excel formulas`;
    process.stderr.write(`omspan: wrote ${path.resolve(out)}: ${grid.sheetName}, ${counts.rows} rows × ${counts.columns} columns, ${what}\n`);
    return EXIT.ok;
  } finally {
    await c.close();
  }
}

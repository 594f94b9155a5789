/**
 * `omspan refresh FILE.xlsx… [--out DIR] [--values]`: the workbooks' OMSPAN tables and formulas made
 * current without Excel, for a nightly job (cron, a systemd timer, Windows Task Scheduler). Each dataset is
 * pulled once for all the files; each file is refreshed by the same orchestration as the add-in's *Refresh
 * workbook* (src/omspan/workbook) over the file adapter (src/xlsx/workbook) and replaced atomically.
 * One line per file on stderr, in the terminal's language; the exit code is the first failing file's
 * (0 when every file was refreshed): 10 a file open in Excel, unreadable, or a table in the way (the file is
 * written, that table left as it was); 9 a frozen workbook; 3, 6… a pull (the file is left byte-identical).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "../omspan/errors";
import type { Lang } from "../omspan/i18n";
import type { RefreshSummary } from "../omspan/workbook/outcome";
import { keptLine } from "../omspan/workbook/change-report";
import { refreshFiles, type FileJob, type FileResult, type RefreshFilesOptions } from "../xlsx/workbook/refresh-files";
import { openConnection } from "./connect";
import { EXIT, cliMessage, exitCodeOf } from "./exit-codes";
import { CONNECTION_FLAGS, SNAPSHOT_FLAGS, parseFlags, terminalLang } from "./parse-flags";
import { cliStore } from "./snapshot-flags";

export const REFRESH_USAGE = `  omspan refresh <FILE.xlsx>… [--out DIR] [--values] [--lang id|en]
                                           every OMSPAN table and formula of the files made current
                                           (each dataset pulled once); Perubahan rewritten; each file
                                           replaced atomically (or written to DIR); --values (needs --out):
                                           OMSPAN formulas replaced by their values, to send`;

const usage = (en: string, id: string, value?: string) => new InvalidArgumentError("refresh", { en, id }, value);

/** The jobs the arguments ask for (checked before anything is opened or pulled). */
export async function refreshJobs(files: readonly string[], out: string | undefined, values: boolean): Promise<FileJob[]> {
  if (!files.length) throw usage("refresh needs one or more workbook files (.xlsx, .xlsm)", "refresh memerlukan satu berkas buku kerja atau lebih (.xlsx, .xlsm)");
  for (const f of files) if (!/\.xls[xm]$/i.test(f)) throw usage(`${f} is not an .xlsx or .xlsm workbook`, `${f} bukan buku kerja .xlsx atau .xlsm`, f);
  if (values && !out) throw usage("--values writes a copy: give --out DIR (the workbook itself keeps its formulas)", "--values menulis salinan: berikan --out DIR (buku kerjanya sendiri tetap berisi rumus)");
  const names = files.map((f) => path.basename(f).toLowerCase());
  if (out && new Set(names).size !== names.length) throw usage("two files of the same name would go to the same --out file", "dua berkas bernama sama akan ditulis ke berkas --out yang sama");
  if (out) await mkdir(out, { recursive: true });
  return files.map((f) => ({ source: path.resolve(f), target: out ? path.resolve(out, path.basename(f)) : path.resolve(f) }));
}

/** The code of one file's result: 0, the failure's, or 8 when a table was skipped for being in the way. */
export function resultCode(r: FileResult): number {
  if (r.error !== undefined) return exitCodeOf(r.error);
  return r.summary?.tables.some((t) => t.status === "failed" || (t.status === "skipped" && t.reason !== "stale")) ? EXIT.workbookFile : EXIT.ok;
}

function counts(s: RefreshSummary, lang: Lang): string {
  const by = (st: string) => s.tables.filter((t) => t.status === st).length;
  const kept = s.tables.filter((t) => t.reason === "stale").length;
  const skipped = by("skipped") - kept;
  const id = lang === "id";
  const f = s.formulas;
  const cells = id ? `${f.cells ?? 0} sel OMSPAN (${f.changes.length} berubah)` : `${f.cells ?? 0} OMSPAN cell(s) (${f.changes.length} changed)`;
  const notComputed = f.notComputed?.length ? (id ? `, ${f.notComputed.length} rumus tidak dihitung` : `, ${f.notComputed.length} formula(s) not computed`) : "";
  if (!s.tables.length) return `${id ? "tanpa tabel OMSPAN" : "no OMSPAN tables"}, ${cells}${notComputed}`;
  const parts = [
    id ? `${s.tables.length} tabel (${by("refreshed")} diperbarui` : `${s.tables.length} table(s) (${by("refreshed")} refreshed`,
    ...(kept ? [id ? `${kept} dibiarkan: data lama` : `${kept} kept: stale`] : []),
    ...(skipped ? [id ? `${skipped} dilewati` : `${skipped} skipped`] : []),
    ...(by("failed") ? [id ? `${by("failed")} gagal` : `${by("failed")} failed`] : []),
    ...(by("deleted") ? [id ? `${by("deleted")} terhapus` : `${by("deleted")} deleted`] : []),
  ];
  return `${parts.join(", ")}), ${cells}${notComputed}`;
}

/** The one stderr line of a file (what a nightly job's log keeps). */
export function resultLine(r: FileResult, lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const name = r.job.source;
  if (r.error !== undefined) {
    return lang === "id"
      ? `omspan: ${name} tidak disegarkan (berkas tidak berubah): ${cliMessage(r.error, env).replace(/^omspan: /, "")}`
      : `omspan: ${name} not refreshed (the file is unchanged): ${cliMessage(r.error, env).replace(/^omspan: /, "")}`;
  }
  const s = r.summary!;
  const where = r.job.target === r.job.source ? "" : ` → ${r.job.target}`;
  const stale = s.stale?.length ? (lang === "id" ? `; DATA LAMA: ${keptLine(s.stale, lang)}` : `; STALE: ${keptLine(s.stale, lang)}`) : "";
  const values = r.replaced !== undefined ? (lang === "id" ? `; ${r.replaced} rumus OMSPAN menjadi nilai` : `; ${r.replaced} OMSPAN formula(s) as values`) : "";
  const report = s.reportSheet ? (lang === "id" ? `; laporan di ${s.reportSheet}` : `; report in ${s.reportSheet}`) : "";
  const warnings = s.warnings.filter((w) => !stale || !/OMSPAN (tidak dapat dihubungi|could not be reached)/.test(w));
  const warned = warnings.length ? `; ${warnings.join("; ")}` : "";
  return `omspan: ${lang === "id" ? "disegarkan" : "refreshed"} ${name}${where}: ${counts(s, lang)}${report}${values}${stale}${warned}`;
}

export async function runRefresh(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, opts: Pick<RefreshFilesOptions, "hooks"> = {}): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...CONNECTION_FLAGS,
    out: { type: "string" },
    values: { type: "boolean" },
    lang: { type: "string" },
    ...SNAPSHOT_FLAGS,
  });
  const reportLang = values.lang ?? "id";
  if (reportLang !== "id" && reportLang !== "en") throw usage("--lang is id or en", "--lang bernilai id atau en", reportLang);
  const jobs = await refreshJobs(positionals, values.out, Boolean(values.values));
  const store = cliStore({ snapshotDir: values["snapshot-dir"], allowStale: values["allow-stale"] }, env);
  const c = await openConnection({ upstream: values.upstream, key: values.key, keyFile: values["key-file"], profile: values.profile, year: values.year }, env);
  try {
    const results = await refreshFiles(jobs, { store, connection: () => c.conn, lang: () => reportLang }, { values: values.values, hooks: opts.hooks });
    const lang = terminalLang(env);
    for (const r of results) process.stderr.write(resultLine(r, lang, env) + "\n");
    return results.map(resultCode).find((code) => code !== EXIT.ok) ?? EXIT.ok;
  } finally {
    await store.settled();
    await c.close();
  }
}

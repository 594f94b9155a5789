/**
 * `omspan check book.xlsx [--json]`: Siap Rapat's checks on a workbook file — the same checks as the
 * add-in's button (src/omspan/siap-rapat), over the file's model (src/xlsx/siap-rapat-model.ts), the
 * figures compared with OMSPAN data pulled now through the one Store (a file holds its values, not the
 * data they came from). It only reads the file: nothing is written, so a file open in Excel can be
 * checked. Exit 0 when nothing is at stop (warnings and notes may remain), 8 (EXIT.found) when
 * something is, 10 when the file cannot be read (a script tells a bad report from an unreadable file),
 * 2 for usage; a pull that failed (and no snapshot may answer) keeps its own code (6 …).
 */
import type { Lang } from "../omspan/i18n";
import type { DatasetId } from "../omspan/routes";
import { InvalidArgumentError } from "../omspan/errors";
import { checkWorkbook, statusWord, type CheckReport } from "../omspan/siap-rapat";
import { XlsxBook } from "../xlsx/book";
import { readWorkbookFile } from "../xlsx/atomic-file";
import { xlsxWorkbookModel } from "../xlsx/siap-rapat-model";
import { openConnection } from "./connect";
import { EXIT } from "./exit-codes";
import { CONNECTION_FLAGS, SNAPSHOT_FLAGS, parseFlags, terminalLang } from "./parse-flags";
import { cliStore } from "./snapshot-flags";

export const CHECK_USAGE = `  omspan check <book.xlsx> [--json] [--today yyyy-mm-dd] [--max-cutoff-age DAYS]
                [--max-spread MINUTES] [--kurva-threshold POINTS]
                                           Siap Rapat's checks (freshness, errors, ties, domain);
                                           exit 0 nothing at stop, 8 something at stop`;

const usage = (en: string, id: string, value?: string) => new InvalidArgumentError("check", { en, id }, value);

function numberFlag(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw usage(`${name} is a number from ${min} to ${max}`, `${name} berupa angka ${min} sampai ${max}`, v);
  return n;
}

/** The report as text, in the terminal's language. */
export function formatCheckReport(r: CheckReport, lang: Lang): string {
  const lines: string[] = [];
  for (const o of r.outcomes) {
    lines.push(`${statusWord(o.status, lang).padEnd(10)} ${o.title[lang]}${o.note ? ` — ${o.note[lang]}` : ""}`);
    for (const f of o.findings) {
      const cells = f.cells.map((c) => `${c.sheet}!${c.address}`).join(", ");
      const more = f.more ? (lang === "id" ? ` (+${f.more} sel)` : ` (+${f.more} cells)`) : "";
      lines.push(`  ${statusWord(f.severity, lang).padEnd(10)} ${f.message[lang]}${cells ? `\n             ${cells}${more}` : ""}`);
    }
  }
  const { stop, warn, info } = r.counts;
  lines.push(lang === "id" ? `berhenti ${stop} · peringatan ${warn} · info ${info} (dibandingkan dengan ${r.basis.id})` : `stop ${stop} · warn ${warn} · info ${info} (compared with ${r.basis.en})`);
  return lines.join("\n") + "\n";
}

export async function runCheck(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...CONNECTION_FLAGS,
    ...SNAPSHOT_FLAGS,
    json: { type: "boolean" },
    today: { type: "string" },
    "max-cutoff-age": { type: "string" },
    "max-spread": { type: "string" },
    "kurva-threshold": { type: "string" },
  });
  const [file, extra] = positionals;
  if (!file || !/\.xls[xm]$/i.test(file)) throw usage("check needs a workbook file: omspan check book.xlsx", "check memerlukan berkas buku kerja: omspan check buku.xlsx", file);
  if (extra !== undefined) throw usage(`unexpected argument ${extra}`, `argumen ${extra} tidak terduga`, extra);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw usage("--today is yyyy-mm-dd", "--today berformat yyyy-mm-dd", values.today);
  const age = numberFlag(values["max-cutoff-age"], "--max-cutoff-age", 0, 260);
  const spread = numberFlag(values["max-spread"], "--max-spread", 0, 1440);
  const kurva = numberFlag(values["kurva-threshold"], "--kurva-threshold", 0, 100);
  const model = xlsxWorkbookModel(XlsxBook.open(await readWorkbookFile(file)));
  const store = cliStore({ snapshotDir: values["snapshot-dir"], allowStale: values["allow-stale"] }, env);
  const c = await openConnection({ upstream: values.upstream, key: values.key, keyFile: values["key-file"], profile: values.profile, year: values.year }, env);
  // A pull that failed (OMSPAN down, no snapshot allowed): the checks that can run still print, then the
  // failure's own exit code (6 unreachable, 3 key refused …) — the figures could not be compared.
  const failures: unknown[] = [];
  const data = (d: DatasetId) => store.get(c.conn, d).catch((e: unknown) => {
    failures.push(e);
    throw e;
  });
  try {
    const report = await checkWorkbook(
      model,
      { live: false, data },
      {
        ...(values.today ? { now: new Date(`${values.today}T12:00:00`) } : {}),
        ...(age !== undefined ? { maxCutoffAgeWorkingDays: Math.round(age) } : {}),
        ...(spread !== undefined ? { maxSpreadMinutes: spread } : {}),
        ...(kurva !== undefined ? { kurvaSThreshold: kurva / 100 } : {}),
      },
    );
    const lang = terminalLang(env);
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : formatCheckReport(report, lang));
    if (report.counts.stop > 0) return EXIT.found;
    if (failures.length) throw failures[0];
    return EXIT.ok;
  } finally {
    await store.settled();
    await c.close();
  }
}

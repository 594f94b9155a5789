/**
 * A week later: the same workbook refreshed against a simulator whose "today" moved on by seven days.
 * The change report (rows added / removed / changed, amount totals, formula cells old → new) must match
 * a diff computed independently from the two raw pulls.
 */
import { insertTable, refreshWorkbook, reportRows } from "../../src/excel/omspan-tables";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { omspanEvaluator } from "../support/omspan-evaluator";
import { rawRealisasi } from "../support/stack";
import { tableDeps } from "../support/tables";

let before: RunningSimulator;
let after: RunningSimulator;
let key: string;
let xl: ExcelStandin;
let useAfter = false;

beforeAll(async () => {
  before = await startSimulator({ port: 0, profile: "demo", today: "2026-11-13" });
  after = await startSimulator({ port: 0, profile: "demo", today: "2026-11-20" });
  key = await before.mintKey({ year: 2026 });
});
afterAll(async () => {
  await before?.close();
  await after?.close();
});
afterEach(() => xl?.uninstall());

const IDENTITY = ["KDSATKER", "KPPN", "BA", "BAES1", "AKUN", "PROGRAM", "KEGIATAN", "OUTPUT", "KEWENANGAN", "SUMBER_DANA", "CARA_TARIK", "KDREGISTER", "LOKASI", "BUDGET_TYPE", "TANGGAL"];

/** The independent diff: raw wire strings, grouped by the row's codes and date, counted as multisets. */
function rawDiff(old: Record<string, string>[], now: Record<string, string>[], satker: string) {
  const pick = (rows: Record<string, string>[]) => rows.filter((r) => r.KDSATKER === satker);
  const group = (rows: Record<string, string>[]) => {
    const g = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const id = IDENTITY.map((k) => r[k]).join("|");
      const full = `${id}|${r.AMOUNT}`;
      const m = g.get(id) ?? new Map<string, number>();
      m.set(full, (m.get(full) ?? 0) + 1);
      g.set(id, m);
    }
    return g;
  };
  const o = group(pick(old));
  const n = group(pick(now));
  let added = 0, removed = 0, changed = 0;
  for (const id of new Set([...o.keys(), ...n.keys()])) {
    const a = o.get(id) ?? new Map<string, number>();
    const b = n.get(id) ?? new Map<string, number>();
    let left = 0, right = 0;
    for (const [k, c] of a) left += Math.max(0, c - (b.get(k) ?? 0));
    for (const [k, c] of b) right += Math.max(0, c - (a.get(k) ?? 0));
    changed += Math.min(left, right);
    removed += left - Math.min(left, right);
    added += right - Math.min(left, right);
  }
  const total = (rows: Record<string, string>[]) => pick(rows).reduce((s, r) => s + Number(r.AMOUNT), 0);
  return { rowsBefore: pick(old).length, rowsAfter: pick(now).length, added, removed, changed, total: [total(old), total(now)] };
}

test("the change report of a refresh a week later matches an independent diff of the two pulls; table and formulas share one pull", async () => {
  const conn = () => ({ baseUrl: (useAfter ? after : before).baseUrl, key });
  const deps = tableDeps(conn, "en");
  xl = installExcelStandin({ sheets: ["Report"], evaluate: omspanEvaluator(deps.store, conn) });
  const res = await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "600001", lang: "en" }, at: "Report!A5" });
  xl.put("Report!A1", [['=OMSPAN.REALISASI("600001";"52")', '=OMSPAN.REALISASI("600001")', "=1+1"]]);
  await xl.model.settle();
  const [rawOld, rawNew] = await Promise.all([rawRealisasi(before.baseUrl, key), rawRealisasi(after.baseUrl, key)]);
  const sum = (rows: Record<string, string>[], akun: string) =>
    rows.filter((r) => r.KDSATKER === "600001" && r.AKUN!.startsWith(akun)).reduce((s, r) => s + Number(r.AMOUNT), 0);
  expect(xl.values("Report!A1:B1")).toEqual([[sum(rawOld, "52"), sum(rawOld, "")]]);

  useAfter = true;
  const pulls = deps.store.pulls;
  const summary = await refreshWorkbook(deps);
  // The table and both formula cells read Realisasi: one pull serves them all.
  expect(deps.store.pulls - pulls).toBe(1);
  const expected = rawDiff(rawOld, rawNew, "600001");
  expect(expected.added + expected.removed + expected.changed).toBeGreaterThan(0);
  const t = summary.tables.find((x) => x.table === res.table)!;
  expect(t.status).toBe("refreshed");
  expect(t.diff).toMatchObject({ rowsBefore: expected.rowsBefore, rowsAfter: expected.rowsAfter, added: expected.added, removed: expected.removed, changed: expected.changed });
  expect(t.diff!.totals).toEqual([{ key: "AMOUNT", header: "Realisation", before: expected.total[0], after: expected.total[1], delta: expected.total[1]! - expected.total[0]! }]);
  expect(summary.formulas.changes).toEqual([
    { address: "Report!A1", formula: '=OMSPAN.REALISASI("600001";"52")', before: sum(rawOld, "52"), after: sum(rawNew, "52") },
    { address: "Report!B1", formula: '=OMSPAN.REALISASI("600001")', before: sum(rawOld, ""), after: sum(rawNew, "") },
  ].filter((c) => c.before !== c.after));
  expect(summary.formulas.cells).toBe(2);
  // The report sheet says the same, with formulas shown as text.
  const sheet = xl.values(`Perubahan!A1:O${reportRows(summary, "en").length}`);
  expect(sheet).toEqual(reportRows(summary, "en").map((r) => r.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v))));
  expect(sheet.find((r) => r[0] === res.table)!.slice(3, 8)).toEqual([expected.rowsBefore, expected.rowsAfter, expected.added, expected.removed, expected.changed]);
  expect(xl.model.sheet("Perubahan")!.get(0, 0)?.f).toBeUndefined();
});

/**
 * The one refresh on both of its workbooks — the add-in on the Excel stand-in, and `omspan refresh` on the
 * same workbook saved as a file (test/support/refresh-faces.ts) — against real simulators a few weeks
 * apart: the same decisions (refresh, keep, skip, relink, forget, refuse) and the same change report,
 * whichever adapter reads and writes. Where the workbooks differ by nature (Excel moves the cells below a
 * growing table, a file does not; Excel takes a filter off and puts it back, a file's is refused), each
 * face's expectation is written out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { insertTable } from "../../src/excel/omspan-tables";
import { REGISTRY_SHEET, writePin } from "../../src/excel/hidden-sheets";
import { DirSnapshotStore } from "../../src/node/snapshot-dir";
import { OmspanClient } from "../../src/omspan/wire/client";
import { Snapshots } from "../../src/omspan/snapshots/snapshots";
import { Store } from "../../src/omspan/store/store";
import { reportRows } from "../../src/omspan/workbook/change-report";
import { mintKey, startSimulator, type RunningSimulator } from "../../src/simulator";
import { omspanEvaluator } from "../support/omspan-evaluator";
import { FACES, openFace, type RefreshFace } from "../support/refresh-faces";
import { rawRealisasi } from "../support/stack";
import { tableContent, tableDeps } from "../support/tables";
import { colName } from "../support/excel-standin/address";

let early: RunningSimulator;
let late: RunningSimulator;
let key: string;
let foreignKey: string;
let source: RunningSimulator;
let raw: { early: Record<string, string>[]; late: Record<string, string>[] };

beforeAll(async () => {
  early = await startSimulator({ port: 0, profile: "demo", today: "2026-10-02" });
  late = await startSimulator({ port: 0, profile: "demo", today: "2026-11-27" });
  key = await early.mintKey({ year: 2026 });
  foreignKey = await mintKey("not-the-simulators-secret", { year: 2026 });
  raw = { early: await rawRealisasi(early.baseUrl, key), late: await rawRealisasi(late.baseUrl, key) };
});
afterAll(async () => {
  await early?.close();
  await late?.close();
});

const query = { version: 1, dataset: "realisasi", satker: "600001", akun: "52", lang: "en" } as const;
const conn = () => ({ baseUrl: source.baseUrl, key });
/** The independent answer: raw rows of satker 600001, akun 52…, their count and amount total. */
const rawOf = (rows: Record<string, string>[], akun = "52") => {
  const picked = rows.filter((r) => r.KDSATKER === "600001" && r.AKUN!.startsWith(akun));
  return { rows: picked.length, total: picked.reduce((s, r) => s + Number(r.AMOUNT), 0) };
};

describe.each(FACES)("on %s", (faceName) => {
  let face: RefreshFace;
  let deps: ReturnType<typeof tableDeps>;
  beforeEach(() => {
    source = early;
    deps = tableDeps(conn, "en");
    face = openFace(faceName, { sheets: ["Laporan", "Lain"], evaluate: omspanEvaluator(deps.store, conn) });
  });
  afterEach(() => face.close());

  async function inserted(at = "Laporan!A3", q: object = query) {
    return insertTable(deps, { query: q, at });
  }

  test("weeks later: the table grows to the raw rows, the OMSPAN cell follows, and the change report says so", async () => {
    const res = await inserted();
    face.xl.put("Laporan!A1", [['=OMSPAN.REALISASI("600001","52")']]);
    await face.xl.model.settle();
    expect(face.xl.values("Laporan!A1")).toEqual([[rawOf(raw.early).total]]);
    source = late;
    const summary = await face.refresh(deps);
    const t = summary.tables.find((x) => x.table === res.table)!;
    expect(t).toMatchObject({ status: "refreshed", diff: { rowsBefore: rawOf(raw.early).rows, rowsAfter: rawOf(raw.late).rows } });
    expect(t.diff!.totals[0]).toMatchObject({ before: rawOf(raw.early).total, after: rawOf(raw.late).total });
    const body = tableContent(face.xl, res.table).body;
    expect(body).toHaveLength(rawOf(raw.late).rows);
    const amount = tableContent(face.xl, res.table).header.indexOf("Realisation");
    expect(body.reduce((s, r) => s + (r[amount] as number), 0)).toBe(rawOf(raw.late).total);
    expect(face.xl.values("Laporan!A1")).toEqual([[rawOf(raw.late).total]]);
    expect(summary.formulas).toMatchObject({ cells: 1, changes: [{ address: "Laporan!A1", before: rawOf(raw.early).total, after: rawOf(raw.late).total }] });
    expect(summary.reportSheet).toBe("Perubahan");
    const rows = reportRows(summary, "en");
    expect(face.xl.values(`Perubahan!A3:O${rows.length}`)).toEqual(rows.slice(2).map((r) => r.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v))));
    expect(face.xl.model.sheet("Perubahan")!.names.get("omspan_change_report")).toMatchObject({ visible: false });
  });

  test("nothing changed: the same content, a diff of nothing", async () => {
    const res = await inserted();
    const before = tableContent(face.xl, res.table).body;
    const summary = await face.refresh(deps);
    expect(summary.tables).toEqual([expect.objectContaining({ status: "refreshed", diff: expect.objectContaining({ added: 0, removed: 0, changed: 0 }) })]);
    expect(tableContent(face.xl, res.table).body).toEqual(before);
  });

  test("a refused key: the table is as it was, reported failed", async () => {
    await inserted();
    const before = face.snapshot("Laporan");
    const summary = await face.refresh(tableDeps(() => ({ baseUrl: early.baseUrl, key: foreignKey }), "en"));
    expect(summary.tables[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/refused the API key/) });
    expect(face.xl.snapshot("Laporan")).toBe(before);
  });

  test("renamed, moved to another sheet, deleted; then ids changed and renamed again: found, refreshed, forgotten", async () => {
    const a = await inserted("Laporan!A3");
    const b = await inserted("Laporan!T3", { ...query, akun: "51" });
    const c = await inserted("Lain!A3", { ...query, akun: "53" });
    const m = face.xl.model;
    m.tables.find((t) => t.name === a.table)!.name = "Belanja_barang";
    const tb = m.tables.find((t) => t.name === b.table)!;
    const lain = m.sheet("Lain")!;
    for (let r = 1; r < 2 + tb.box.rows; r++) {
      for (let k = 0; k < tb.box.cols; k++) {
        lain.set(100 + r, k, tb.sheet.get(r, tb.box.c0 + k));
        tb.sheet.set(r, tb.box.c0 + k, undefined);
      }
    }
    tb.sheet = lain;
    tb.box = { ...tb.box, r0: 102, c0: 0 };
    m.tables.splice(m.tables.findIndex((t) => t.name === c.table), 1);
    const summary = await face.refresh(deps);
    const by = (n: string) => summary.tables.find((t) => t.table === n)!;
    // (A file numbers its tables itself: the add-in's id is not the file's, so the file finds them by name or place.)
    expect(by("Belanja_barang")).toMatchObject({ status: "refreshed", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining(`renamed from ${a.table}`) })]) });
    expect(by(b.table)).toMatchObject({ status: "refreshed", sheet: "Lain", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining("moved from") })]) });
    expect(by(c.table)).toMatchObject({ status: "deleted" });
    // Opened elsewhere: new ids for every table (Office.js's id, and the number a file gives it).
    face.xl.reassignIds();
    for (const t of face.xl.model.tables) t.legacyId = String(Number(t.legacyId) + 100);
    face.xl.model.tables.find((t) => t.name === "Belanja_barang")!.name = "Punyaku";
    const again = await face.refresh(deps);
    expect(again.tables.map((t) => [t.table, t.status])).toEqual([["Punyaku", "refreshed"], [b.table, "refreshed"]]);
    expect(again.tables[0]!.notes.map((n) => n.en)).toEqual(expect.arrayContaining([expect.stringContaining("found again by its place")]));
  });

  test("a growth that would run into a neighbouring table (across the table's last column) stops that table, naming it; nothing changes", async () => {
    const res = await inserted();
    const t = tableContent(face.xl, res.table).table;
    const row = t.box.r0 + t.box.rows + 3;
    const [last, next] = [colName(t.box.c0 + t.box.cols - 1), colName(t.box.c0 + t.box.cols)];
    face.xl.put(`Laporan!${last}${row}`, [["x", "y"], [1, 2]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.add(`Laporan!${last}${row}:${next}${row + 1}`, true).name = "Tetangga";
      await ctx.sync();
    });
    const before = face.snapshot("Laporan");
    source = late;
    const summary = await face.refresh(deps);
    expect(summary.tables.find((x) => x.table === res.table)).toMatchObject({ status: "skipped", notes: [expect.objectContaining({ en: expect.stringContaining("Tetangga") })] });
    expect(face.xl.snapshot("Laporan")).toBe(before);
  });

  test("a totals row stays below the body as the table grows", async () => {
    const res = await inserted();
    const amount = tableContent(face.xl, res.table).header.indexOf("Realisation");
    face.xl.addTotalsRow(res.table, amount);
    source = late;
    const summary = await face.refresh(deps);
    expect(summary.tables[0]!.diff!.rowsBefore).toBe(rawOf(raw.early).rows);
    const t = tableContent(face.xl, res.table).table;
    expect(t.showTotals).toBe(true);
    expect(t.box.rows).toBe(1 + rawOf(raw.late).rows + 1);
    expect(t.sheet.get(t.box.r0 + t.box.rows - 1, t.box.c0 + amount)?.f).toMatch(/^=SUBTOTAL\(109,/);
  });

  test("content below the table in its columns: Excel moves it down, a file's table is skipped rather than grow into it", async () => {
    const res = await inserted();
    const t = tableContent(face.xl, res.table).table;
    const below = t.box.r0 + t.box.rows + 2;
    face.xl.put(`Laporan!B${below}`, [["a note of mine"]]);
    const before = face.snapshot("Laporan");
    source = late;
    const summary = await face.refresh(deps);
    const grown = rawOf(raw.late).rows - rawOf(raw.early).rows;
    if (face.name === "excel") {
      expect(summary.tables[0]).toMatchObject({ status: "refreshed" });
      expect(face.xl.values(`Laporan!B${below + grown}`)).toEqual([["a note of mine"]]);
    } else {
      expect(summary.tables[0]).toMatchObject({ status: "skipped", reason: "blocked", notes: [expect.objectContaining({ en: expect.stringContaining(`would grow into Laporan!B${below}, which is in use`) })] });
      expect(face.xl.snapshot("Laporan")).toBe(before);
    }
  });

  test("a filtered table: Excel takes the filter off and puts it back; a file's is left as it is, saying why", async () => {
    const res = await inserted();
    face.xl.filterTable(res.table, 0, ["600001"]);
    source = late;
    const summary = await face.refresh(deps);
    if (face.name === "excel") {
      expect(summary.tables[0]).toMatchObject({ status: "refreshed", notes: [expect.objectContaining({ en: expect.stringContaining("filters were taken off") })] });
    } else {
      expect(summary.tables[0]).toMatchObject({ status: "skipped", notes: [expect.objectContaining({ en: expect.stringContaining("is filtered") })] });
      expect(tableContent(face.xl, res.table).body).toHaveLength(rawOf(raw.early).rows);
    }
  });

  test("a registry row that fails its schema is reported; the other tables refresh", async () => {
    const res = await inserted();
    await inserted("Laporan!T3", { ...query, akun: "51" });
    face.xl.model.sheet(REGISTRY_SHEET)!.get(2, 4)!.v = JSON.stringify({ ...query, key: "never here" });
    const summary = await face.refresh(deps);
    expect(summary.registryProblems).toEqual([{ row: 3, reason: expect.stringContaining("query") }]);
    expect(summary.tables.map((t) => [t.table, t.status])).toEqual([[res.table, "refreshed"]]);
    expect(JSON.stringify(face.xl.values("Perubahan!A1:A20"))).toContain("Row 3 of the OMSPAN table registry could not be read");
  });

  test("a sheet of the user's called Perubahan is never touched; the report's own sheet is found again after a rename", async () => {
    await inserted();
    face.xl.model.addSheet("Perubahan");
    face.xl.put("Perubahan!A1", [["my own notes"]]);
    expect((await face.refresh(deps)).reportSheet).toBe("Perubahan (2)");
    expect(face.xl.values("Perubahan!A1")).toEqual([["my own notes"]]);
    face.xl.model.sheet("Perubahan (2)")!.name = "Changes";
    expect((await face.refresh(deps)).reportSheet).toBe("Changes");
    expect(face.xl.values("Perubahan!A1")).toEqual([["my own notes"]]);
  });

  test("a frozen workbook (its pin in the registry sheet) is refused before anything is forgotten or written", async () => {
    await inserted();
    const pin = { version: 1 as const, frozenAt: "2026-10-02T08:00:00.000Z", entries: [{ dataset: "realisasi" as const, params: {}, snapshotId: "a".repeat(32), fetchedAt: "2026-10-02T07:00:00.000Z" }] };
    await Excel.run((ctx) => writePin(ctx, pin));
    const before = face.snapshot("Laporan");
    let invalidated = 0;
    deps.store.subscribe(() => invalidated++);
    await expect(face.refresh(deps)).rejects.toMatchObject({ name: "FrozenError", code: "frozen", detail: { asOf: "2026-10-02T07:00:00.000Z" } });
    expect(invalidated).toBe(0);
    expect(face.xl.snapshot("Laporan")).toBe(before);
    expect(face.xl.model.sheet("Perubahan")).toBeUndefined();
  });

  describe("OMSPAN cannot be reached", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "omspan-faces-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test("a stale answer keeps the table as it is and marks its as-of line; the summary and Perubahan say from when", async () => {
      const store = new Store((c) => new OmspanClient({ ...c, retry: { retries: 0 } }), { snapshots: new Snapshots(new DirSnapshotStore(dir)), openFrom: "pull" });
      let down = false;
      deps = tableDeps(() => (down ? { baseUrl: "http://127.0.0.1:9/", key } : conn()), "en", store);
      const res = await insertTable(deps, { query, at: "Laporan!A3" });
      await store.settled();
      const pulled = store.asOf("realisasi")!.fetchedAt;
      const body = tableContent(face.xl, res.table).body;
      down = true;
      const summary = await face.refresh(deps);
      expect(summary.tables[0]).toMatchObject({ status: "skipped", reason: "stale", notes: [expect.objectContaining({ en: expect.stringContaining("OMSPAN could not be reached") })] });
      expect(summary.stale).toEqual([expect.objectContaining({ dataset: "realisasi", fetchedAt: pulled, stale: expect.objectContaining({ reason: "unreachable" }) })]);
      expect(summary.warnings).toEqual([expect.stringContaining(`stale data kept: realisasi from ${pulled.toISOString().slice(0, 16).replace("T", " ")} UTC`)]);
      expect(tableContent(face.xl, res.table).body).toEqual(body);
      expect(face.xl.values("Laporan!A3")[0]![0]).toMatch(/^OMSPAN · Spending realisation · pulled .* · STALE: OMSPAN could not be reached$/);
      const report = JSON.stringify(face.xl.values("Perubahan!A1:O30"));
      expect(report).toContain("STALE: realisasi from");
      expect(report).toContain("kept (stale)");
      expect(report).toContain("Stale data: OMSPAN could not be reached");
    });
  });
});

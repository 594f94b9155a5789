/**
 * Inserting OMSPAN tables into the Excel stand-in from the real simulator (through the proxy): typed
 * columns, header labels in the pane's language, the as-of caption, the query registry in a very hidden
 * sheet, and OMSPAN text that looks like a formula landing as text.
 */
import { insertTable } from "../../src/excel/omspan-tables";
import { REGISTRY_SHEET } from "../../src/excel/hidden-sheets";
import { parseRegistryRows } from "../../src/omspan/tables";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { startStack, rawRealisasi, type Stack } from "../support/stack";
import { startScriptedServer } from "../support/scripted-server";
import { tableContent, tableDeps } from "../support/tables";

let stack: Stack;
let raw: Record<string, string>[];
let xl: ExcelStandin;

beforeAll(async () => {
  stack = await startStack();
  raw = await rawRealisasi(stack.sim.baseUrl, stack.key);
});
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Laporan"] })));
afterEach(() => xl.uninstall());

const conn = () => ({ baseUrl: stack.proxyBase, key: stack.key });

test("a filtered Realisasi table: codes as text, amounts in rupiah, dates as dates, Indonesian headers", async () => {
  const deps = tableDeps(conn, "id");
  const res = await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "600001", akun: "52", lang: "id" }, at: "Laporan!B2" });
  const expected = raw.filter((r) => r.KDSATKER === "600001" && r.AKUN!.startsWith("52"));
  expect(res.rows).toBe(expected.length);
  expect(res.address).toBe(`Laporan!B3:Q${3 + expected.length}`);
  const { header, body, formats } = tableContent(xl, res.table);
  expect(header).toEqual(["Kode satker", "KPPN", "Bagian anggaran", "Eselon I", "Akun", "Program", "Kegiatan", "Output", "Kewenangan", "Sumber dana", "Cara tarik", "Register", "Lokasi", "Jenis anggaran", "Tanggal SP2D", "Realisasi"]);
  const first = expected[0]!;
  expect(body[0]![0]).toBe("600001");
  expect(body[0]![1]).toBe(first.KPPN); // "0xx": the leading zero is kept
  expect(typeof body[0]![1]).toBe("string");
  expect(body[0]![15]).toBe(Number(first.AMOUNT));
  const [d, mon, yy] = first.TANGGAL!.split("-");
  const serial = Date.UTC(2000 + Number(yy), "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC".indexOf(mon!) / 3, Number(d)) / 86_400_000 + 25569;
  expect(body[0]![14]).toBe(serial);
  expect(formats[0]![0]).toBe("@");
  expect(formats[0]![14]).toBe("dd/mm/yyyy");
  expect(formats[0]![15]).toMatch(/Rp/);
  expect(body.reduce((s, r) => s + (r[15] as number), 0)).toBe(expected.reduce((s, r) => s + Number(r.AMOUNT), 0));
  expect(xl.values("Laporan!B2")[0]![0]).toMatch(/^OMSPAN · Realisasi belanja · ditarik .* · data s\.d\. \d{4}-\d{2}-\d{2}$/);
});

test("the query is kept in a very hidden registry sheet, without the key, and reads back through zod", async () => {
  await insertTable(tableDeps(conn, "en"), { query: { version: 1, dataset: "dipa", akun: "53", lang: "en" }, at: "Laporan!A1" });
  const sheet = xl.model.sheet(REGISTRY_SHEET)!;
  expect(sheet.visibility).toBe("VeryHidden");
  const rows = xl.values(`${REGISTRY_SHEET}!A1:F3`);
  const { entries, problems } = parseRegistryRows(rows);
  expect(problems).toEqual([]);
  expect(entries).toHaveLength(1);
  expect(entries[0]!.query).toMatchObject({ dataset: "dipa", akun: "53", lang: "en" });
  expect(JSON.stringify(rows)).not.toContain(stack.key);
  expect(JSON.stringify(rows)).not.toMatch(/eyJ/);
  expect(xl.model.sheets.map((s) => s.name)).not.toContain("OMSPAN_STAGING");
});

test("a target that holds data is refused, naming the cells in the way; nothing is written", async () => {
  xl.put("Laporan!C5", [["catatan"]]);
  const before = xl.snapshot("Laporan");
  await expect(
    insertTable(tableDeps(conn), { query: { version: 1, dataset: "dipa", satker: "600001", lang: "id" }, at: "Laporan!A1" }),
  ).rejects.toMatchObject({ detail: { reason: expect.stringContaining("Laporan!C5") } });
  expect(xl.snapshot("Laporan")).toBe(before);
  expect(xl.model.sheets.map((s) => s.name)).toEqual(["Laporan"]);
});

test("OMSPAN text that looks like a formula lands as text", async () => {
  const payloads = ["=1+1", "+SUM(A1:A2)", "-2+3", "@A1", "\t=1+2", "\r=3", "'quoted", "=HYPERLINK(\"http://x\")"];
  const rec = (i: number) => ({
    KDSATKER: "600001", KPPN: "001", BA: "056", BAES1: "05601", AKUN: "521211",
    PROGRAM: payloads[i % payloads.length]!, KEGIATAN: "1705", OUTPUT: "002", KEWENANGAN: "1", SUMBER_DANA: "A",
    LOKASI: "0651", BUDGET_TYPE: "2", AMOUNT: String(1000 + i),
  });
  const server = await startScriptedServer(() => ({ body: JSON.stringify(payloads.map((_, i) => rec(i))) }));
  try {
    const deps = tableDeps(() => ({ baseUrl: server.baseUrl, key: stack.key }));
    const res = await insertTable(deps, { query: { version: 1, dataset: "dipa", lang: "id" }, at: "Laporan!A1" });
    const { body, table } = tableContent(xl, res.table);
    expect(body.map((r) => r[5])).toEqual(payloads);
    for (let r = 1; r < table.box.rows; r++) expect(table.sheet.get(table.box.r0 + r, table.box.c0 + 5)?.f).toBeUndefined();
    expect(xl.model.evaluations.filter((f) => !f.startsWith("=DATE("))).toEqual([]);
  } finally {
    await server.close();
  }
});

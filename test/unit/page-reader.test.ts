/**
 * The compact-page reader (src/omspan/wire/page-reader.ts) must be a faster way to the same table, never a
 * different one: whatever it accepts, JSON.parse and the record path turn into an identical table; what
 * JSON.parse refuses, or the record path rejects, it declines without changing anything.
 */
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import { DATASET_IDS, routePath, type DatasetId } from "../../src/omspan/routes";
import { ColumnarPage } from "../../src/omspan/wire/page-reader";
import type { Table } from "../../src/omspan/columnar/table";
import { Rng } from "../../src/simulator/rng";
import * as S from "../support/spec-samples";
import { amount, optional } from "../../src/omspan/datasets/columns";

/**
 * A table as plain values, dictionaries included: tables are built with their dictionaries in order of
 * first appearance, so two ways to the same rows must agree exactly.
 */
function plain(t: Table): Record<string, unknown> {
  const out: Record<string, unknown> = { "(rows)": t.rowCount, "(columns)": t.columnNames, "(kinds)": t.kinds };
  for (const name of t.columnNames) {
    const c = t.columns[name]!;
    out[name] = c.kind === "text" ? { dict: [...c.dict], ids: Array.from(c.ids) } : Array.from(c.values);
  }
  return out;
}

/** The record path: JSON.parse, then addPage. Undefined when it refuses the text. */
function viaRecords(dataset: DatasetId, bodies: string[]): Record<string, unknown> | undefined {
  try {
    const b = new TableBuilder(datasetSpec(dataset));
    for (const body of bodies) b.addPage(JSON.parse(body) as unknown[]);
    return plain(b.build());
  } catch {
    return undefined;
  }
}

/** The reader path; undefined when any page is declined. */
function viaReader(dataset: DatasetId, bodies: string[]): Record<string, unknown> | undefined {
  const b = new TableBuilder(datasetSpec(dataset));
  for (const body of bodies) {
    const page = b.readPage(body);
    if (!page) return undefined;
    b.addPage(page);
  }
  return plain(b.build());
}

let sim: RunningSimulator;
const bodies = new Map<DatasetId, string[]>();

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: "2026-11-28" });
  const key = await sim.mintKey({ year: 2026 });
  const get = async (path: string) => (await fetch(sim.baseUrl + path, { headers: { Authorization: `Bearer ${key}` } })).text();
  for (const id of DATASET_IDS) {
    if (id === "realisasi") {
      bodies.set(id, await Promise.all([0, 1, 2].map((k) => get(routePath(id, { from: 1 + k * 2000, to: (k + 1) * 2000 })))));
    } else if (id === "pnbp") {
      continue; // a table of header and body: not the compact form, always the record path
    } else {
      bodies.set(id, [await get(routePath(id))]);
    }
  }
});
afterAll(() => sim?.close());

/**
 * As the store does it: a page the reader declines goes the record path. A field beyond the model (IKPA's
 * NILAI_IKPA) is new on the first page, so that page goes the record path and adds its column; later
 * pages are then read unless they hold escapes. Single-page bodies are fed twice to get a later page.
 */
function expectSameTableAsStoreWould(dataset: DatasetId, bodies: string[]): void {
  const fed = bodies.length > 1 ? bodies : [bodies[0]!, bodies[0]!];
  const expected = viaRecords(dataset, fed);
  expect(expected!["(rows)"]).toBeGreaterThan(0);
  const b = new TableBuilder(datasetSpec(dataset));
  const read = fed.map((body, i) => {
    const page = b.readPage(body);
    b.addPage(page ?? (JSON.parse(body) as unknown[]));
    if (page) return "read";
    // PHP escapes "/" as "\/" (IKPA's ministry name): the reader leaves escapes to JSON.parse.
    if (body.includes("\\")) return "escapes";
    return i === 0 && hasExtras(dataset, body) ? "new field" : "declined";
  });
  expect(read).not.toContain("declined");
  // The big paged and per-line datasets must all be read.
  if (["realisasi", "dipa", "dana"].includes(dataset)) expect(read.slice(1)).toEqual(fed.slice(1).map(() => "read"));
  expect(plain(b.build())).toEqual(expected);
}

function hasExtras(dataset: DatasetId, body: string): boolean {
  const first = (JSON.parse(body) as object[])[0]!;
  return Object.keys(first).some((k) => !(k in datasetSpec(dataset).columns));
}

test.each(DATASET_IDS.filter((d) => d !== "pnbp"))("the simulator's %s reads into the same table as JSON.parse does", (dataset) => {
  expectSameTableAsStoreWould(dataset, bodies.get(dataset)!);
});

// PNBP's sample is a header/body table, never the compact form.
test.each(S.SUCCESS_SAMPLES.filter(([d]) => d !== "pnbp"))("the spec's %s sample, compacted, reads into the same table", (dataset, body) => {
  expectSameTableAsStoreWould(dataset, [JSON.stringify(JSON.parse(body))]);
});

describe("what the reader declines, leaving the table as it was", () => {
  const realisasi = () => threeRecords();
  const compact = (records: unknown) => JSON.stringify(records);
  const cases: [string, string][] = [
    ["whitespace between tokens", JSON.stringify(realisasi(), null, 1)],
    ["an escape in a value", compact(realisasi()).replace('"KPPN":"001"', '"KPPN":"00\\u0031"')],
    ["a raw control character in a value", compact(realisasi()).replace('"KPPN":"001"', '"KPPN":"00\u00011"')],
    ["a record with an extra field", compact(realisasi().map((r, i) => (i === 1 ? { ...r, EXTRA: "x" } : r)))],
    ["a record with a field the model knows but the first record lacks", compact(realisasi().map((r, i) => (i === 1 ? { ...r, KDSATKER: undefined } : r)))],
    ["a record missing a field", compact(realisasi().map((r, i) => (i === 1 ? { ...r, AKUN: undefined } : r)))],
    ["fields in another order", compact(realisasi().map((r, i) => (i === 1 ? { AKUN: r.AKUN, ...r } : r)))],
    ["a number that is not text", compact(realisasi()).replace(/"AMOUNT":"(\d+)"/, '"AMOUNT":$1')],
    ["an amount with thousands dots", compact(realisasi()).replace(/"AMOUNT":"(\d+)"/, '"AMOUNT":"3.600.000"')],
    ["a date that does not exist", compact(realisasi()).replace(/"TANGGAL":"[^"]+"/, '"TANGGAL":"31-FEB-19"')],
    ["a date with a raw control character", compact(realisasi()).replace(/"TANGGAL":"[^"]+"/, '"TANGGAL":"04-FEB-19\u0001"')],
    ["a date with an escape", compact(realisasi()).replace(/"TANGGAL":"[^"]+"/, '"TANGGAL":"04-FEB-1\\u0039"')],
    ["a field the table does not know yet", compact(realisasi().map((r) => ({ ...r, NEW_FIELD: "1" })))],
    ["a truncated body", compact(realisasi()).slice(0, -7)],
    ["something after the array", `${compact(realisasi())}x`],
    ["a repeated field name", compact(realisasi()).replace('{"ROWNUM":"1",', '{"ROWNUM":"1","ROWNUM":"1",')],
    ["the wrong-parameter table", S.WRONG_PARAMETER],
    ["the no-data body", S.NO_DATA],
  ];
  test.each(cases)("%s", (_, body) => {
    const b = new TableBuilder(datasetSpec("realisasi"));
    // A page already in the table: a declined read must not disturb it (nor its dictionaries).
    // Its codes differ from the body's, so a read that gets some way in adds dictionary entries first.
    b.addPage(b.readPage(compact([{ ...realisasi()[0], ROWNUM: "99", KDSATKER: "999999", KPPN: "999", AKUN: "599999" }]))!);
    const dictSizes = () => Object.values(b.build().columns).map((c) => (c.kind === "text" ? c.dict.length : -1));
    const before = plain(b.build());
    const sizes = dictSizes();
    expect(b.readPage(body)).toBeUndefined();
    expect(plain(b.build())).toEqual(before);
    expect(dictSizes()).toEqual(sizes);
    expect(b.rowCount).toBe(1);
  });
});

test("a ROWNUM read twice is dropped when the data agree and fails the pull when they do not", () => {
  const rows = (from: number, to: number, amount = (n: number) => String(n * 1000)) =>
    JSON.stringify(
      Array.from({ length: to - from + 1 }, (_, i) => ({ ...(JSON.parse(S.REALISASI_SAMPLE) as object[])[0], ROWNUM: String(from + i), AMOUNT: amount(from + i) })),
    );
  const b = new TableBuilder(datasetSpec("realisasi"));
  for (const body of [rows(1, 10), rows(6, 15)]) b.addPage(b.readPage(body)!);
  expect(b.rowCount).toBe(15);
  expect(b.duplicates).toBe(5);
  expect(Array.from((b.build().columns.AMOUNT as { values: Float64Array }).values)).toEqual(Array.from({ length: 15 }, (_, i) => (i + 1) * 1000));
  const page = b.readPage(rows(14, 16, (n) => String(n)))!;
  expect(page).toBeInstanceOf(ColumnarPage);
  expect(() => b.addPage(page)).toThrow(/numbering shifted/);
});

/** The spec's Realisasi record three times, with other row numbers, codes and amounts. */
function threeRecords(): Record<string, string>[] {
  const r = (JSON.parse(S.REALISASI_SAMPLE) as Record<string, string>[])[0]!;
  return [
    r,
    { ...r, ROWNUM: "2", AKUN: "521211", AMOUNT: "-25000" },
    { ...r, ROWNUM: "3", KDSATKER: "600001", TANGGAL: "05-FEB-19", AMOUNT: "1" },
  ];
}

test("a page read while an earlier one failed to read still lands in order, with every field", () => {
  const recs = threeRecords();
  const b = new TableBuilder(datasetSpec("realisasi"));
  const second = b.readPage(JSON.stringify(recs.slice(1).map((r, i) => ({ ...r, ROWNUM: String(10 + i) }))))!;
  // The first page carries a new field, so it goes the record path and adds a column.
  const first = recs.slice(0, 1).map((r) => ({ ...r, NEW_FIELD: "x" }));
  expect(b.readPage(JSON.stringify(first))).toBeUndefined();
  b.addPage(first);
  b.addPage(second);
  const t = plain(b.build());
  expect(t.NEW_FIELD).toEqual({ dict: ["x", ""], ids: [0, ...recs.slice(1).map(() => 1)] });
  expect(t.ROWNUM).toEqual([1, ...recs.slice(1).map((_, i) => 10 + i)]);
});

test("pages read out of order, or read and never added, leave the same table as the record path", () => {
  const recs = threeRecords();
  const pages = recs.map((r) => JSON.stringify([r]));
  const b = new TableBuilder(datasetSpec("realisasi"));
  // A window read and then dropped (the pull re-planned its windows): its codes must not linger.
  b.readPage(JSON.stringify([{ ...recs[0], ROWNUM: "7", KDSATKER: "999999", AKUN: "599999" }]));
  const read = [2, 0, 1].map((i) => b.readPage(pages[i]!)!);
  for (const i of [0, 1, 2]) b.addPage(read[[2, 0, 1].indexOf(i)]!);
  expect(plain(b.build())).toEqual(viaRecords("realisasi", pages));
  expect((b.build().columns.KDSATKER as { dict: readonly string[] }).dict).toEqual(["527560", "600001"]);
});

test("a value that came escaped through JSON.parse does not let the same value in raw", () => {
  const r = threeRecords()[0]!;
  const b = new TableBuilder(datasetSpec("realisasi"));
  const escaped = JSON.stringify([{ ...r, KPPN: "0\t1" }]);
  expect(b.readPage(escaped)).toBeUndefined(); // an escape: the record path takes it
  b.addPage(JSON.parse(escaped) as unknown[]);
  const raw = JSON.stringify([{ ...r, ROWNUM: "2", KPPN: "0\t1" }]).replace("\\t", "\t");
  expect(() => JSON.parse(raw)).toThrow();
  expect(b.readPage(raw)).toBeUndefined();
});

test("a value that came with an escaped backslash does not let a raw backslash in", () => {
  const r = threeRecords()[0]!;
  const b = new TableBuilder(datasetSpec("realisasi"));
  const escaped = JSON.stringify([{ ...r, KPPN: "0\\" }]); // the value 0\ — the text "0\\"
  expect(b.readPage(escaped)).toBeUndefined();
  b.addPage(JSON.parse(escaped) as unknown[]);
  // Raw, `"0\",` is the start of an escaped quote: no longer the value 0\, and here not even JSON.
  const raw = escaped.replace('"ROWNUM":"1"', '"ROWNUM":"2"').replace('"KPPN":"0\\\\"', '"KPPN":"0\\"');
  expect(raw).toContain('"KPPN":"0\\","BA"');
  expect(() => JSON.parse(raw)).toThrow();
  expect(b.readPage(raw)).toBeUndefined();
});

test("repeats with an empty optional number compare alike on both paths", () => {
  const base = datasetSpec("realisasi");
  const spec = { ...base, columns: { ...base.columns, EXTRA_AMOUNT: optional(amount("Tambahan", "Extra")) } };
  const page = JSON.stringify([{ ...threeRecords()[0], EXTRA_AMOUNT: "" }]);
  const viaRecordPath = new TableBuilder(spec);
  for (let i = 0; i < 2; i++) viaRecordPath.addPage(JSON.parse(page) as unknown[]);
  const viaReadPath = new TableBuilder(spec);
  for (let i = 0; i < 2; i++) viaReadPath.addPage(viaReadPath.readPage(page)!);
  expect([viaRecordPath.rowCount, viaRecordPath.duplicates]).toEqual([1, 1]);
  expect(plain(viaReadPath.build())).toEqual(plain(viaRecordPath.build()));
});

test("random damage to a page: the reader accepts only what the record path turns into the same table", () => {
  const base = JSON.stringify(threeRecords());
  const alphabet = ['"', ",", ":", "{", "}", "[", "]", "\\", " ", "\n", "\u0001", "0", "7", "-", ".", "A", "e", "é"];
  const rng = new Rng(7);
  const pick = (n: number) => Math.floor(rng.next() * n);
  let accepted = 0;
  let declined = 0;
  for (let i = 0; i < 3000; i++) {
    let body = base;
    for (let edits = 1 + pick(3); edits > 0; edits--) {
      const at = pick(body.length);
      const ch = alphabet[pick(alphabet.length)]!;
      const op = pick(3);
      body = op === 0 ? body.slice(0, at) + body.slice(at + 1) : op === 1 ? body.slice(0, at) + ch + body.slice(at) : body.slice(0, at) + ch + body.slice(at + 1);
    }
    const read = viaReader("realisasi", [body]);
    if (read === undefined) {
      declined++;
      continue;
    }
    accepted++;
    expect({ body, table: read }).toEqual({ body, table: viaRecords("realisasi", [body]) });
  }
  // Both outcomes must have been exercised for the test to mean anything.
  expect(accepted).toBeGreaterThan(100);
  expect(declined).toBeGreaterThan(1000);
});

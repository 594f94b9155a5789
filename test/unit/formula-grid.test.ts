/**
 * The catalogue's own rules, without a server: how ranges broadcast into grids, which inputs count as
 * empty, how data-type objects are read, and that TABEL hands OMSPAN's text back as text.
 */
import { FORMULAS, dataSource, evaluateFormula } from "../../src/omspan/formulas";
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import { isBlank, plainArg } from "../../src/omspan/formula-args";
import type { DatasetData } from "../../src/omspan/store/store";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { InvalidArgumentError, isOmspanError } from "../../src/omspan/errors";
import type { DatasetId } from "../../src/omspan/routes";

function held(dataset: DatasetId, rows: Record<string, string>[]): DatasetData {
  const b = new TableBuilder(datasetSpec(dataset));
  b.addPage(rows);
  const memos = new Map<string, unknown>();
  return {
    dataset,
    params: {},
    table: b.build(),
    asOf: { fetchedAt: new Date() },
    pages: 1,
    requests: 1,
    memo<T>(name: string, build: () => T): T {
      if (!memos.has(name)) memos.set(name, build());
      return memos.get(name) as T;
    },
  };
}

const line = (satker: string, akun: string, amount: number) => ({
  KDSATKER: satker, KPPN: "001", BA: "056", BAES1: "05601", AKUN: akun, PROGRAM: "05601WA", KEGIATAN: "1705",
  OUTPUT: "994", KEWENANGAN: "1", SUMBER_DANA: "A", LOKASI: "0651", BUDGET_TYPE: "2", AMOUNT: String(amount),
});
const dipa = held("dipa", [line("060038", "521211", 100), line("060038", "522191", 20), line("600001", "521211", 7), line("600001", "511111", 3000)]);

describe("ranges broadcast like Excel's arrays", () => {
  const pagu = (...args: unknown[]) => evaluateFormula(FORMULAS.PAGU!, args, dipa);

  test("satker down × akun across: the n×m matrix; across × down: its transpose; single cells: one value", () => {
    expect(pagu([["060038"], ["600001"]], [["521", "5", "51"]])).toEqual([[100, 120, 0], [7, 3007, 3000]]);
    expect(pagu([["060038", "600001"]], [["521"], ["51"]])).toEqual([[100, 7], [0, 3000]]);
    expect(pagu([["060038"]], [["52"]])).toBe(120);
    expect(pagu(60038, 52)).toBe(120);
  });

  test("same-sized ranges pair up cell by cell; a range that fits nothing is an argument error", () => {
    expect(pagu([["060038"], ["600001"]], [["52"], ["51"]])).toEqual([[120], [3000]]);
    expect(() => pagu([["060038"], ["600001"]], [["52"], ["51"], ["5"]])).toThrow(InvalidArgumentError);
  });

  test("a wrong cell of a grid is an error value in its place, the rest answer", () => {
    const g = pagu([["060038"], ["60003X"]], [["52"]]) as unknown[][];
    expect(g[0]![0]).toBe(120);
    expect(isOmspanError(g[1]![0]) && g[1]![0].detail.argument).toBe("satker");
  });

  test("a pagu of 0 in a grid is a #DIV/0! value for that cell only", () => {
    const real = held("realisasi", []);
    const g = FORMULAS.PENYERAPAN!.prepare([[["060038"]], [["52", "53"]]]).run(dataSource(dipa, real)) as unknown[][];
    expect(g[0]![0]).toBe(0);
    expect(isOmspanError(g[0]![1]) && g[0]![1].code).toBe("division-by-zero");
  });
});

describe("inputs as Excel hands them over", () => {
  test("0 (an empty cell on Windows), null (on the web), undefined and '' are blank", () => {
    for (const v of [0, null, undefined, ""]) expect(isBlank(v)).toBe(true);
    expect(evaluateFormula(FORMULAS.PAGU!, [0, 0, 0], dipa)).toBe(3127);
    expect(evaluateFormula(FORMULAS.PAGU!, [[[0], ["600001"]], "5"], dipa)).toEqual([[3127], [3007]]);
  });

  test("data types are read by what the cell shows: a formatted number's value, an entity's text", () => {
    expect(plainArg({ type: "Double", basicType: "Double", basicValue: 52, numberFormat: "0" })).toBe(52);
    expect(plainArg({ type: "Entity", text: "600001", basicType: "Error", basicValue: "#VALUE!", properties: {} })).toBe("600001");
    expect(plainArg({ type: "String", basicValue: "52" })).toBe("52");
    expect(evaluateFormula(FORMULAS.PAGU!, [{ type: "Entity", text: "060038", basicType: "Error", basicValue: "#VALUE!" }, { type: "Double", basicValue: 52 }], dipa)).toBe(120);
  });
});

test("TABEL hands OMSPAN's text back as text: leading zeros kept, a value that looks like a formula stays a string", () => {
  const indicators = { IK_REALISASI: "91.5", BBT_IND_REALISASI: "20" };
  const ikpa = held("ikpa-satker", [
    { KDSATKER: "060038", NMSATKER: '=HYPERLINK("http://x","klik")', KDKPPN: "001", PERIODE: "03", ...indicators },
    { KDSATKER: "600001", NMSATKER: "+62 KANTOR", KDKPPN: "002", PERIODE: "03", ...indicators },
  ]);
  const g = evaluateFormula(FORMULAS.TABEL!, ["ikpa-satker", "periode=3", "KDSATKER,NMSATKER,IK_REALISASI"], ikpa);
  expect(g).toEqual([
    ["KDSATKER", "NMSATKER", "IK_REALISASI"],
    ["060038", '=HYPERLINK("http://x","klik")', 91.5],
    ["600001", "+62 KANTOR", 91.5],
  ]);
  expect(evaluateFormula(FORMULAS.IKPA!, ["060038", "", 3], ikpa)).toBe(91.5);
});

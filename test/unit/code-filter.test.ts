import { AKUN_RULE, SATKER_RULE, codeArgText, codeMatches, parseCodeFilter } from "../../src/omspan/query/code-filter";
import { parseFilterPairs } from "../../src/omspan/query/filter-pairs";
import { REALISASI_COLUMNS } from "../../src/omspan/datasets/realisasi";

const akun = (text: string) => parseCodeFilter(text, AKUN_RULE);

test.each([
  ["52", "521211", true],
  ["52", "511111", false],
  ["5241*", "524113", true],
  ["5241*", "524211", false],
  ["521211,521213", "521213", true],
  ["521211,521213", "521219", false],
  ["-511*", "511111", false],
  ["-511*", "521211", true],
  ["5,-511*", "512411", true],
  ["5,-511*", "511111", false],
  ["", "423219", true],
  ["*", "423219", true],
  ["521211", "5212110", false],
])("akun filter %p on %p → %p", (filter, code, expected) => {
  expect(codeMatches(akun(filter), code)).toBe(expected);
});

test("satker typed as a number is padded to 6 digits; a full code is exact", () => {
  const f = parseCodeFilter(codeArgText(60038, "satker"), SATKER_RULE);
  expect(codeMatches(f, "060038")).toBe(true);
  expect(codeMatches(f, "600380")).toBe(false);
  expect(codeMatches(parseCodeFilter("527560", SATKER_RULE), "527561")).toBe(false);
});

test("akun typed as a number stays a prefix", () => {
  expect(codeMatches(akun(codeArgText(52, "akun")), "522151")).toBe(true);
});

test("bad codes get a specific message in both languages", () => {
  expect(() => akun("52;53")).toThrow(/"52;53" is not a code/);
  expect(() => parseCodeFilter("abc", SATKER_RULE)).toThrow(/digits only/);
  expect(() => akun("5212111")).toThrow(/longer than 6/);
  expect(() => codeArgText(52.5, "akun")).toThrow(/whole number/);
  try {
    akun("5.2");
  } catch (e) {
    expect((e as { detail: { alasan: string } }).detail.alasan).toMatch(/bukan kode/);
  }
});

test("filter pairs map words to wire columns, and refuse unknown words", () => {
  const f = parseFilterPairs("program=05601WA;sumber=A,D; kewenangan=-1", REALISASI_COLUMNS);
  expect(f.map((x) => x.column)).toEqual(["PROGRAM", "SUMBER_DANA", "KEWENANGAN"]);
  expect(codeMatches(f[1]!.filter, "D")).toBe(true);
  expect(codeMatches(f[2]!.filter, "1")).toBe(false);
  expect(() => parseFilterPairs("warna=merah", REALISASI_COLUMNS)).toThrow(/unknown filter "warna"/);
  expect(() => parseFilterPairs("program", REALISASI_COLUMNS)).toThrow(/key=value/);
});

test("the same text under the same rule is one frozen filter, so indexes resolve it once", () => {
  const a = parseCodeFilter("52,-5241*", AKUN_RULE);
  expect(parseCodeFilter("52,-5241*", AKUN_RULE)).toBe(a);
  expect(parseCodeFilter("52,-5241*", { ...AKUN_RULE })).not.toBe(a);
  expect(Object.isFrozen(a) && Object.isFrozen(a.include) && Object.isFrozen(a.include[0])).toBe(true);
  expect(() => parseCodeFilter("5x", AKUN_RULE)).toThrow(/digits only/);
  expect(() => parseCodeFilter("5x", AKUN_RULE)).toThrow(/digits only/); // refusals are not remembered as filters
});

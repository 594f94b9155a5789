/** Formulas in the user's argument separator: which separator a locale uses, and formulas written in it. */
import { formulaInLocale, formulaText, listSeparatorFor } from "../../src/omspan/formulas";

test.each([
  ["id-ID", undefined, ";"],
  ["id", undefined, ";"],
  ["de-DE", undefined, ";"],
  ["en-US", undefined, ","],
  ["en-GB", undefined, ","],
  ["en-US", ",", ";"],
  ["id-ID", ".", ","],
  [undefined, undefined, ","],
  ["", undefined, ","],
  ["xx-not-a-locale-!", undefined, ","],
] as const)("locale %s with decimal separator %s → %s", (locale, decimal, sep) => {
  expect(listSeparatorFor(locale, decimal)).toBe(sep);
});

test("a catalogue example in the , locale keeps separators inside quoted text", () => {
  expect(formulaInLocale('=OMSPAN.REALISASI("600001"; "52"; ; ; "program=05601WA;sumber=A")', ",")).toBe(
    '=OMSPAN.REALISASI("600001", "52", , , "program=05601WA;sumber=A")',
  );
  expect(formulaInLocale('=OMSPAN.PAGU("600001"; "52")', ";")).toBe('=OMSPAN.PAGU("600001"; "52")');
});

test("built formulas quote typed values (leading zeros kept, quotes doubled), keep references, drop trailing blanks", () => {
  const args = [
    { kind: "ref", address: "Laporan!B2" },
    { kind: "text", text: "" },
    { kind: "text", text: "012" },
    { kind: "text", text: 'a"b' },
    { kind: "text", text: "" },
  ] as const;
  expect(formulaText("REALISASI", args, ";")).toBe('=OMSPAN.REALISASI(Laporan!B2; ; "012"; "a""b")');
  expect(formulaText("REALISASI", args, ",")).toBe('=OMSPAN.REALISASI(Laporan!B2, , "012", "a""b")');
  expect(formulaText("ASOF", [], ",")).toBe("=OMSPAN.ASOF()");
});

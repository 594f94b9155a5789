/**
 * callsOmspan: whether a formula (cell or file form) calls an OMSPAN function — the fast path for a
 * formula that opens with the call and the tokenizer for the rest give the same answers.
 */
import { callsOmspan } from "../../src/omspan/sheet-calc";

test.each([
  ["=OMSPAN.PAGU($B$4,$A9)", true],
  ["=omspan.realisasi.bulan($B$4,\"52\",9,TRUE)", true],
  ["OMSPAN.PAGU(\"600001\")", true],
  ["= OMSPAN.ASOF(\"realisasi\")", true],
  ["=_xldudf_OMSPAN_PAGU($B$4,\"\")", true],
  ["=SUM(C9:C20)+OMSPAN.PAGU(\"600001\")", true],
  ["=IFERROR(OMSPAN.DANA($B$4,$A9),0)", true],
  ["=\"OMSPAN.PAGU(\"&A1", false],
  ["='OMSPAN.x'!A1+1", false],
  ["=OMSPAN_NOTES", false],
  ["=SUBTOTAL(9,C9:C20)", false],
])("%s → %s", (formula, calls) => {
  expect(callsOmspan(formula)).toBe(calls);
});

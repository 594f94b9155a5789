/**
 * SUMIFS and COUNTIFS in the sheet evaluator (what the Rekonsiliasi report's summary computes over a
 * ledger): criteria with operators joined to DATE(), codes matched as numbers or text alike (as Excel's
 * criteria do), wildcards, blanks, only numbers summed, an error in the sum range, shapes that differ,
 * ranges on another sheet.
 */
import { recalculate, type CalcBook } from "../../src/omspan/sheet-calc";

type Cells = Record<string, string | number | boolean>;

function book(sheets: Record<string, Cells>): CalcBook {
  const at = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    return { row: Number(m[2]) - 1, col: m[1]!.charCodeAt(0) - 65 };
  };
  return {
    sheets: Object.keys(sheets),
    *formulas() {
      for (const [sheet, cells] of Object.entries(sheets)) for (const [a1, v] of Object.entries(cells)) if (typeof v === "string" && v.startsWith("=")) yield { sheet, ...at(a1), formula: v };
    },
    value(sheet, row, col) {
      const hit = Object.entries(sheets[sheet] ?? {}).find(([a1]) => at(a1).row === row && at(a1).col === col)?.[1];
      return hit === undefined || (typeof hit === "string" && hit.startsWith("=")) ? null : hit;
    },
  };
}

function values(sheets: Record<string, Cells>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const x of recalculate(book(sheets), { omspan: () => null }).results) out[`${String.fromCharCode(65 + x.col)}${x.row + 1}`] = typeof x.value === "object" && x.value ? x.value.code : x.value;
  return out;
}

// 46082 = 2026-03-01, 46112 = 2026-03-31, 46113 = 2026-04-01.
const LEDGER: Cells = {
  A1: "akun", B1: "tanggal", C1: "jumlah", D1: "satker",
  A2: 521211, B2: 46082, C2: 100, D2: 60038,
  A3: "521211", B3: 46112.5, C3: 200, D3: "060038",
  A4: 521211, B4: 46113, C4: 400, D4: "060038",
  A5: 524111, B5: 46090, C5: 800, D5: "060038",
  A6: 521211, B6: 46095, C6: "1.000", D6: "060038",
  A7: "Nama akun", B7: 46095, C7: 1600, D7: "060038",
};

test("SUMIFS: akun as number or text, a month by >= and < joined to DATE(), satker with its zero; text amounts are not summed", () => {
  const out = values({
    Buku: LEDGER,
    R: {
      A1: "521211",
      B1: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$7,$A1,Buku!$B$2:$B$7,">="&DATE(2026,3,1),Buku!$B$2:$B$7,"<"&(DATE(2026,3+1,0)+1))',
      B2: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$7,"521211",Buku!$D$2:$D$7,"060038")',
      B3: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$7,"<>521211")',
      B4: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$7,"5241*")',
      B5: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$7,"nama*")',
      B6: '=COUNTIFS(Buku!$A$2:$A$7,521211,Buku!$B$2:$B$7,">"&46090)',
      B7: '=SUMIFS(Buku!$C$2:$C$7,Buku!$A$2:$A$6,521211)',
      B8: '=SUMIFS(Buku!$C$2:$C$7,Buku!$E$2:$E$7,"")',
    },
  });
  expect(out).toMatchObject({ B1: 300, B2: 700, B3: 2400, B4: 0, B5: 1600, B6: 3, B7: "#VALUE!", B8: 3100 });
});

test("SUMIFS: an error in the sum range where the criteria hold is the answer; elsewhere it is skipped", () => {
  const out = values({ S: { A1: 1, A2: 2, B1: 5, B2: "=1/0", C1: "=SUMIFS(B1:B2,A1:A2,1)", C2: "=SUMIFS(B1:B2,A1:A2,2)" } });
  expect(out).toMatchObject({ C1: 5, C2: "#DIV/0!" });
});

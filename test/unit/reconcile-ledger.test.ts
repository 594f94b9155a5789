/**
 * Reading a ledger: the header row found under a title, in Indonesian or English; a mapping the user
 * corrects, or names kept in the sheet; codes through the one grammar; dates as Excel serials or text
 * dd/mm/yyyy and yyyy-mm-dd; amounts as numbers or Indonesian text; every bad row named with its row number
 * and why in both languages; blank rows counted; CSV with `;` or `,` and quotes.
 */
import { parseCsv, readAmount, readDate, readLedger, mappingNames } from "../../src/omspan/reconcile";

const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

test("Indonesian headers under a title row; codes typed as numbers keep their zeros; every row accounted for", () => {
  const rows = [
    ["BUKU KAS UMUM SATKER 060038", "", "", "", ""],
    ["Kode Satker", "Akun", "Tgl. SP2D", "Nilai (Rp)", "No. Bukti"],
    [60038, 521211, 46083, 4350000, "BKU-001"],
    ["060038", "521211", "02/03/2026", "1.234.567,00", 17],
    ["", "", "", "", ""],
    ["060038", "52", "2026-03-04", 5, "subtotal"],
    ["060038", "521211", "31/02/2026", "abc", ""],
  ];
  const r = readLedger(rows, { firstRow: 1 });
  expect(r.headerRow).toBe(1);
  expect(r.mapping).toEqual({ satker: 0, akun: 1, date: 2, amount: 3, reference: 4 });
  expect(r.rows).toEqual([
    { row: 3, satker: "060038", akun: "521211", day: day("2026-03-02"), amount: 4_350_000, reference: "BKU-001" },
    { row: 4, satker: "060038", akun: "521211", day: day("2026-03-02"), amount: 1_234_567, reference: "17" },
  ]);
  expect(r.blank).toBe(1);
  expect(r.textCells).toBe(true);
  expect(r.satkers).toEqual(["060038"]);
  expect(r.bad.map((b) => b.row)).toEqual([6, 7]);
  expect(r.bad[0]!.why.en).toMatch(/account "52" is not one 6-digit code/);
  expect(r.bad[0]!.why.id).toMatch(/akun "52" bukan satu kode 6 digit/);
  expect(r.bad[1]!.why.en).toMatch(/date "31\/02\/2026" is not a date.*; the amount "abc" is not a number/);
  expect(r.bad[1]!.why.id).toMatch(/tanggal "31\/02\/2026" bukan tanggal.*; jumlah "abc" bukan angka/);
  expect(r.bad[1]!.cells).toEqual(["060038", "521211", "31/02/2026", "abc", ""]);
});

test("English headers; names and descriptions are never taken for codes; no satker column is fine", () => {
  const r = readLedger([["Account name", "Account", "Posting date", "Description", "Amount", "Document no."], ["Bahan", 521211, 46100, "kertas", -250000, "D-9"]]);
  expect(r.mapping).toEqual({ akun: 1, date: 2, amount: 4, reference: 5 });
  expect(r.rows[0]).toMatchObject({ akun: "521211", amount: -250_000, reference: "D-9" });
  expect(r.textCells).toBe(false);
});

test("no header naming the columns: a message in both languages; the user's mapping or the sheet's names then read it", () => {
  const rows = [["kode", "kapan", "berapa"], ["521211", "05/03/2026", "10.000"]];
  expect(() => readLedger(rows)).toThrow(/no header row naming the account, date and amount columns/);
  const r = readLedger(rows, { mapping: { akun: 0, date: 1, amount: 2 }, headerRow: 0 });
  expect(r.rows).toEqual([{ row: 2, akun: "521211", day: day("2026-03-05"), amount: 10_000, reference: "" }]);
  const names = mappingNames(r.mapping, rows[0]!);
  expect(names).toEqual({ akun: "kode", date: "kapan", amount: "berapa" });
  // Columns found again by name after one was inserted before them, and a missing one named.
  const moved = [["no", "kode", "kapan", "berapa"], [1, "521211", "05/03/2026", "10.000"]];
  expect(readLedger(moved, { names }).mapping).toEqual({ akun: 1, date: 2, amount: 3 });
  expect(() => readLedger([["kode", "kapan"]], { names })).toThrow(/no column amount "berapa"/);
});

test("dates: serials (1900 and 1904 systems), dd/mm/yyyy, d-m-yy, yyyy-mm-dd, OMSPAN's DD-MON-YY; day before month", () => {
  const ok = (v: unknown, d1904 = false) => {
    const r = readDate(v, d1904);
    return r.ok ? r.value : r.why.en;
  };
  expect(ok(46082)).toBe(day("2026-03-01"));
  expect(ok(46082.75)).toBe(day("2026-03-01"));
  expect(ok(46082 - 1462, true)).toBe(day("2026-03-01"));
  expect(ok("01/03/2026")).toBe(day("2026-03-01"));
  expect(ok("1-3-26")).toBe(day("2026-03-01"));
  expect(ok("2026-03-01")).toBe(day("2026-03-01"));
  expect(ok("01-MAR-26")).toBe(day("2026-03-01"));
  expect(ok("13/13/2026")).toMatch(/not a date/);
  expect(ok("")).toBe("the date is empty");
  expect(ok(true)).toMatch(/not a date/);
});

test("amounts: numbers, Indonesian text, Rp, negatives in brackets or with a minus; an ambiguous 1,234 is refused", () => {
  const v = (x: unknown) => {
    const r = readAmount(x);
    return r.ok ? r.value : r.why.en;
  };
  expect(v(1234567)).toBe(1234567);
  expect(v("1.234.567,00")).toBe(1234567);
  expect(v("1.234.567,5")).toBe(1234567.5);
  expect(v("1.234")).toBe(1234);
  expect(v("Rp 4.350.000")).toBe(4350000);
  expect(v("(500.000)")).toBe(-500000);
  expect(v("-500.000,00")).toBe(-500000);
  expect(v("500.000-")).toBe(-500000);
  expect(v("1234567,00")).toBe(1234567);
  expect(v("1,234,567.00")).toBe(1234567);
  expect(v("1234.50")).toBe(1234.5);
  expect(v("1,234")).toMatch(/ambiguous/);
  expect(v("1.23.4")).toMatch(/not a number/);
  expect(v("12a")).toMatch(/not a number/);
});

test("CSV: `;` or `,` separators found from the header line, quotes, doubled quotes and line breaks inside them, a BOM", () => {
  expect(parseCsv('\uFEFFakun;tanggal;jumlah\r\n521211;02/03/2026;"1.234,00"\r\n')).toEqual([["akun", "tanggal", "jumlah"], ["521211", "02/03/2026", "1.234,00"]]);
  expect(parseCsv('akun,"no, bukti",jumlah\n521211,"A ""1""\nB",5')).toEqual([["akun", "no, bukti", "jumlah"], ["521211", 'A "1"\nB', "5"]]);
});

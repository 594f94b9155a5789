/**
 * The report templates against the real simulator (demo and full profiles): each template and scope builds
 * a grid whose every OMSPAN formula, evaluated with an independent computation from the raw pages, and
 * every ordinary Excel formula (sums, SUBTOTAL, sisa, %, rank), evaluated as Excel would, gives numbers
 * that add up — group subtotals to the grand total, the grand total to the scope's own pagu and
 * realisation — with codes as text, OMSPAN names as text, and nothing the evaluator does not understand.
 */
import { buildReport, templateNeeds, TEMPLATE_IDS, type ReportGrid, type TemplateId } from "../../src/omspan/templates";
import { evaluateGrid, loadReportProfile, pickSatker, REPORT_YEAR as YEAR, type ReportProfile as Profile } from "../support/report-stack";
import type { Scalar } from "../support/sheet-evaluator";

const MONTH = 9;
let p: Profile;

/** Evaluates every cell of a grid with the reference for OMSPAN calls. */
function evaluate(grid: ReportGrid): { value: (r: number, c: number) => Scalar } {
  return { value: evaluateGrid(grid, p.reference) };
}

const rowOf = (grid: ReportGrid, label: string) => grid.cells.findIndex((row) => row[0]?.value === label);
const headerRowOf = (grid: ReportGrid) => grid.cells.findIndex((row) => row.length > 1 && row.every((c) => c === undefined || c.style === "header") && row[0]?.style === "header");
const num = (v: Scalar): number => {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};

/** The scope's own totals, asked of the reference directly. */
function scopeTotals(satkerArg: string, filter?: string) {
  const ref = p.reference;
  return {
    pagu: num(ref("PAGU", [satkerArg, "", filter ?? null])),
    realisasi: num(ref("REALISASI.BULAN", [satkerArg, "", MONTH, true, filter ?? null])),
  };
}

function checkGrid(grid: ReportGrid): void {
  const { value } = evaluate(grid);
  for (let r = 0; r < grid.cells.length; r++) {
    for (let c = 0; c < grid.cells[r]!.length; c++) {
      const cell = grid.cells[r]![c];
      if (!cell) continue;
      const v = value(r, c);
      if (cell.formula && cell.format === "rupiah") expect(typeof v).toBe("number");
      if (cell.format === "text") expect(typeof cell.value).toBe("string");
    }
  }
}

describe.each(["demo", "full"] as const)("report templates, %s profile", (profileName) => {
  beforeAll(async () => {
    p = await loadReportProfile(profileName);
  }, 240_000);
  afterAll(async () => {
    await p?.sim.close();
  });

  const request = (template: TemplateId, scope: object, lang: "id" | "en" = "id") => ({ template, scope, month: MONTH, year: YEAR, lang });

  test("every template names its datasets; DIPA always first", () => {
    for (const id of TEMPLATE_IDS) expect(templateNeeds(id)[0]).toBe("dipa");
    expect(templateNeeds("sisa-dana")).toContain("dana");
    expect(templateNeeds("peringkat-ikpa")).toContain("ikpa-satker");
  });

  test("Realisasi per akun per bulan: subtotals add up to the total, which is the satker's own pagu and realisation", () => {
    const { kantah, kanwil } = pickSatker(p.raw);
    for (const scope of [{ kind: "satker", satker: [kantah] }, { kind: "satker", satker: [kanwil, kantah] }, { kind: "eselon1", eselon1: "05601" }]) {
      const { grid, counts } = buildReport(request("realisasi-bulanan", scope), p.data);
      checkGrid(grid);
      const { value } = evaluate(grid);
      const total = rowOf(grid, "Jumlah seluruhnya");
      const header = headerRowOf(grid);
      const cumCol = 2 + MONTH;
      const satkerArg = scope.kind === "satker" ? (scope.satker as string[]).slice().sort().join(",") : "";
      const expected = scopeTotals(satkerArg, scope.kind === "eselon1" ? "eselon1=05601" : undefined);
      expect(num(value(total, 1))).toBe(expected.pagu);
      expect(num(value(total, cumCol))).toBe(expected.realisasi);
      expect(num(value(total, cumCol + 1))).toBe(expected.pagu - expected.realisasi);
      expect(num(value(total, cumCol + 2))).toBeCloseTo(expected.realisasi / expected.pagu, 12);
      // The group subtotals add up to the total, column by column; the months add up to the cumulative.
      const subtotals = grid.cells.map((row, i) => (row[0]?.style === "subtotal" ? i : -1)).filter((i) => i >= 0);
      expect(subtotals.length).toBeGreaterThanOrEqual(2);
      for (let col = 1; col <= cumCol + 1; col++) {
        expect(subtotals.reduce((s, r) => s + num(value(r, col)), 0)).toBe(num(value(total, col)));
      }
      let months = 0;
      for (let m = 1; m <= MONTH; m++) months += num(value(total, 1 + m));
      expect(months).toBe(num(value(total, cumCol)));
      expect(grid.freeze).toEqual({ rows: header + 1, columns: 1 });
      expect(counts.omspanFormulas).toBe(grid.cells.flat().filter((c) => c?.formula?.startsWith("=OMSPAN.")).length);
    }
  });

  test("Ringkasan satker: a Kanwil with its land offices, and the whole key, add up and rank", () => {
    const { kanwil } = pickSatker(p.raw);
    for (const scope of [{ kind: "kanwil", kanwil }, { kind: "all" }]) {
      const { grid } = buildReport(request("ringkasan-satker", scope, "en"), p.data);
      checkGrid(grid);
      const { value } = evaluate(grid);
      const header = headerRowOf(grid);
      const total = rowOf(grid, "Grand total");
      const satkers = grid.cells.slice(header + 1, total).map((row) => String(row[0]!.value));
      if (scope.kind === "kanwil") {
        const province = p.raw.dipa.find((r) => r.KDSATKER === kanwil)!.LOKASI!.slice(0, 2);
        const expected = [...new Set(p.raw.dipa.filter((r) => r.LOKASI!.startsWith(province) && r.KEWENANGAN === "2").map((r) => r.KDSATKER!))].sort();
        expect(satkers).toEqual(expected);
        expect(satkers.length).toBeGreaterThan(3);
      } else {
        expect(satkers).toEqual([...new Set(p.raw.dipa.map((r) => r.KDSATKER!))].sort());
      }
      const width = grid.cells[header]!.length;
      const [paguCol, realCol, sisaCol, pctCol, rankCol] = [width - 5, width - 4, width - 3, width - 2, width - 1];
      const expected = scopeTotals(satkers.join(","));
      expect(num(value(total, paguCol))).toBe(expected.pagu);
      expect(num(value(total, realCol))).toBe(expected.realisasi);
      expect(num(value(total, sisaCol))).toBe(expected.pagu - expected.realisasi);
      // Ranks are 1..n over the satker's % penyerapan, highest first.
      const pcts = satkers.map((_, i) => num(value(header + 1 + i, pctCol)));
      const ranks = satkers.map((_, i) => num(value(header + 1 + i, rankCol)));
      pcts.forEach((pct, i) => expect(ranks[i]).toBe(1 + pcts.filter((x) => x > pct).length));
      expect(Math.min(...ranks)).toBe(1);
    }
  });

  test("Kurva S: cumulative realisation through the month, against pagu; months after it blank; a chart of plan and actual", () => {
    const { kanwil } = pickSatker(p.raw);
    const { grid } = buildReport(request("kurva-s", { kind: "kanwil", kanwil }), p.data);
    checkGrid(grid);
    const { value } = evaluate(grid);
    const header = headerRowOf(grid);
    const satkers = String(grid.cells[3]![1]!.value);
    const expected = scopeTotals(satkers);
    const pagu = num(value(rowOf(grid, "Pagu"), 1));
    expect(pagu).toBe(expected.pagu);
    const actual = Array.from({ length: 12 }, (_, i) => value(header + 1 + i, 2));
    expect(num(actual[MONTH - 1]!)).toBe(expected.realisasi);
    for (let m = 1; m < MONTH; m++) expect(num(actual[m]!)).toBeGreaterThanOrEqual(num(actual[m - 1]!) - 0.05 * pagu);
    expect(actual.slice(MONTH)).toEqual(Array(12 - MONTH).fill(null));
    expect(num(value(header + MONTH, 3))).toBeCloseTo(expected.realisasi / expected.pagu, 12);
    expect(grid.charts).toHaveLength(1);
    expect(grid.charts[0]!.series.map((s) => s.values)).toEqual([`B${header + 2}:B${header + 13}`, `D${header + 2}:D${header + 13}`]);
  });

  test("Sisa dana: per satker and akun from DataFA; subtotals and total tie to the scope; overspent lines marked", () => {
    const { kanwil } = pickSatker(p.raw);
    const { grid } = buildReport(request("sisa-dana", { kind: "kanwil", kanwil }), p.data);
    checkGrid(grid);
    const { value } = evaluate(grid);
    const total = rowOf(grid, "Jumlah seluruhnya");
    const satkers = String(grid.cells[3]![1]!.value).split(",");
    const lines = p.raw.dana.filter((r) => satkers.includes(r.SATKER!));
    const sumOf = (col: string) => lines.reduce((s, r) => s + Number(r[col]), 0);
    expect([2, 3, 4, 5, 6].map((c) => num(value(total, c)))).toEqual(["DIPA", "KONTRAK", "BLOKIR", "ACTUAL_AMT", "BALANCING_AMT"].map(sumOf));
    // Available = DIPA − committed − blocked − realised on every line.
    for (let r = rowOf(grid, "Kode satker") + 1; r < total; r++) {
      if (grid.cells[r]![0]?.style) continue;
      expect(num(value(r, 6))).toBe(num(value(r, 2)) - num(value(r, 3)) - num(value(r, 4)) - num(value(r, 5)));
    }
    expect(grid.conditional).toEqual([expect.objectContaining({ rule: "negative" })]);
  });

  test("Peringkat IKPA: every satker with a record for the month, scored as OMSPAN weights it, ranked", () => {
    const { kanwil } = pickSatker(p.raw);
    const { grid } = buildReport(request("peringkat-ikpa", { kind: "kanwil", kanwil }), p.data);
    const { value } = evaluate(grid);
    const header = headerRowOf(grid);
    const rows = grid.cells.slice(header + 1);
    expect(rows.length).toBeGreaterThan(3);
    const scores = rows.map((_, i) => num(value(header + 1 + i, 3)));
    rows.forEach((row, i) => {
      expect(num(value(header + 1 + i, 0))).toBe(1 + scores.filter((s) => s > scores[i]!).length);
      const record = p.raw.ikpaSatker.find((r) => r.KDSATKER === row[1]!.value && r.PERIODE === String(MONTH).padStart(2, "0"))!;
      expect(row[2]).toEqual({ value: record.NMSATKER, format: "text" });
      expect(num(value(header + 1 + i, 4))).toBe(Number(record.IK_REALISASI));
    });
    expect(grid.conditional.length).toBe(14);
  });

  test.each(TEMPLATE_IDS)("%s: every OMSPAN formula, evaluated through the formula catalogue, equals the independent reference", (template) => {
    const { kanwil, kantah } = pickSatker(p.raw);
    const scopes = template === "realisasi-bulanan" ? [{ kind: "satker", satker: [kantah] }, { kind: "eselon1", eselon1: "05601" }] : [{ kind: "kanwil", kanwil }];
    for (const scope of scopes) {
      const { grid, counts } = buildReport(request(template, scope), p.data);
      const viaCatalogue = evaluateGrid(grid, p.catalogue);
      const viaReference = evaluateGrid(grid, p.reference);
      let compared = 0;
      grid.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell?.formula || /OMSPAN\.ASOF/.test(cell.formula)) return;
          const got = viaCatalogue(r, c);
          const want = viaReference(r, c);
          if (typeof want === "number" && !Number.isInteger(want)) expect(num(got)).toBeCloseTo(want, 9);
          else expect([cell.formula, got]).toEqual([cell.formula, want]);
          compared++;
        }),
      );
      expect(compared).toBe(counts.omspanFormulas + counts.excelFormulas - 1); // all but the ASOF cell
      expect(typeof viaCatalogue(2, 1)).toBe("number"); // ASOF: when the data was pulled, an Excel date-time
    }
  });

  test("bad requests are refused naming the field; an unknown satker names the satker", () => {
    expect(() => buildReport({ ...request("kurva-s", { kind: "all" }), month: 13 }, p.data)).toThrow(/month/);
    expect(() => buildReport(request("kurva-s", { kind: "satker", satker: ["12345"] }), p.data)).toThrow(/scope\.satker\.0/);
    expect(() => buildReport(request("kurva-s", { kind: "satker", satker: ["999999"] }), p.data)).toThrow(/999999/);
  });
});

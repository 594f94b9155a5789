/**
 * The report writer against the Excel stand-in, for every template and the simulator's demo and full
 * profiles: the WRITTEN sheet (not the grid) is read back and evaluated — every OMSPAN formula through the
 * formula catalogue must equal the independent reference from the raw pages, every SUM / SUBTOTAL must
 * add up the cells it covers, texts stay texts (codes with their zeros, OMSPAN names never formulas) — and
 * its layout is there: styles, widths, frozen header, conditional formats, the Kurva S chart, A4 landscape.
 * The largest full-profile report keeps every request under 5 MB; a failure mid-build leaves no sheet.
 */
import { scanOmspanCells } from "../../src/excel/formula-cells";
import { ReportBuildError, estimatedBytes, reportChunks, uniqueSheetName, writeReport } from "../../src/excel/report-writer";
import { CHUNK_BYTES } from "../../src/excel/table-writer";
import { buildReport, gridCounts, scopeOptions, TEMPLATE_IDS, type ReportGrid, type TemplateId } from "../../src/omspan/templates";
import { installExcelStandin, PAYLOAD_LIMIT, type ExcelStandin } from "../support/excel-standin";
import { evaluateGrid, loadReportProfile, pickSatker, REPORT_YEAR, type ReportProfile } from "../support/report-stack";
import { SheetEvaluator, parseRef, type Scalar } from "../support/sheet-evaluator";

const MONTH = 9;
let p: ReportProfile;
let xl: ExcelStandin;

beforeEach(() => {
  xl = installExcelStandin({ sheets: ["Sheet1"] });
});
afterEach(() => xl.uninstall());

const request = (template: TemplateId, scope: object, lang: "id" | "en" = "id") => ({ template, scope, month: MONTH, year: REPORT_YEAR, lang });

async function write(grid: ReportGrid, lang: "id" | "en" = "id") {
  return Excel.run((ctx) => writeReport(ctx as unknown as Excel.RequestContext, grid, { lang }));
}

/** The written sheet's cells as Excel holds them: a formula, else the value (blank = undefined). */
function sheetCells(name: string) {
  const sheet = xl.model.sheet(name)!;
  return (r: number, c: number) => {
    const cell = sheet.get(r, c);
    return cell?.f ?? (cell === undefined || cell.v === "" ? undefined : cell.v);
  };
}

const SUM_RANGE = /^=(SUBTOTAL\(9,|SUM\()(\$?[A-Z]+\$?\d+):(\$?[A-Z]+\$?\d+)\)$/;

function checkWritten(grid: ReportGrid, sheetName: string): { omspan: number; sums: number } {
  const cells = sheetCells(sheetName);
  const written = new SheetEvaluator(cells, p.catalogue);
  const reference = evaluateGrid(grid, p.reference);
  let omspan = 0;
  let sums = 0;
  grid.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const got = cells(r, c);
      if (!cell) return expect(got).toBeUndefined();
      if (cell.formula) expect(got).toBe(cell.formula);
      else if (cell.value !== undefined) expect([r, c, got]).toEqual([r, c, cell.value === "" ? undefined : cell.value]);
      if (cell.format === "text" && cell.value !== "") expect(typeof got).toBe("string");
      if (!cell.formula) return;
      const v = written.valueAt(r, c);
      if (/OMSPAN\./.test(cell.formula) && !/OMSPAN\.ASOF/.test(cell.formula)) {
        const want = reference(r, c);
        if (typeof want === "number" && !Number.isInteger(want)) expect(v as number).toBeCloseTo(want, 9);
        else expect([cell.formula, v]).toEqual([cell.formula, want]);
        omspan++;
      }
      const m = SUM_RANGE.exec(cell.formula);
      if (m) {
        // Added up here, cell by cell, from the sheet's own values (SUBTOTAL skips other SUBTOTALs).
        const [r0, c0] = parseRef(m[2]!);
        const [r1, c1] = parseRef(m[3]!);
        let total = 0;
        for (let i = r0; i <= r1; i++)
          for (let j = c0; j <= c1; j++) {
            const f = cells(i, j);
            if (m[1]!.startsWith("SUBTOTAL") && typeof f === "string" && f.startsWith("=SUBTOTAL(")) continue;
            const x = written.valueAt(i, j);
            if (typeof x === "number") total += x;
          }
        expect([cell.formula, v]).toEqual([cell.formula, total]);
        sums++;
      }
    }),
  );
  return { omspan, sums };
}

test("sheet names: the grid's, suffixed where taken (any case), ≤ 31 characters, no forbidden characters", () => {
  expect(uniqueSheetName("Kurva S Sep", ["Sheet1"])).toBe("Kurva S Sep");
  expect(uniqueSheetName("Kurva S Sep", ["kurva s sep", "Kurva S Sep (2)"])).toBe("Kurva S Sep (3)");
  const long = "R".repeat(31);
  expect(uniqueSheetName(long, [long])).toBe(`${"R".repeat(27)} (2)`);
  expect(uniqueSheetName("a/b:c", [])).toBe("a b c");
});

test("texts stay texts: OMSPAN names that start like a formula, codes with leading zeros; formulas stay formulas", async () => {
  const grid: ReportGrid = {
    template: "ringkasan-satker",
    sheetName: "Guard",
    cells: [
      [{ value: "=HYPERLINK(\"http://x\")", format: "text" }, { value: "-1+2" }, { value: "@SUM(A1)" }, { value: "'quoted" }],
      [{ value: "017001", format: "text" }, { value: 42 }, { formula: "=B2*2" }, undefined],
    ],
    columnWidths: [10, 10, 10, 10],
    freeze: { rows: 1, columns: 0 },
    conditional: [],
    charts: [],
    print: { orientation: "landscape", paper: "A4", titleRows: "1:1" },
  };
  await write(grid);
  const sheet = xl.model.sheet("Guard")!;
  expect([0, 1, 2, 3].map((c) => [sheet.get(0, c)!.f, sheet.get(0, c)!.v])).toEqual([
    [undefined, '=HYPERLINK("http://x")'],
    [undefined, "-1+2"],
    [undefined, "@SUM(A1)"],
    [undefined, "'quoted"],
  ]);
  expect(sheet.get(1, 0)).toMatchObject({ v: "017001", nf: "@" });
  expect(sheet.get(1, 1)!.v).toBe(42);
  expect(sheet.get(1, 2)!.f).toBe("=B2*2");
  expect(xl.layout("Guard").frozen).toEqual({ rows: 1, columns: 0 });
});

describe.each(["demo", "full"] as const)("report writer, %s profile", (profileName) => {
  beforeAll(async () => {
    p = await loadReportProfile(profileName);
  }, 240_000);
  afterAll(async () => {
    await p?.sim.close();
  });

  const scopesOf = (template: TemplateId) => {
    const { kanwil, kantah } = pickSatker(p.raw);
    return template === "realisasi-bulanan"
      ? [{ kind: "satker", satker: [kantah] }, { kind: "eselon1", eselon1: "05601" }]
      : [{ kind: "kanwil", kanwil }];
  };

  test.each(TEMPLATE_IDS)("%s: the written sheet evaluates to the reference, its sums add up, its layout is there", async (template) => {
    for (const [i, scope] of scopesOf(template).entries()) {
      const { grid, counts } = buildReport(request(template, scope), p.data);
      const out = await write(grid);
      // The second scope's report has the same sheet name: it gets a suffix.
      expect(out.sheet).toBe(i === 0 ? grid.sheetName : `${grid.sheetName} (2)`);
      const { omspan, sums } = checkWritten(grid, out.sheet);
      expect(omspan).toBe(counts.omspanFormulas - 1); // all but ASOF
      if (!["kurva-s", "peringkat-ikpa"].includes(template)) expect(sums).toBeGreaterThan(0);
      // Refresh workbook finds the report's OMSPAN cells like any sheet's, the as-of cell among them.
      const found = await Excel.run(async (ctx) => scanOmspanCells(ctx as unknown as Excel.RequestContext, [(ctx as unknown as Excel.RequestContext).workbook.worksheets.getItem(out.sheet)]));
      expect(found).toHaveLength(counts.omspanFormulas);
      expect(found.some((c) => /OMSPAN\.ASOF\("realisasi"\)/.test(c.formula))).toBe(true);

      const layout = xl.layout(out.sheet);
      expect(layout.frozen).toEqual(grid.freeze);
      expect(layout.page).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$${grid.print.titleRows.replace(":", ":$")}` });
      grid.columnWidths.forEach((w, c) => expect(layout.columnWidths.get(c)).toBeGreaterThan(w * 4));
      expect(layout.formatAt(0, 0)).toMatchObject({ "font.bold": true, "font.size": 14 });
      const header = grid.cells.findIndex((row) => row[0]?.style === "header");
      expect(layout.formatAt(header, 1)).toMatchObject({ "font.bold": true, "fill.color": "#1F4E78" });
      const model = xl.model.sheet(out.sheet)!;
      grid.cells.forEach((row, r) => row.forEach((cell, c) => cell?.format === "text" && expect(model.get(r, c)!.nf).toBe("@")));
      const totalRow = grid.cells.findIndex((row) => row[0]?.style === "total");
      if (totalRow >= 0) expect(layout.formatAt(totalRow, 0)).toMatchObject({ "font.bold": true, "border.EdgeTop.style": "Continuous" });
      expect(layout.conditional.map((c) => c.type)).toEqual(grid.conditional.map((c) => (c.rule === "negative" ? "CellValue" : "ColorScale")));
      if (template === "sisa-dana") {
        expect(layout.conditional[0]).toMatchObject({ rule: { operator: "LessThan", formula1: "0" }, format: { "fill.color": "#FFC7CE" } });
      }
      if (template === "peringkat-ikpa") {
        expect(new Set(layout.conditional.map((c) => c.box.c0)).size).toBe(grid.conditional.length); // one scale per column
        expect(layout.conditional[0]!.criteria).toMatchObject({ minimum: { type: "LowestValue" }, maximum: { type: "HighestValue" } });
      }
      expect(layout.charts).toHaveLength(grid.charts.length);
      if (template === "kurva-s") {
        const chart = layout.charts[0]!;
        const spec = grid.charts[0]!;
        expect(chart.type).toBe("Line");
        expect(chart.title).toBe(spec.title);
        expect(chart.anchor).toBe(spec.anchor);
        const box = (a: string) => {
          const [x, y] = a.split(":").map(parseRef);
          return { r0: x![0], c0: x![1], rows: y![0] - x![0] + 1, cols: y![1] - x![1] + 1 };
        };
        expect(chart.series.map((s) => ({ name: s.name, values: s.values, x: s.xValues }))).toEqual(
          spec.series.map((s) => ({ name: s.name, values: box(s.values), x: box(spec.categories) })),
        );
      }
      // Every request of the build stays under the limit; calculation suspended while cells land.
      expect(Math.max(...xl.syncs.map((s) => s.requestBytes))).toBeLessThan(PAYLOAD_LIMIT);
    }
  });

  test("the pane's scope choices from DIPA: every satker, each province's Kanwil, the eselon I units", () => {
    const o = scopeOptions(p.data.dipa);
    expect(o.satker).toEqual([...new Set(p.raw.dipa.map((r) => r.KDSATKER!))].sort());
    const provinces = new Set(p.raw.dipa.filter((r) => r.KEWENANGAN === "2").map((r) => r.LOKASI!.slice(0, 2)));
    expect(o.kanwil).toHaveLength(provinces.size);
    for (const k of o.kanwil) expect(k).toMatch(/^6\d\d001$/); // the simulator's Kanwil codes (6PP001)
    expect(o.eselon1).toEqual([...new Set(p.raw.dipa.map((r) => r.BAES1!))].sort());
  });

  test("building the same report twice gives a second sheet with a suffix; the first is untouched", async () => {
    const { grid } = buildReport(request("kurva-s", { kind: "all" }, "en"), p.data);
    const a = await write(grid, "en");
    const before = xl.snapshot(a.sheet);
    const b = await write(grid, "en");
    expect(b.sheet).toBe(`${grid.sheetName} (2)`);
    expect(xl.snapshot(a.sheet)).toBe(before);
  });

  test("the largest report of the whole key builds with every request under 5 MB, in chunks", async () => {
    const grids = TEMPLATE_IDS.map((t) => buildReport(request(t, { kind: "all" }), p.data).grid);
    const size = (g: ReportGrid) => g.cells.length * (g.cells[0]?.length ?? 0);
    const largest = grids.reduce((a, b) => (size(b) > size(a) ? b : a));
    const out = await write(largest);
    const largestRequest = Math.max(...xl.syncs.map((s) => s.requestBytes));
    expect(largestRequest).toBeLessThan(PAYLOAD_LIMIT);
    expect(out.counts).toEqual(gridCounts(largest));
    if (profileName === "full") {
      expect(largest.cells.length).toBeGreaterThan(510);
      // More than one request can carry: written in chunks, each under the writer's 3.5 MB budget.
      const chunks = xl.syncs.filter((s) => s.ops.includes("Range.formulas"));
      expect(chunks.length).toBeGreaterThan(1);
      expect(Math.max(...chunks.map((s) => s.requestBytes))).toBeLessThan(CHUNK_BYTES);
      // The writer's estimate, against office.js's own request: never low, and within 10 % on large chunks.
      reportChunks(largest).forEach((c, i) => {
        const estimate = estimatedBytes(largest, c.from, c.to);
        expect(chunks[i]!.requestBytes).toBeLessThanOrEqual(estimate);
        if (estimate > 1_000_000) expect(chunks[i]!.requestBytes).toBeGreaterThan(estimate * 0.9);
      });
      const { omspan } = checkWritten(largest, out.sheet);
      expect(omspan).toBe(out.counts.omspanFormulas - 1);
    }
    expect(xl.syncs.filter((s) => s.ops.includes("Range.formulas")).every((s) => s.calcSuspended)).toBe(true);
  });

  test("a failure mid-build leaves no sheet behind, and says so in Indonesian and English", async () => {
    const { grid } = buildReport(request("sisa-dana", { kind: "all" }), p.data);
    for (const lang of ["id", "en"] as const) {
      const before = xl.snapshot();
      // The build's layout sync (charts, conditional formats, page) fails, after every cell landed.
      xl.failWhen(({ ops }) => ops.includes("PageLayout.orientation"));
      const err = await write(grid, lang).catch((e: unknown) => e);
      xl.failWhen(undefined);
      expect(err).toBeInstanceOf(ReportBuildError);
      expect((err as Error).message).toMatch(lang === "id" ? /tidak dapat dibuat.*dihapus/ : /could not be built.*deleted/);
      expect(xl.model.sheet(grid.sheetName)).toBeUndefined();
      expect(xl.snapshot()).toBe(before);
    }
  });
});

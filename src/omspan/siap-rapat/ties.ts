/**
 * Ties: every total and subtotal of a report equals OMSPAN's own figure for the same scope (computed
 * through the formula catalogue over the data the checks hold); the months of Realisasi per akun per
 * bulan add up to its cumulative column; two reports of the same scope and month agree on pagu and
 * realisation (Ringkasan satker, Realisasi per akun per bulan, Kurva S).
 */
import { evaluateFormula, formulaSpec } from "../formulas";
import { a1Of } from "../sheet-calc";
import type { CheckContext } from "./context";
import type { CellRef } from "./model";
import type { ReportLayout } from "./report-layout";
import { kurvaRows, monthColumns, reportTotals } from "./report-totals";
import { NoExpectation, expectedValue } from "./scope-eval";
import { numberOf, rupiah } from "./sheet-grid";
import { label, type Finding } from "./types";

const held = (ctx: CheckContext) => [...ctx.data.answers.values()];

function differs(ctx: CheckContext, cell: CellRef, shown: number | undefined, want: number): Finding | undefined {
  if (shown !== undefined && Math.abs(shown - want) <= ctx.options.tolerance) return undefined;
  const s = shown === undefined ? undefined : shown;
  const at = `${cell.sheet}!${cell.address}`;
  return ctx.finding(
    "ties.totals",
    "stop",
    s === undefined
      ? label(`${at} shows no number; OMSPAN gives ${rupiah(want, "en")} for the same scope`, `${at} tidak menampilkan angka; OMSPAN memberi ${rupiah(want, "id")} untuk lingkup yang sama`)
      : label(
          `${at} shows ${rupiah(s, "en")}; OMSPAN gives ${rupiah(want, "en")} for the same scope (difference ${rupiah(s - want, "en")})`,
          `${at} menampilkan ${rupiah(s, "id")}; OMSPAN memberi ${rupiah(want, "id")} untuk lingkup yang sama (selisih ${rupiah(s - want, "id")})`,
        ),
    [cell],
  );
}

/** Totals against OMSPAN for one report. */
export function tieTotals(ctx: CheckContext, layout: ReportLayout): Finding[] {
  const out: Finding[] = [];
  const g = layout.grid;
  const data = held(ctx);
  for (const t of reportTotals(layout)) {
    for (const [col, detail] of t.cols) {
      let want: number;
      try {
        want = expectedValue(layout, detail, col, t.subst, data);
      } catch (e) {
        if (e instanceof NoExpectation) continue; // % and rank columns: no total to tie
        throw e;
      }
      ctx.count("ties.totals");
      const f = differs(ctx, g.ref(t.row, col), numberOf(g.value(t.row, col)), want);
      if (f) out.push(f);
    }
  }
  if (layout.report.template === "kurva-s") out.push(...tieKurva(ctx, layout));
  return out;
}

function tieKurva(ctx: CheckContext, layout: ReportLayout): Finding[] {
  const k = kurvaRows(layout);
  if (!k) return [];
  const g = layout.grid;
  const data = held(ctx);
  const scope = [layout.satker, ""];
  const f = layout.filter;
  const call = (name: "PAGU" | "REALISASI.BULAN", args: unknown[]) => {
    try {
      const v = evaluateFormula(formulaSpec(name), args, ...data);
      return typeof v === "number" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const out: Finding[] = [];
  const pagu = call("PAGU", f === undefined ? scope : [...scope, f]);
  if (pagu !== undefined) {
    ctx.count("ties.totals");
    const d = differs(ctx, g.ref(k.paguRow, 1), numberOf(g.value(k.paguRow, 1)), pagu);
    if (d) out.push(d);
  }
  for (let m = 1; m <= k.month; m++) {
    const want = call("REALISASI.BULAN", [...scope, m, true, ...(f === undefined ? [] : [f])]);
    if (want === undefined) continue;
    const row = k.first + m - 1;
    ctx.count("ties.totals");
    const d = differs(ctx, g.ref(row, 2), numberOf(g.value(row, 2)), want);
    if (d) out.push(d);
  }
  return out;
}

/** The months of each row add up to its cumulative (Realisasi per akun per bulan). */
export function tieMonths(ctx: CheckContext, layout: ReportLayout): Finding[] {
  const cols = monthColumns(layout);
  if (!cols) return [];
  const g = layout.grid;
  const out: Finding[] = [];
  for (let r = 0; r < g.rowEnd; r++) {
    const cum = numberOf(g.value(r, cols.cumulative));
    if (cum === undefined || !g.formula(r, cols.cumulative)) continue;
    let sum = 0;
    let all = true;
    for (const c of cols.months) {
      const v = numberOf(g.value(r, c));
      if (v === undefined) all = false;
      else sum += v;
    }
    if (!all) continue;
    ctx.count("ties.months");
    if (Math.abs(sum - cum) <= ctx.options.tolerance) continue;
    const at = `${g.name}!${a1Of(r, cols.cumulative)}`;
    out.push(
      ctx.finding(
        "ties.months",
        "stop",
        label(
          `the months of row ${r + 1} add up to ${rupiah(sum, "en")}, but ${at} shows ${rupiah(cum, "en")}`,
          `bulan-bulan baris ${r + 1} berjumlah ${rupiah(sum, "id")}, tetapi ${at} menampilkan ${rupiah(cum, "id")}`,
        ),
        [g.area({ top: r, left: cols.months[0]!, bottom: r, right: cols.cumulative })],
      ),
    );
  }
  return out;
}

/** A report's headline figures (pagu, realisation through its month) for comparing reports. */
export interface ReportFigures {
  readonly layout: ReportLayout;
  readonly key: string;
  readonly pagu?: { readonly value?: number; readonly cell: CellRef };
  readonly realisasi?: { readonly value?: number; readonly cell: CellRef };
}

/** The scope as a key: satker codes sorted, the filter, the month. */
const scopeKey = (l: ReportLayout) => `${l.satker.split(",").map((s) => s.trim()).filter(Boolean).sort().join(",")}|${l.filter ?? ""}|${l.month ?? ""}`;

export function reportFigures(layout: ReportLayout): ReportFigures | undefined {
  const g = layout.grid;
  const at = (row: number, col: number) => ({ value: numberOf(g.value(row, col)), cell: g.ref(row, col) });
  const key = scopeKey(layout);
  switch (layout.report.template) {
    case "realisasi-bulanan": {
      const grand = reportTotals(layout).find((t) => t.grand);
      const cols = monthColumns(layout);
      return grand && cols ? { layout, key, pagu: at(grand.row, 1), realisasi: at(grand.row, cols.cumulative) } : undefined;
    }
    case "ringkasan-satker": {
      const grand = reportTotals(layout).find((t) => t.grand);
      if (!grand) return undefined;
      const types = layout.calls.filter((c) => c.row === grand.details[0] && c.name === "PAGU").length;
      return { layout, key, pagu: at(grand.row, 1 + types * 2), realisasi: at(grand.row, 2 + types * 2) };
    }
    case "kurva-s": {
      const k = kurvaRows(layout);
      return k && k.month ? { layout, key, pagu: at(k.paguRow, 1), realisasi: at(k.first + k.month - 1, 2) } : undefined;
    }
    default:
      return undefined;
  }
}

/** Reports of the same scope and month agree on pagu and realisation. */
export function tieReports(ctx: CheckContext, layouts: readonly ReportLayout[]): Finding[] {
  const figures = layouts.map(reportFigures).filter((f): f is ReportFigures => f !== undefined);
  const out: Finding[] = [];
  for (let i = 0; i < figures.length; i++) {
    for (let j = i + 1; j < figures.length; j++) {
      const a = figures[i]!;
      const b = figures[j]!;
      if (a.key !== b.key) continue;
      for (const what of ["pagu", "realisasi"] as const) {
        const x = a[what];
        const y = b[what];
        if (!x || !y || x.value === undefined || y.value === undefined) continue;
        ctx.count("ties.reports");
        if (Math.abs(x.value - y.value) <= ctx.options.tolerance) continue;
        const name = what === "pagu" ? label("pagu", "pagu") : label("realisation", "realisasi");
        out.push(
          ctx.finding(
            "ties.reports",
            "stop",
            label(
              `${a.layout.grid.name} and ${b.layout.grid.name} cover the same scope but disagree on total ${name.en}: ${rupiah(x.value, "en")} against ${rupiah(y.value, "en")}`,
              `${a.layout.grid.name} dan ${b.layout.grid.name} berlingkup sama tetapi berbeda pada jumlah ${name.id}: ${rupiah(x.value, "id")} dan ${rupiah(y.value, "id")}`,
            ),
            [x.cell, y.cell],
          ),
        );
      }
    }
  }
  return out;
}

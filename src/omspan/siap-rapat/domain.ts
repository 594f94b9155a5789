/**
 * Domain: realisation above pagu, per akun (Realisasi per akun per bulan) and per satker and spending
 * type (Ringkasan satker), each line listed — known when DataFA (Ketersediaan dana) shows that satker
 * and akun as pagu minus (a warning: present it, with its explanation), unknown otherwise (stop: the
 * figures disagree with SPAN's own funds); DataFA's own pagu-minus lines (Sisa dana); negative
 * realisation (corrections) as information; Kurva S months deviating from plan beyond the threshold.
 */
import type { DatasetData } from "../store/dataset-data";
import { datasetSpec } from "../datasets/catalog";
import { AKUN_RULE, SATKER_RULE, codeMatches, parseCodeFilter } from "../query/code-filter";
import { parseFilterPairs } from "../query/filter-pairs";
import { numberAt, textAt } from "../columnar/table";
import type { CheckContext } from "./context";
import type { CellRef, ModelValue } from "./model";
import { isModelError } from "./model";
import type { ReportLayout } from "./report-layout";
import { kurvaRows, monthColumns } from "./report-totals";
import { numberOf, rupiah } from "./sheet-grid";
import { label, type Finding } from "./types";

const text = (v: ModelValue) => (v === null || isModelError(v) ? "" : String(v));

/** DataFA's pagu-minus lines (`satker|akun`): funds available below zero. */
function paguMinus(dana: DatasetData | undefined): Set<string> | undefined {
  if (!dana) return undefined;
  const t = dana.table;
  const out = new Set<string>();
  for (let r = 0; r < t.rowCount; r++) if (numberAt(t, "BALANCING_AMT", r) < 0) out.add(`${textAt(t, "SATKER", r)}|${textAt(t, "AKUN", r)}`);
  return out;
}

/** The satker a report's scope covers, read from DIPA with the same grammar as its formulas. */
function scopeSatker(layout: ReportLayout, dipa: DatasetData | undefined): Set<string> {
  const out = new Set<string>();
  if (!dipa) return out;
  try {
    const satker = parseCodeFilter(layout.satker, SATKER_RULE);
    const filters = layout.filter ? parseFilterPairs(layout.filter, datasetSpec("dipa").columns) : [];
    const t = dipa.table;
    for (let r = 0; r < t.rowCount; r++) {
      const s = textAt(t, "KDSATKER", r) ?? "";
      if (!codeMatches(satker, s)) continue;
      if (filters.every((f) => codeMatches(f.filter, textAt(t, f.column, r) ?? ""))) out.add(s);
    }
  } catch {
    // A scope the grammar refuses: the report's own cells show that error.
  }
  return out;
}

interface Line {
  readonly cells: CellRef[];
  readonly what: { en: string; id: string };
  readonly over: number;
  readonly known: boolean | undefined;
}

function overspentLines(ctx: CheckContext, layout: ReportLayout, minus: Set<string> | undefined): Line[] {
  const g = layout.grid;
  const tol = ctx.options.tolerance;
  const lines: Line[] = [];
  const scope = scopeSatker(layout, ctx.data.answers.get("dipa"));
  const knownFor = (akun: (a: string) => boolean, satker: (s: string) => boolean) =>
    minus === undefined ? undefined : [...minus].some((k) => {
      const [s, a] = k.split("|");
      return satker(s!) && akun(a!);
    });
  if (layout.report.template === "realisasi-bulanan") {
    const cols = monthColumns(layout);
    if (!cols) return lines;
    // Akun rows: a pagu call, or month calls (a pagu typed over by hand is still that akun's line).
    const rows = [...new Set(layout.calls.filter((c) => (c.name === "PAGU" && c.col === 1) || (c.name === "REALISASI.BULAN" && c.col >= 2)).map((c) => c.row))];
    for (const row of rows) {
      const c = { row };
      const pagu = numberOf(g.value(c.row, 1));
      const cum = numberOf(g.value(c.row, cols.cumulative));
      if (pagu === undefined || cum === undefined || cum <= pagu + tol) continue;
      const akun = text(g.value(c.row, 0));
      const exact = parseCodeFilter(akun, AKUN_RULE);
      lines.push({ cells: [g.ref(c.row, 1), g.ref(c.row, cols.cumulative)], what: { en: `akun ${akun}`, id: `akun ${akun}` }, over: cum - pagu, known: knownFor((a) => codeMatches(exact, a), (s) => scope.has(s)) });
    }
  } else if (layout.report.template === "ringkasan-satker") {
    for (const c of layout.calls) {
      if (c.name !== "PAGU") continue;
      const prefix = String(c.args[1] ?? "");
      const pagu = numberOf(g.value(c.row, c.col));
      const real = numberOf(g.value(c.row, c.col + 1));
      if (pagu === undefined || real === undefined || real <= pagu + tol) continue;
      const satker = text(g.value(c.row, 0));
      lines.push({
        cells: [g.ref(c.row, c.col), g.ref(c.row, c.col + 1)],
        what: { en: `satker ${satker}, spending type ${prefix}`, id: `satker ${satker}, jenis belanja ${prefix}` },
        over: real - pagu,
        known: knownFor((a) => a.startsWith(prefix), (s) => s === satker),
      });
    }
  } else if (layout.report.template === "sisa-dana") {
    for (const c of layout.calls) {
      if (c.name !== "DANA" || c.col !== 2) continue;
      const available = numberOf(g.value(c.row, 6));
      if (available === undefined || available >= -tol) continue;
      const satker = text(g.value(c.row, 0));
      const akun = text(g.value(c.row, 1));
      lines.push({ cells: [g.ref(c.row, 6)], what: { en: `satker ${satker}, akun ${akun}`, id: `satker ${satker}, akun ${akun}` }, over: -available, known: true });
    }
  }
  return lines;
}

export function domainChecks(ctx: CheckContext, layouts: readonly ReportLayout[]): { overspent: Finding[]; negative: Finding[]; kurva: Finding[] } {
  const minus = paguMinus(ctx.data.answers.get("dana"));
  const out = { overspent: [] as Finding[], negative: [] as Finding[], kurva: [] as Finding[] };
  for (const layout of layouts) {
    const g = layout.grid;
    ctx.count("domain.overspent", layout.calls.length);
    for (const line of overspentLines(ctx, layout, minus)) {
      const over = { en: rupiah(line.over, "en"), id: rupiah(line.over, "id") };
      out.overspent.push(
        line.known
          ? ctx.finding("domain.overspent", "warn", label(`${g.name}: ${line.what.en} spent ${over.en} above pagu — known: DataFA shows it as pagu minus`, `${g.name}: ${line.what.id} membelanjakan ${over.id} di atas pagu — diketahui: DataFA menunjukkannya sebagai pagu minus`), line.cells)
          : ctx.finding(
              "domain.overspent",
              "stop",
              line.known === undefined
                ? label(`${g.name}: ${line.what.en} spent ${over.en} above pagu — DataFA could not be read to tell whether it is a known pagu minus`, `${g.name}: ${line.what.id} membelanjakan ${over.id} di atas pagu — DataFA tidak terbaca untuk memastikan pagu minus`)
                : label(`${g.name}: ${line.what.en} spent ${over.en} above pagu — not a pagu minus in DataFA: check the figures`, `${g.name}: ${line.what.id} membelanjakan ${over.id} di atas pagu — bukan pagu minus di DataFA: periksa angkanya`),
              line.cells,
            ),
      );
    }
    const negative: CellRef[] = [];
    if (layout.report.template === "realisasi-bulanan" || layout.report.template === "ringkasan-satker") {
      ctx.count("domain.negative", layout.calls.length);
      for (const c of layout.calls) if (c.name === "REALISASI.BULAN" && typeof c.value === "number" && c.value < 0) negative.push(g.ref(c.row, c.col));
    }
    if (negative.length) {
      out.negative.push(ctx.finding("domain.negative", "info", label(`${g.name}: ${negative.length} negative realisation figure(s) (corrections or refunds)`, `${g.name}: ${negative.length} angka realisasi negatif (koreksi atau pengembalian)`), negative));
    }
    const k = layout.report.template === "kurva-s" ? kurvaRows(layout) : undefined;
    if (k) {
      ctx.count("domain.kurva-s", 12);
      for (let m = 1; m <= 12; m++) {
        const v = numberOf(g.value(k.first + m - 1, 4));
        if (v === undefined || Math.abs(v) <= ctx.options.kurvaSThreshold) continue;
        const pts = (v * 100).toFixed(1);
        const limit = (ctx.options.kurvaSThreshold * 100).toFixed(1);
        out.kurva.push(
          ctx.finding("domain.kurva-s", "warn", label(`${g.name}: month ${m} deviates ${pts} points from the DIPA page III plan (allowed: ${limit})`, `${g.name}: bulan ${m} menyimpang ${pts} poin dari rencana halaman III DIPA (batas: ${limit})`), [g.ref(k.first + m - 1, 4)]),
        );
      }
    }
  }
  return out;
}

/**
 * Renders a built report — its evaluated cells with their number formats and styles — as an HTML page that
 * looks like the sheet (column letters, row numbers, frozen header, Indonesian or English number formats),
 * so a person can see a template's layout without Excel. Text is escaped: OMSPAN names stay text here too.
 */
import { columnLetter, type GridCell, type ReportGrid } from "../../src/omspan/templates";
import type { LineChart } from "../../src/omspan/templates/grid";
import type { Scalar } from "./sheet-evaluator";

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function show(cell: GridCell | undefined, v: Scalar, locale: string): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.error;
  if (typeof v !== "number") return String(v);
  switch (cell?.format) {
    case "rupiah":
      return v.toLocaleString(locale, { maximumFractionDigits: 0 });
    case "percent":
      return (v * 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + "%";
    case "score":
      return v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case "datetime":
      return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 16).replace("T", " ");
    case "integer":
      return String(v);
    case "date": {
      const d = new Date(Math.round((v - 25569) * 86_400_000)).toISOString();
      return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    }
    default:
      return v.toLocaleString(locale);
  }
}

const STYLE: Record<string, string> = {
  title: "font-size:15px;font-weight:700;color:#1f3864",
  subtitle: "font-weight:600",
  note: "font-style:italic;color:#555",
  header: "font-weight:700;background:#1f4e78;color:#fff;text-align:center;white-space:normal",
  group: "font-weight:700;background:#ddebf7",
  label: "font-weight:600",
  subtotal: "font-weight:700;background:#f2f2f2;border-top:1px solid #999",
  total: "font-weight:700;background:#d9e1f2;border-top:2px solid #333",
  input: "background:#fff2cc",
};

/** 0-based cells of an A1 range on the sheet ("B10:B21"). */
function cellsOf(range: string): [number, number][] {
  const [a, b] = range.split(":").map((x) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(x)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]) - 1, col - 1] as const;
  });
  const out: [number, number][] = [];
  for (let r = a![0]; r <= (b ?? a)![0]; r++) for (let c = a![1]; c <= (b ?? a)![1]; c++) out.push([r, c]);
  return out;
}

const SERIES_COLORS = ["#4472c4", "#ed7d31", "#a5a5a5", "#ffc000"];

/** A line chart as the report's native Excel chart would draw it: categories along, one line per series. */
function renderChart(chart: LineChart, value: (r: number, c: number) => Scalar): string {
  const [w, h, pad] = [480, 280, 36];
  const cats = cellsOf(chart.categories).map(([r, c]) => String(value(r, c) ?? ""));
  const series = chart.series.map((s) => cellsOf(s.values).map(([r, c]) => value(r, c)));
  const nums = series.flat().filter((v): v is number => typeof v === "number");
  const max = Math.max(1e-9, ...nums);
  const x = (i: number) => pad + (i * (w - 2 * pad)) / Math.max(1, cats.length - 1);
  const y = (v: number) => h - pad - (v / max) * (h - 2 * pad);
  const lines = series
    .map((vals, k) => {
      const pts = vals.map((v, i) => (typeof v === "number" ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : "")).filter(Boolean).join(" ");
      return `<polyline fill="none" stroke="${SERIES_COLORS[k % 4]}" stroke-width="2" points="${pts}"/>`;
    })
    .join("");
  const labels = cats.map((c, i) => `<text x="${x(i)}" y="${h - pad + 14}" font-size="10" text-anchor="middle">${escape(c)}</text>`).join("");
  const legend = chart.series
    .map((s, k) => `<rect x="${pad + k * 150}" y="${h - 14}" width="10" height="10" fill="${SERIES_COLORS[k % 4]}"/><text x="${pad + k * 150 + 14}" y="${h - 5}" font-size="11">${escape(s.name)}</text>`)
    .join("");
  return `<figure class="chart" data-anchor="${escape(chart.anchor)}"><svg width="${w}" height="${h}" role="img" aria-label="${escape(chart.title)}">
<rect width="${w}" height="${h}" fill="#fff" stroke="#bbb"/><text x="${w / 2}" y="18" font-size="13" font-weight="700" text-anchor="middle">${escape(chart.title)}</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>${lines}${labels}${legend}</svg></figure>`;
}

/** The page; `value(r, c)` is the evaluated cell. Negative available funds in the conditional range show red. */
export function renderGrid(grid: ReportGrid, value: (r: number, c: number) => Scalar, lang: "id" | "en"): string {
  const locale = lang === "id" ? "id-ID" : "en-US";
  const width = grid.cells[0]?.length ?? 0;
  // Colour scales as Excel draws them: lowest red, middle (50th percentile) yellow, highest green, per range.
  const scaleOf = new Map<string, (v: number) => string>();
  for (const rule of grid.conditional.filter((c) => c.rule === "colorScale")) {
    const cells = cellsOf(rule.range);
    const nums = cells.map(([r, c]) => value(r, c)).filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
    if (!nums.length) continue;
    const [lo, mid, hi] = [nums[0]!, nums[Math.floor((nums.length - 1) / 2)]!, nums.at(-1)!];
    const mix = (a: number[], b: number[], t: number) => `rgb(${a.map((x, i) => Math.round(x + (b[i]! - x) * t)).join(",")})`;
    const [red, yellow, green] = [[248, 105, 107], [255, 235, 132], [99, 190, 123]];
    const colour = (v: number) => (v <= mid ? mix(red, yellow, mid > lo ? (v - lo) / (mid - lo) : 1) : mix(yellow, green, hi > mid ? (v - mid) / (hi - mid) : 1));
    for (const [r, c] of cells) scaleOf.set(`${r},${c}`, colour);
  }
  const negativeCols = new Set(grid.conditional.filter((c) => c.rule === "negative").map((c) => c.range.replace(/\d+/g, "").split(":")[0]));
  const nonzero = new Set(grid.conditional.filter((c) => c.rule === "nonzero").flatMap((c) => cellsOf(c.range).map(([r, col]) => `${r},${col}`)));
  const px = (c: number) => (grid.columnWidths[c] ?? 10) * 7;
  const cols = Array.from({ length: width }, (_, c) => `<col style="width:${px(c)}px">`).join("");
  const tableWidth = 40 + Array.from({ length: width }, (_, c) => px(c)).reduce((a, b) => a + b, 0);
  const head = Array.from({ length: width }, (_, c) => `<th>${columnLetter(c)}</th>`).join("");
  const rows = grid.cells
    .map((row, r) => {
      const tds = row
        .map((cell, c) => {
          const v = value(r, c);
          const numeric = typeof v === "number";
          let css = STYLE[cell?.style ?? ""] ?? "";
          if (numeric) css += ";text-align:right";
          if (numeric && v < 0 && negativeCols.has(columnLetter(c))) css += ";color:#9c0006;background:#ffc7ce";
          if (numeric && v !== 0 && nonzero.has(`${r},${c}`)) css += ";color:#9c0006;background:#ffc7ce";
          const scale = numeric ? scaleOf.get(`${r},${c}`) : undefined;
          if (scale) css += `;background:${scale(v as number)}`;
          // As in Excel, text runs on into empty cells to its right.
          if (!numeric && row[c + 1] === undefined) css += ";overflow:visible;text-overflow:clip";
          return `<td style="${css}">${escape(show(cell, v, locale))}</td>`;
        })
        .join("");
      return `<tr><th>${r + 1}</th>${tds}</tr>`;
    })
    .join("\n");
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(grid.sheetName)}</title>
<style>body{font:12px Calibri,Carlito,"DejaVu Sans",sans-serif;margin:8px}table{border-collapse:collapse;table-layout:fixed}
td,th{border:1px solid #d4d4d4;padding:2px 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
th{background:#f3f3f3;color:#555;font-weight:400}caption{text-align:left;padding:4px;color:#555}
.sheet{display:flex;gap:16px;align-items:flex-start}figure{margin:40px 0 0}</style></head>
<body><div class="sheet"><table style="width:${tableWidth}px"><caption>${escape(grid.sheetName)}</caption>
<colgroup><col style="width:40px">${cols}</colgroup><tr><th></th>${head}</tr>
${rows}</table>${grid.charts.map((c) => renderChart(c, value)).join("")}</div></body></html>`;
}

/**
 * Freshness: every OMSPAN table and formula shows the same pull of its dataset (one generation), their
 * as-of times are within a few minutes of each other, OMSPAN's cut-off (MAXDATE) is the same everywhere
 * and not older than the allowed working days, and data from a snapshot (stale, or frozen) is named.
 * The marks are the tables' registry rows and as-of lines, the reports' `=OMSPAN.ASOF(…)` cells, and —
 * in Excel, where they are what the cells show — the store's answers.
 */
import { asOfStatus, formatAsOfTime } from "../store/as-of";
import { dateToExcelDateTime, formatDay } from "../convert";
import type { Label } from "../datasets/columns";
import type { DatasetId } from "../routes";
import { asOfCaption, parseTableQuery } from "../tables";
import { a1Of } from "../sheet-calc";
import type { CheckContext } from "./context";
import type { CellRef } from "./model";
import type { ReportLayout } from "./report-layout";
import { label, type Finding } from "./types";

interface Mark {
  readonly what: Label;
  readonly dataset: DatasetId;
  /** Excel date-time serial (local time), as an ASOF cell shows it. */
  readonly serial: number;
  readonly maxDate?: number;
  readonly cell?: CellRef;
  readonly kind: "table" | "asof" | "answer";
  readonly status?: "stale" | "frozen" | "snapshot";
}

const EPOCH = new Date(0);
/** What an as-of line ends with when stale or frozen, read from the one place that writes it. */
function captionNotes(): { stale: string[]; frozen: string[] } {
  const notes = { stale: [] as string[], frozen: [] as string[] };
  for (const lang of ["id", "en"] as const) {
    const q = parseTableQuery({ version: 1, dataset: "dipa", lang });
    const base = asOfCaption(q, { fetchedAt: EPOCH }).length;
    notes.stale.push(asOfCaption(q, { fetchedAt: EPOCH, stale: { reason: "unreachable", at: EPOCH } }).slice(base));
    notes.frozen.push(asOfCaption(q, { fetchedAt: EPOCH, source: "pin" }).slice(base));
  }
  return notes;
}

/** One pull has one as-of to the millisecond (the registry keeps it as ISO, an ASOF cell as a serial). */
const SAME_PULL = 2 / 86_400_000;
/** An ASOF serial (local time, no zone) back as the moment it names, shown as the pane shows as-of times. */
function time(serial: number): string {
  const local = Math.round((serial - 25569) * 86_400_000);
  return formatAsOfTime(new Date(local + new Date(local).getTimezoneOffset() * 60_000));
}

function marksOf(ctx: CheckContext, layouts: readonly ReportLayout[]): Mark[] {
  const marks: Mark[] = [];
  const notes = captionNotes();
  for (const t of ctx.model.tables) {
    const asOf = t.entry?.asOf;
    if (!t.entry || !asOf) continue;
    const grid = ctx.grid(t.sheet);
    const caption = t.area.top > 0 ? grid?.value(t.area.top - 1, t.area.left) : undefined;
    const text = typeof caption === "string" ? caption : "";
    const status = notes.stale.some((n) => n && text.endsWith(n)) ? "stale" : notes.frozen.some((n) => n && text.endsWith(n)) ? "frozen" : undefined;
    marks.push({
      what: label(`table ${t.name}`, `tabel ${t.name}`),
      dataset: t.entry.query.dataset,
      serial: dateToExcelDateTime(new Date(asOf.fetchedAt)),
      ...(asOf.maxDate !== undefined ? { maxDate: asOf.maxDate } : {}),
      // Its as-of line above it, or (a table at the sheet's top) its first header cell.
      cell: { sheet: t.sheet, address: a1Of(Math.max(0, t.area.top - 1), t.area.left) },
      kind: "table",
      ...(status ? { status } : {}),
    });
  }
  for (const l of layouts) {
    for (const c of l.calls) {
      if (c.name !== "ASOF" || typeof c.value !== "number") continue;
      const jenis = c.args[1];
      if (jenis !== undefined && jenis !== null && jenis !== "" && !/^(tarik|ditarik|pull|pulled)$/i.test(String(jenis))) continue;
      const dataset = (typeof c.args[0] === "string" && c.args[0] ? c.args[0] : "realisasi") as DatasetId;
      marks.push({ what: label(`the as-of of ${l.grid.name}`, `waktu data ${l.grid.name}`), dataset, serial: c.value, cell: l.grid.ref(c.row, c.col), kind: "asof" });
    }
  }
  for (const [dataset, d] of ctx.data.answers) {
    const status = asOfStatus(d.asOf);
    marks.push({
      what: ctx.data.live ? label(`the ${dataset} data behind the cells`, `data ${dataset} di balik sel`) : label(`the ${dataset} data pulled for this check`, `data ${dataset} yang ditarik untuk pemeriksaan ini`),
      dataset,
      serial: dateToExcelDateTime(d.asOf.fetchedAt),
      ...(d.asOf.maxDate !== undefined ? { maxDate: d.asOf.maxDate } : {}),
      kind: "answer",
      ...(status === "fresh" ? {} : { status }),
    });
  }
  return marks;
}

const cellsOf = (marks: readonly Mark[]) => marks.flatMap((m) => (m.cell && m.cell.address ? [m.cell] : []));

/** Working days after `from` up to and including `to` (day numbers), Saturday, Sunday and holidays left out. */
export function workingDaysBetween(from: number, to: number, holidays: ReadonlySet<number>): number {
  let n = 0;
  for (let d = from + 1; d <= to; d++) {
    const weekday = (d + 4) % 7; // day 0 (1970-01-01) was a Thursday
    if (weekday !== 0 && weekday !== 6 && !holidays.has(d)) n++;
  }
  return n;
}

export function freshnessChecks(ctx: CheckContext, layouts: readonly ReportLayout[]): Record<"generation" | "spread" | "cutoff" | "cutoffAge" | "stale", Finding[]> {
  const marks = marksOf(ctx, layouts);
  // The answers take part where they are what the cells show (Excel); a pull made for a file's check is
  // only the basis of comparison.
  const compared = marks.filter((m) => m.kind !== "answer" || ctx.data.live);
  const out = { generation: [] as Finding[], spread: [] as Finding[], cutoff: [] as Finding[], cutoffAge: [] as Finding[], stale: [] as Finding[] };

  ctx.count("freshness.generation", compared.length);
  ctx.count("freshness.spread", compared.length);
  ctx.count("freshness.stale", marks.length);
  const byDataset = new Map<DatasetId, Mark[]>();
  for (const m of compared) byDataset.set(m.dataset, [...(byDataset.get(m.dataset) ?? []), m]);
  for (const [dataset, ms] of byDataset) {
    const first = ms[0]!;
    const odd = ms.filter((m) => Math.abs(m.serial - first.serial) > SAME_PULL);
    if (!odd.length) continue;
    const o = odd[0]!;
    out.generation.push(
      ctx.finding(
        "freshness.generation",
        "stop",
        label(
          `${dataset}: ${first.what.en} is from the pull of ${time(first.serial)}, ${o.what.en} from ${time(o.serial)} — not the same pull (refresh the workbook)`,
          `${dataset}: ${first.what.id} dari penarikan ${time(first.serial)}, ${o.what.id} dari ${time(o.serial)} — bukan penarikan yang sama (segarkan buku kerja)`,
        ),
        cellsOf([first, ...odd]),
      ),
    );
  }

  if (compared.length > 1) {
    const sorted = [...compared].sort((a, b) => a.serial - b.serial);
    const lo = sorted[0]!;
    const hi = sorted[sorted.length - 1]!;
    const minutes = (hi.serial - lo.serial) * 1440;
    if (minutes > ctx.options.maxSpreadMinutes) {
      out.spread.push(
        ctx.finding(
          "freshness.spread",
          "warn",
          label(
            `the data was pulled ${Math.round(minutes)} minutes apart (${lo.what.en} at ${time(lo.serial)}, ${hi.what.en} at ${time(hi.serial)}); allowed: ${ctx.options.maxSpreadMinutes}`,
            `data ditarik berselang ${Math.round(minutes)} menit (${lo.what.id} pukul ${time(lo.serial)}, ${hi.what.id} pukul ${time(hi.serial)}); batas: ${ctx.options.maxSpreadMinutes}`,
          ),
          cellsOf([lo, hi]),
        ),
      );
    }
  }

  const cut = compared.filter((m) => m.maxDate !== undefined);
  ctx.count("freshness.cutoff", cut.length);
  const days = [...new Set(cut.map((m) => m.maxDate!))].sort((a, b) => a - b);
  if (days.length > 1) {
    const early = cut.filter((m) => m.maxDate === days[0]);
    const late = cut.filter((m) => m.maxDate === days[days.length - 1]);
    out.cutoff.push(
      ctx.finding(
        "freshness.cutoff",
        "stop",
        label(
          `the sheets show different OMSPAN cut-offs: ${early[0]!.what.en} data up to ${formatDay(days[0]!)}, ${late[0]!.what.en} up to ${formatDay(days[days.length - 1]!)}`,
          `lembar-lembar menampilkan batas data OMSPAN yang berbeda: ${early[0]!.what.id} data s.d. ${formatDay(days[0]!)}, ${late[0]!.what.id} s.d. ${formatDay(days[days.length - 1]!)}`,
        ),
        cellsOf([...early, ...late]),
      ),
    );
  }

  const holidays = new Set(ctx.options.holidays.map((d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000));
  const today = Math.floor(dateToExcelDateTime(ctx.now)) - 25569;
  const ages = (cut.length ? cut : marks.filter((m) => m.maxDate !== undefined)).map((m) => m.maxDate!);
  ctx.count("freshness.cutoff-age", ages.length);
  if (ages.length) {
    const oldest = Math.min(...ages);
    const age = workingDaysBetween(oldest, today, holidays);
    if (age > ctx.options.maxCutoffAgeWorkingDays) {
      out.cutoffAge.push(
        ctx.finding(
          "freshness.cutoff-age",
          "warn",
          label(
            `OMSPAN's data goes up to ${formatDay(oldest)}: ${age} working days before today (allowed: ${ctx.options.maxCutoffAgeWorkingDays})`,
            `data OMSPAN s.d. ${formatDay(oldest)}: ${age} hari kerja sebelum hari ini (batas: ${ctx.options.maxCutoffAgeWorkingDays})`,
          ),
          cellsOf(marks.filter((m) => m.maxDate === oldest)),
        ),
      );
    }
  }

  for (const m of marks) {
    if (!m.status) continue;
    const when = time(m.serial);
    const text =
      m.status === "stale"
        ? label(`${m.what.en}: OMSPAN could not be reached — a kept snapshot pulled ${when} answers (stale)`, `${m.what.id}: OMSPAN tidak dapat dihubungi — snapshot yang ditarik ${when} yang menjawab (data lama)`)
        : m.status === "frozen"
          ? label(`${m.what.en}: frozen to the data pulled ${when}`, `${m.what.id}: dibekukan pada data yang ditarik ${when}`)
          : label(`${m.what.en}: opened from the snapshot pulled ${when}, not pulled now`, `${m.what.id}: dibuka dari snapshot yang ditarik ${when}, tidak ditarik sekarang`);
    out.stale.push(ctx.finding("freshness.stale", m.status === "stale" ? "warn" : "info", text, m.cell && m.cell.address ? [m.cell] : []));
  }
  return out;
}


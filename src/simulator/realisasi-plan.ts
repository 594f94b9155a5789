/**
 * The year's payment plan of one DIPA line: SP2D payments on working days following the domain page's
 * monthly curves, plus ~1% negative correction rows. The plan covers the whole year; the cut-off only
 * decides how much of it is visible, so a month's figures never change as the year goes on.
 */
import { workingDaysOfMonth } from "./calendar";
import type { DipaLine } from "./dipa";
import { Rng } from "./rng";

/** Goods and services: slow start, December rush (percent of the year per month). */
export const CURVE_52 = [2, 4, 7, 8, 8, 9, 8, 9, 9, 9, 11, 16];
/** Capital: contracts pay late. */
export const CURVE_53 = [0, 1, 2, 3, 5, 8, 8, 10, 12, 13, 14, 24];

/** A payment: day index in the year and whole-rupiah amount (negative for a correction). */
export interface Payment {
  day: number;
  amount: number;
}

/** Splits a multiple of 1000 into parts proportional to weights, each a multiple of 1000; zeros stay zero. */
function split(total: number, weights: readonly number[]): number[] {
  const units = Math.round(total / 1000);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => (sum > 0 ? Math.floor((units * w) / sum) : 0));
  let rest = units - out.reduce((a, b) => a + b, 0);
  for (let i = out.length - 1; rest > 0 && i >= 0; i--) {
    if (weights[i]! > 0) {
      out[i]! += rest;
      rest = 0;
    }
  }
  return out.map((u) => u * 1000);
}

function pickDays(rng: Rng, days: readonly number[], k: number): number[] {
  const pool = [...days];
  const out: number[] = [];
  while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!);
  return out.sort((a, b) => a - b);
}

function personnelPayments(year: number, line: DipaLine, total: number, rng: Rng): Payment[] {
  // Gaji and tunjangan: 12 monthly payments plus THR (April in even years, May in odd) and the 13th in June.
  const thrMonth = year % 2 === 0 ? 4 : 5;
  const extras = line.akun === "512211" ? [] : [thrMonth, 6];
  const slots: Array<{ month: number; extra: boolean }> = [];
  for (let m = 1; m <= 12; m++) slots.push({ month: m, extra: false });
  for (const m of extras) slots.push({ month: m, extra: true });
  const amounts = split(total, slots.map(() => rng.between(0.98, 1.02)));
  return slots.map((slot, i) => {
    const days = workingDaysOfMonth(year, slot.month);
    const at = slot.extra ? rng.int(4, Math.min(12, days.length - 1)) : line.akun === "512411" ? rng.int(5, 9) : 0;
    return { day: days[Math.min(at, days.length - 1)]!, amount: amounts[i]! };
  });
}

function curvePayments(year: number, line: DipaLine, total: number, rng: Rng): Payment[] {
  const curve = line.type === "53" ? CURVE_53 : CURVE_52;
  const weights = curve.map((c) => (c === 0 ? 0 : c * rng.between(0.7, 1.3)));
  if (line.type === "53") {
    // Capital contracts pay in a few terms: a small month's share waits for the next term.
    for (let m = 0; m < 11; m++) if (weights[m]! > 0 && weights[m]! < 6 && rng.chance(0.7)) {
      weights[m + 1]! += weights[m]!;
      weights[m] = 0;
    }
  }
  const tech = line.output !== "994" && line.output !== "EBA";
  const out: Payment[] = [];
  split(total, weights).forEach((amount, m) => {
    if (amount <= 0) return;
    let k = line.type === "52" && tech ? 1 + (rng.chance(0.3) ? 1 : 0) + (rng.chance(0.08) ? 1 : 0) : 1;
    k = Math.max(1, Math.min(k, Math.floor(amount / 1000)));
    const days = pickDays(rng, workingDaysOfMonth(year, m + 1), k);
    split(amount, days.map(() => rng.between(0.5, 1.5))).forEach((a, i) => out.push({ day: days[i]!, amount: a }));
  });
  return out;
}

/** Adds ~1% correction rows: a later partial refund, made good on the line's next payment so totals hold. */
function withCorrections(payments: Payment[], rng: Rng, lastDay: number, isWorking: (d: number) => boolean): Payment[] {
  const out = payments.map((p) => ({ ...p }));
  const corrections: Payment[] = [];
  for (const p of payments) {
    if (p.amount < 2000 || !rng.chance(0.011)) continue;
    let day = p.day + rng.int(1, 20);
    while (day <= lastDay && !isWorking(day)) day++;
    if (day > lastDay) continue;
    const c = Math.min(p.amount - 1000, Math.max(1000, Math.round((p.amount * rng.between(0.05, 0.5)) / 1000) * 1000));
    corrections.push({ day, amount: -c });
    // Refund first, repayment later: the cumulative figure never runs ahead of the plan.
    const next = out.find((q) => q.day > day && q.amount > 0);
    if (next) next.amount += c;
  }
  return [...out, ...corrections].sort((a, b) => a.day - b.day);
}

/** The whole year's payments of a line, in day order, all on working days. */
export function planLine(year: number, line: DipaLine, lineNo: number, lastDay: number, isWorking: (d: number) => boolean): Payment[] {
  const rng = Rng.of(year, line.satker.kode, lineNo, line.akun, "realisasi");
  const total = Math.floor((line.pagu * line.plannedShare) / 1000) * 1000;
  const base = line.type === "51" ? personnelPayments(year, line, total, rng) : curvePayments(year, line, total, rng);
  return withCorrections(base, rng, lastDay, isWorking);
}

/**
 * Wire records: the ministry laid out exactly as OMSPAN prints each dataset — flat objects, every value a
 * string, keys in the spec samples' order. The server serialises these and nothing else, so tests and
 * benchmarks that compute truths from these functions see what a client sees.
 */
import { dateOf, formatOracle, parseYmd } from "./calendar";
import type { DipaLine } from "./dipa";
import { BBT_ORDER, IK_KEY, INDICATOR_IDS, TOTAL_KEY, formatHundredths } from "./ikpa-indicators";
import type { IkpaScore } from "./ikpa";
import type { Ministry } from "./ministry";
import { BA, NMBA } from "./org";
import { PNBP_SATKER } from "./pnbp";

/** `DipaBelanjaKL/BELANJA` record. */
export interface DipaRecord {
  KDSATKER: string; KPPN: string; BA: string; BAES1: string; AKUN: string; PROGRAM: string; KEGIATAN: string;
  OUTPUT: string; KEWENANGAN: string; SUMBER_DANA: string; LOKASI: string; BUDGET_TYPE: string; AMOUNT: string;
}

/** `RealisasiKL/<from>/<to>` record. */
export interface RealisasiRecord {
  ROWNUM: string; KDSATKER: string; KPPN: string; BA: string; BAES1: string; AKUN: string; PROGRAM: string;
  KEGIATAN: string; OUTPUT: string; KEWENANGAN: string; SUMBER_DANA: string; CARA_TARIK: string; KDREGISTER: string;
  LOKASI: string; BUDGET_TYPE: string; TANGGAL: string; MAXDATE: string; AMOUNT: string;
}

/** `DataFA` record. */
export interface DanaRecord {
  SATKER: string; KPPN: string; AKUN: string; PROGRAM: string; OUTPUT: string; DANA: string; KEWENANGAN: string;
  LOKASI: string; BUDGET_TYPE: string; DIPA: string; KONTRAK: string; BLOKIR: string; ACTUAL_AMT: string;
  BALANCING_AMT: string;
}

/** `DetailPNBPAllRev/GL` record (the spec's proposed field set plus the insert date). */
export interface PnbpRecord {
  KDSATKER: string; KPPN: string; BA: string; BAES1: string; AKUN: string; TANGGAL: string; NTPN: string;
  KODE_BILLING: string; AMOUNT: string; TANGGAL_INSERT: string;
}

/** Any IKPA record: header fields, 13 IK_ values, 13 BBT_IND_ weights, NILAI_IKPA. */
export type IkpaRecord = Record<string, string>;

/** The DIPA lines, one record each, in line order. */
export function dipaRecords(m: Ministry): DipaRecord[] {
  return m.lines.map((l) => ({
    KDSATKER: l.satker.kode, KPPN: l.satker.kppn, BA, BAES1: l.baes1, AKUN: l.akun, PROGRAM: l.program,
    KEGIATAN: l.kegiatan, OUTPUT: l.output, KEWENANGAN: l.satker.kewenangan, SUMBER_DANA: l.sumberDana,
    LOKASI: l.satker.lokasi, BUDGET_TYPE: l.budgetType, AMOUNT: String(l.pagu),
  }));
}

/** Total realisation rows visible at the cut-off. */
export function realisasiCount(m: Ministry): number {
  return m.realisasi.length;
}

/** The realisation record of a 1-based row number. */
export function realisasiRecord(m: Ministry, rownum: number): RealisasiRecord {
  const i = rownum - 1;
  const l: DipaLine = m.lines[m.realisasi.line[i]!]!;
  return {
    ROWNUM: String(rownum), KDSATKER: l.satker.kode, KPPN: l.satker.kppn, BA, BAES1: l.baes1, AKUN: l.akun,
    PROGRAM: l.program, KEGIATAN: l.kegiatan, OUTPUT: l.output, KEWENANGAN: l.satker.kewenangan,
    SUMBER_DANA: l.sumberDana, CARA_TARIK: l.caraTarik, KDREGISTER: l.kdregister, LOKASI: l.satker.lokasi,
    BUDGET_TYPE: l.budgetType, TANGGAL: formatOracle(dateOf(m.year, m.realisasi.day[i]!)), MAXDATE: m.maxdate,
    AMOUNT: String(m.realisasi.amount[i]!),
  };
}

/** Realisation records of rows from..to (1-based, inclusive, clamped to the data); all rows by default. */
export function realisasiRecords(m: Ministry, from = 1, to = m.realisasi.length): RealisasiRecord[] {
  const out: RealisasiRecord[] = [];
  for (let r = Math.max(1, from); r <= Math.min(to, m.realisasi.length); r++) out.push(realisasiRecord(m, r));
  return out;
}

/** DataFA: one record per DIPA line; BALANCING_AMT = DIPA − KONTRAK − BLOKIR − ACTUAL_AMT. */
export function danaRecords(m: Ministry): DanaRecord[] {
  return m.lines.map((l, i) => {
    const actual = m.actual[i]!;
    const signed = l.contract !== null && m.cutoff !== null && l.contract.signedDay <= m.cutoff;
    // Outstanding commitment, never more than what is still free, so only designed lines go negative.
    const free = Math.max(0, l.pagu - l.blokir - actual);
    const kontrak = signed ? Math.min(free, Math.max(0, l.contract!.value - actual)) : 0;
    return {
      SATKER: l.satker.kode, KPPN: l.satker.kppn, AKUN: l.akun, PROGRAM: l.program, OUTPUT: `${l.kegiatan}${l.output}`,
      DANA: `${l.sumberDana}${l.kdregister}`, KEWENANGAN: l.satker.kewenangan, LOKASI: l.satker.lokasi,
      BUDGET_TYPE: l.budgetType, DIPA: String(l.pagu), KONTRAK: String(kontrak), BLOKIR: String(l.blokir),
      ACTUAL_AMT: String(actual), BALANCING_AMT: String(l.pagu - kontrak - l.blokir - actual),
    };
  });
}

function ikpaBody(s: IkpaScore): IkpaRecord {
  const out: IkpaRecord = {};
  for (const id of INDICATOR_IDS) out[IK_KEY[id]] = formatHundredths(s.values[id]);
  for (const [id, key] of BBT_ORDER) out[key] = String(s.weights[id]);
  out[TOTAL_KEY] = formatHundredths(s.total);
  return out;
}

const period = (p: number) => String(p).padStart(2, "0");

/** `CapaianIKSatkerRe`: per satker per month, ordered by period then satker. */
export function ikpaSatkerRecords(m: Ministry): IkpaRecord[] {
  const byCode = new Map(m.satker.map((s) => [s.kode, s]));
  return m.ikpa.satker.map((s) => {
    const sat = byCode.get(s.code)!;
    return { KDSATKER: sat.kode, NMSATKER: sat.nama, KDKPPN: sat.kppn, PERIODE: period(s.period), ...ikpaBody(s) };
  });
}

/** `CapaianIKEselon1Re`: printed with key BA holding the 5-character eselon I code, as the spec's sample. */
export function ikpaEselon1Records(m: Ministry): IkpaRecord[] {
  const names = new Map(m.eselon1.map((e) => [e.kode, e.nama]));
  return m.ikpa.eselon1.map((s) => ({ BA: s.code, NMBA: names.get(s.code) ?? "", PERIODE: period(s.period), ...ikpaBody(s) }));
}

/** `CapaianIKKLRe`: the ministry per month. */
export function ikpaKlRecords(m: Ministry): IkpaRecord[] {
  return m.ikpa.kl.map((s) => ({ BA, NMBA, PERIODE: period(s.period), ...ikpaBody(s) }));
}

/**
 * PNBP records; with `insertedFrom` (yyyymmdd) only rows inserted on or after that day — the incremental
 * sync rule. Returns null when the date is malformed (the server answers wrong-parameter).
 */
export function pnbpRecords(m: Ministry, insertedFrom?: string): PnbpRecord[] | null {
  let rows = m.pnbp;
  if (insertedFrom !== undefined) {
    const d = parseYmd(insertedFrom);
    if (!d) return null;
    const since = Math.round((d.getTime() - Date.UTC(m.year, 0, 1)) / 86_400_000);
    rows = rows.filter((r) => r.insertDay >= since);
  }
  const central = m.satker.find((s) => s.kode === PNBP_SATKER);
  if (!central) return [];
  return rows.map((r) => ({
    KDSATKER: central.kode, KPPN: central.kppn, BA, BAES1: central.eselon1, AKUN: r.akun,
    TANGGAL: formatOracle(dateOf(m.year, r.day)), NTPN: r.ntpn, KODE_BILLING: r.kodeBilling, AMOUNT: String(r.amount),
    TANGGAL_INSERT: formatOracle(dateOf(m.year, r.insertDay)),
  }));
}

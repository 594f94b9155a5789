/**
 * The formula catalogue's integration stack: one simulator (demo profile) serving both fiscal years, the
 * add-in's shared session connected to it through the custom-functions stand-in, and — independently of
 * the core — every dataset of each year downloaded with plain fetch + JSON.parse, with references computed
 * from those raw rows (string compares, BigInt sums, the spec's IKPA pairs written out again here).
 */
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { refTable, type Raw, type RefTable } from "./sums-reference";
import { rawRealisasi } from "./stack";

export const YEARS = [2026, 2025] as const;

export interface YearRaw {
  readonly year: number;
  readonly key: string;
  readonly realisasi: RefTable;
  readonly dipa: RefTable;
  readonly dana: RefTable;
  readonly pnbp: RefTable;
  readonly ikpa: { readonly satker: Raw[]; readonly eselon1: Raw[]; readonly kl: Raw[] };
}

async function rawGet(baseUrl: string, key: string, route: string): Promise<Raw[]> {
  const res = await fetch(`${baseUrl}${route}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = JSON.parse(await res.text()) as unknown;
  if (!Array.isArray(body)) throw new Error(`${route}: no rows (${res.status})`);
  return body as Raw[];
}

export async function loadYear(sim: RunningSimulator, year: number): Promise<YearRaw> {
  const key = await sim.mintKey({ year });
  const get = (route: string) => rawGet(sim.baseUrl, key, route);
  return {
    year,
    key,
    realisasi: refTable(await rawRealisasi(sim.baseUrl, key), "KDSATKER", ["AMOUNT"], "TANGGAL"),
    dipa: refTable(await get("DipaBelanjaKL/BELANJA"), "KDSATKER", ["AMOUNT"]),
    dana: refTable(await get("DataFA"), "SATKER", ["DIPA", "KONTRAK", "BLOKIR", "ACTUAL_AMT", "BALANCING_AMT"]),
    pnbp: refTable(await get("DetailPNBPAllRev/GL"), "KDSATKER", ["AMOUNT"], "TANGGAL"),
    ikpa: { satker: await get("CapaianIKSatkerRe"), eselon1: await get("CapaianIKEselon1Re"), kl: await get("CapaianIKKLRe") },
  };
}

export async function startCatalogueSim(): Promise<{ sim: RunningSimulator; upstream: string[] }> {
  const upstream: string[] = [];
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", log: (l) => upstream.push(l) });
  return { sim, upstream };
}

/** The spec's 13 (value, weight) pairs, as omspan-api.md lists them. */
const PAIRS: readonly (readonly [string, string])[] = [
  ["IK_REALISASI", "BBT_IND_REALISASI"],
  ["IK_DATA_KONTRAK", "BBT_IND_KONTRAK"],
  ["IK_KEMAJUAN_TAGIHAN", "BBT_IND_KMJ_TAGIHAN"],
  ["IK_CAPAIAN_OUTPUT", "BBT_IND_CAP_OUTPUT"],
  ["IK_UP", "BBT_IND_UP"],
  ["IK_REVISI_DIPA", "BBT_IND_REV_DIPA"],
  ["IK_HAL3_DIPA", "BBT_IND_HAL3_DIPA"],
  ["IK_REKON_LPJ", "BBT_IND_REKON_LPJ"],
  ["IK_RENKAS", "BBT_IND_RENKAS"],
  ["IK_KESALAHAN_SPM", "BBT_IND_SPM_SLH"],
  ["IK_RETUR", "BBT_IND_RETUR"],
  ["IK_PAGU_MINUS", "BBT_IND_PAGU_MINUS"],
  ["IK_DISPENSASI_SPM", "BBT_IND_DIS_SPM"],
];

/** Σ IK × BBT ÷ Σ BBT over weights above zero, from one raw record's strings. */
export function refIkpaScore(r: Raw): number {
  let num = 0;
  let den = 0;
  for (const [ik, bbt] of PAIRS) {
    const w = Number(r[bbt] ?? "0");
    if (w > 0) {
      num += Number(r[ik]) * w;
      den += w;
    }
  }
  return num / den;
}

/** The raw IKPA record of a code and period ("01"–"12"); the latest period when none is given. */
export function refIkpaRecord(rows: readonly Raw[], codeKeys: readonly string[], code: string, period?: string): Raw | undefined {
  const mine = rows.filter((r) => codeKeys.some((k) => r[k] === code));
  if (period) return mine.find((r) => r.PERIODE === period);
  return mine.sort((a, b) => Number(b.PERIODE) - Number(a.PERIODE))[0];
}

/** Excel serial of a `DD-MON-YY` date. */
export function oracleSerial(text: string): number {
  const [dd, mon, yy] = text.split("-");
  const m = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"].indexOf(mon!);
  return Date.UTC(2000 + Number(yy), m, Number(dd)) / 86_400_000 + 25569;
}

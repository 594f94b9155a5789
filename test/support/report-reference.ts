/**
 * An independent answer to every OMSPAN call a report template writes, from the raw pages: rows grouped
 * once by (satker, akun, eselon I) with BigInt sums per month, then each call adds up the groups its
 * arguments select. Shares no code with src/omspan (the argument reading here is the templates' own simple
 * forms: a satker list or blank, an akun prefix or blank, "eselon1=…", a month, TRUE/FALSE).
 */
import type { Scalar } from "./sheet-evaluator";
import type { Raw } from "./sums-reference";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

interface Group {
  readonly satker: string;
  readonly akun: string;
  readonly eselon1: string;
  /** Sum per month (index 0–11); for DIPA and DataFA, one total in index 0 per measure. */
  readonly sums: Record<string, bigint[]>;
}

function group(rows: readonly Raw[], satkerColumn: string, measures: readonly string[], month?: (r: Raw) => number): Group[] {
  const byKey = new Map<string, Group>();
  for (const r of rows) {
    // DataFA has no BAES1: its PROGRAM starts with BA + eselon I.
    const eselon1 = r.BAES1 ?? r.PROGRAM!.slice(0, 5);
    const key = `${r[satkerColumn]}|${r.AKUN}|${eselon1}`;
    let g = byKey.get(key);
    if (!g) {
      g = { satker: r[satkerColumn]!, akun: r.AKUN!, eselon1, sums: Object.fromEntries(measures.map((m) => [m, Array(12).fill(0n)])) };
      byKey.set(key, g);
    }
    const i = month ? month(r) - 1 : 0;
    for (const m of measures) g.sums[m]![i] += BigInt(r[m]!);
  }
  return [...byKey.values()];
}

const text = (v: Scalar): string => (v === null || v === 0 ? "" : String(v));

/** Groups by satker, so a call naming satker looks only at theirs. */
class Groups {
  private readonly bySatker = new Map<string, Group[]>();
  constructor(readonly all: readonly Group[]) {
    for (const g of all) {
      const list = this.bySatker.get(g.satker);
      if (list) list.push(g);
      else this.bySatker.set(g.satker, [g]);
    }
  }
  of(satker: Scalar): readonly Group[] {
    const s = text(satker);
    return s ? s.split(",").flatMap((code) => this.bySatker.get(code) ?? []) : this.all;
  }
}

function selects(g: Group, akun: Scalar, filter: Scalar): boolean {
  const a = text(akun);
  if (a && !g.akun.startsWith(a)) return false;
  const f = text(filter);
  if (f) {
    const m = /^eselon1=(\d{5})$/.exec(f);
    if (!m) throw new Error(`the reference reads only eselon1=… filters, not ${f}`);
    if (g.eselon1 !== m[1]) return false;
  }
  return true;
}

export interface ReportRaw {
  readonly dipa: readonly Raw[];
  readonly realisasi: readonly Raw[];
  readonly dana: readonly Raw[];
  readonly ikpaSatker: readonly Raw[];
}

const DANA_KOLOM: Record<string, string> = { DIPA: "DIPA", KONTRAK: "KONTRAK", BLOKIR: "BLOKIR", REALISASI: "ACTUAL_AMT", TERSEDIA: "BALANCING_AMT" };
const IKPA_PAIRS: readonly (readonly [string, string])[] = [
  ["IK_REALISASI", "BBT_IND_REALISASI"], ["IK_DATA_KONTRAK", "BBT_IND_KONTRAK"], ["IK_KEMAJUAN_TAGIHAN", "BBT_IND_KMJ_TAGIHAN"],
  ["IK_CAPAIAN_OUTPUT", "BBT_IND_CAP_OUTPUT"], ["IK_UP", "BBT_IND_UP"], ["IK_REVISI_DIPA", "BBT_IND_REV_DIPA"],
  ["IK_HAL3_DIPA", "BBT_IND_HAL3_DIPA"], ["IK_REKON_LPJ", "BBT_IND_REKON_LPJ"], ["IK_RENKAS", "BBT_IND_RENKAS"],
  ["IK_KESALAHAN_SPM", "BBT_IND_SPM_SLH"], ["IK_RETUR", "BBT_IND_RETUR"], ["IK_PAGU_MINUS", "BBT_IND_PAGU_MINUS"],
  ["IK_DISPENSASI_SPM", "BBT_IND_DIS_SPM"],
];

/** The reference's answer to `OMSPAN.<name>(args)`, as the templates call them. ASOF answers now. */
export function referenceOmspan(raw: ReportRaw): (name: string, args: readonly Scalar[]) => Scalar {
  const dipa = new Groups(group(raw.dipa, "KDSATKER", ["AMOUNT"]));
  const realisasi = new Groups(group(raw.realisasi, "KDSATKER", ["AMOUNT"], (r) => MONTHS.indexOf(r.TANGGAL!.split("-")[1]!) + 1));
  const dana = new Groups(group(raw.dana, "SATKER", Object.values(DANA_KOLOM)));
  const sum = (groups: Groups, measure: string, satker: Scalar, akun: Scalar | undefined, filter: Scalar | undefined, months: (i: number) => boolean) => {
    let total = 0n;
    for (const g of groups.of(satker)) {
      if (selects(g, akun ?? null, filter ?? null)) g.sums[measure]!.forEach((v, i) => months(i) && (total += v));
    }
    return Number(total);
  };
  return (name, args) => {
    switch (name) {
      case "PAGU":
        return sum(dipa, "AMOUNT", args[0]!, args[1], args[2], () => true);
      case "REALISASI.BULAN": {
        const month = Number(args[2]);
        const cumulative = args[3] === true;
        return sum(realisasi, "AMOUNT", args[0]!, args[1], args[4], (i) => (cumulative ? i < month : i === month - 1));
      }
      case "DANA":
        return sum(dana, DANA_KOLOM[String(args[2])]!, args[0]!, args[1], args[3], () => true);
      case "IKPA": {
        const periode = String(args[2]).padStart(2, "0");
        const r = raw.ikpaSatker.find((x) => x.KDSATKER === text(args[0]!) && x.PERIODE === periode);
        if (!r) return { error: "#N/A" };
        const indikator = text(args[1] ?? null);
        if (indikator) return Number(r[indikator]);
        let num = 0;
        let den = 0;
        for (const [ik, bbt] of IKPA_PAIRS) {
          const w = Number(r[bbt] ?? 0);
          if (w > 0) {
            num += Number(r[ik]) * w;
            den += w;
          }
        }
        return den > 0 ? num / den : { error: "#N/A" };
      }
      case "ASOF":
        return Date.now() / 86_400_000 + 25569; // now as an Excel serial (UTC); not compared

      default:
        throw new Error(`the reference does not know OMSPAN.${name}`);
    }
  };
}

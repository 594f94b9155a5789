/**
 * DIPA lines (pagu) per satker. A satker's lines depend only on (year, satker), never on the profile, so
 * the demo is a true subset of the full ministry. The designed anomalies live here too — blocked lines,
 * contract commitments and the overspent 511 lines — because DataFA and the realisation plan read them.
 */
import { AKUN_51, AKUN_52_OPS, AKUN_52_TECH, AKUN_53, REGIONAL_TECH_ESELON1, kegiatanCode, outputCode, programCode,
  spendTypeOf, type AkunShare, type SpendType } from "./catalogue";
import { workingDaysOfMonth } from "./calendar";
import type { Satker } from "./org";
import { Rng, hash32 } from "./rng";

/** One budget line of a satker's DIPA, with what the generators need to know about it. */
export interface DipaLine {
  readonly satker: Satker;
  readonly baes1: string;
  readonly akun: string;
  readonly program: string;
  readonly kegiatan: string;
  readonly output: string;
  readonly sumberDana: string;
  readonly caraTarik: string;
  readonly kdregister: string;
  readonly budgetType: string;
  readonly type: SpendType;
  readonly pagu: number;
  /** Blocked amount (0 on ~97% of lines). */
  readonly blokir: number;
  /** A designed "pagu minus" line: the year's spending ends 0.5–2% above pagu. */
  readonly overspent: boolean;
  /** Contract signed on 53 and 522191 lines: total value and the day it was registered. */
  readonly contract: { readonly value: number; readonly signedDay: number } | null;
  /** Share of pagu the year's realisation plan spends (> 1 only on overspent lines). */
  readonly plannedShare: number;
}

interface OutputSpec {
  baes1: string;
  management: boolean;
  kegiatan: string;
  output: string;
  sumberDana: string;
  amount: number;
  akun: readonly AkunShare[];
}

const PAGU_RANGE = { kantah: [4e9, 35e9], kanwil: [15e9, 60e9], central: [1e11, 2e12] } as const;
const thousands = (x: number): number => Math.max(1000, Math.round(x / 1000) * 1000);

/** Whether a satker carries a designed overspent 511111 line this year (Kanwil Aceh always, so the demo has one). */
export function hasOverspentLine(year: number, satker: Satker): boolean {
  return satker.kode === "606001" || hash32(year, satker.kode, "pagu-minus") % 60 === 0;
}

/** The loan register of the year's foreign-loan (sumber dana B) lines. */
function loanRegister(year: number): string {
  return `1${String(hash32(year, "loan") % 1e7).padStart(7, "0")}`;
}

function outputsOf(year: number, s: Satker, rng: Rng, total: number): OutputSpec[] {
  const home = s.kind === "central" ? s.eselon1 : "05601";
  const s51 = rng.between(0.36, 0.44);
  const s53 = rng.between(0.05, 0.11);
  const p52 = total * (1 - s51 - s53);
  const ops = p52 * rng.between(0.25, 0.35);
  const pnbp = s.kind === "central" ? 0 : total * rng.between(0.1, 0.2);
  const loan = s.kind !== "central" && rng.chance(0.08) ? total * rng.between(0.03, 0.06) : 0;
  const mgmt = { baes1: home, management: true, kegiatan: kegiatanCode(home, true), sumberDana: "A" };
  const specs: OutputSpec[] = [
    { ...mgmt, output: outputCode(year, "ops"), amount: total * s51, akun: AKUN_51 },
    { ...mgmt, output: outputCode(year, "ops"), amount: ops, akun: AKUN_52_OPS.filter((a) => a.weight >= 14 || rng.chance(0.85)) },
    { ...mgmt, output: outputCode(year, "capital"), amount: total * s53, akun: AKUN_53.filter((a, i) => i === 0 || rng.chance(i === 1 ? 0.4 : 0.15)) },
  ];
  const techCount = s.kind === "kantah" ? rng.int(3, 5) : s.kind === "kanwil" ? rng.int(4, 6) : rng.int(5, 8);
  const techTotal = p52 - ops - pnbp - loan;
  const shares = Array.from({ length: techCount }, () => rng.between(0.5, 1.5));
  const sum = shares.reduce((a, b) => a + b, 0);
  const techSpec = (i: number, amount: number, sumberDana: string, es?: string): OutputSpec => {
    const baes1 = es ?? (s.kind === "central" ? home : REGIONAL_TECH_ESELON1[i % REGIONAL_TECH_ESELON1.length] as string);
    const management = baes1 === "05601" || baes1 === "05602";
    const akun = AKUN_52_TECH.filter(() => rng.chance(0.75));
    return { baes1, management, kegiatan: kegiatanCode(baes1, false, i), output: outputCode(year, i), sumberDana, amount,
      akun: akun.length > 0 ? akun : AKUN_52_TECH.slice(0, 3) };
  };
  shares.forEach((sh, i) => specs.push(techSpec(i, (techTotal * sh) / sum, "A")));
  if (pnbp > 0) specs.push(techSpec(techCount, pnbp, "D", "05605"));
  if (loan > 0) specs.push(techSpec(techCount + 1, loan, "B", "05606"));
  return specs;
}

function lineFlags(year: number, s: Satker, akun: string, type: SpendType, pagu: number, rng: Rng) {
  const overspent = akun === "511111" && hasOverspentLine(year, s);
  const blokir = !overspent && type !== "51" && rng.chance(0.03) ? thousands(pagu * rng.between(0.1, 0.5)) : 0;
  let contract: DipaLine["contract"] = null;
  if (type === "53" || akun === "522191") {
    const days = workingDaysOfMonth(year, rng.int(2, 6));
    contract = { value: thousands((pagu - blokir) * rng.between(0.6, 0.95)), signedDay: rng.pick(days) };
  }
  const base = type === "51" ? rng.between(0.95, 0.995) : type === "52" ? rng.between(0.9, 0.99) : rng.between(0.88, 0.99);
  const plannedShare = overspent ? rng.between(1.005, 1.02) : blokir > 0 ? ((pagu - blokir) / pagu) * base : base;
  return { overspent, blokir, contract, plannedShare };
}

/** The DIPA lines of one satker for a fiscal year, sorted by program, kegiatan, output, akun, sumber dana. */
export function dipaLinesOf(year: number, s: Satker): DipaLine[] {
  const size = Rng.of(s.kode, "size");
  const [lo, hi] = PAGU_RANGE[s.kind];
  const rng = Rng.of(year, s.kode, "dipa");
  const total = size.logNormalIn(lo, hi) * rng.between(0.9, 1.1);
  const lines: DipaLine[] = [];
  for (const o of outputsOf(year, s, rng, total)) {
    const weightSum = o.akun.reduce((a, b) => a + b.weight, 0);
    for (const { akun, weight } of o.akun) {
      const type = spendTypeOf(akun);
      const pagu = thousands(((o.amount * weight) / weightSum) * rng.between(0.85, 1.15));
      const loan = o.sumberDana === "B";
      lines.push({
        satker: s, baes1: o.baes1, akun, program: programCode(year, o.baes1, o.management), kegiatan: o.kegiatan,
        output: o.output, sumberDana: o.sumberDana, caraTarik: loan ? "2" : "0",
        kdregister: loan ? loanRegister(year) : "00000001", budgetType: "2", type, pagu,
        ...lineFlags(year, s, akun, type, pagu, rng),
      });
    }
  }
  const key = (l: DipaLine) => `${l.program}|${l.kegiatan}|${l.output}|${l.akun}|${l.sumberDana}`;
  return lines.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

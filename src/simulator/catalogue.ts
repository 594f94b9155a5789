/**
 * Budget classification used by the generators: accounts (AKUN) with their spending type and weight, and
 * the program / kegiatan / output codes of each eselon I. From fiscal year 2021 PROGRAM and OUTPUT carry
 * letters (the 2021 budget-structure reform), which is exactly the case the add-in must not mangle.
 */

/** Spending type: the first two digits of the account. */
export type SpendType = "51" | "52" | "53";

/** An account with its share inside its spending group (weights are relative). */
export interface AkunShare {
  readonly akun: string;
  readonly weight: number;
}

/** Personnel accounts of the management output; 512411 tunjangan kinerja and 511111 gaji carry most. */
export const AKUN_51: readonly AkunShare[] = [
  { akun: "511111", weight: 30 },
  { akun: "511119", weight: 0.1 },
  { akun: "511121", weight: 3 },
  { akun: "511122", weight: 1.5 },
  { akun: "511124", weight: 5 },
  { akun: "511125", weight: 2 },
  { akun: "511126", weight: 3.5 },
  { akun: "511129", weight: 6 },
  { akun: "511151", weight: 1 },
  { akun: "512211", weight: 0.8 },
  { akun: "512411", weight: 47 },
];

/** Office running costs (management output). */
export const AKUN_52_OPS: readonly AkunShare[] = [
  { akun: "521111", weight: 20 },
  { akun: "521114", weight: 2 },
  { akun: "521115", weight: 8 },
  { akun: "521119", weight: 6 },
  { akun: "522111", weight: 14 },
  { akun: "522112", weight: 6 },
  { akun: "522113", weight: 2 },
  { akun: "523111", weight: 12 },
  { akun: "523121", weight: 8 },
  { akun: "524111", weight: 10 },
];

/** Technical outputs (land certification, surveys …): materials, honoraria, services, travel. */
export const AKUN_52_TECH: readonly AkunShare[] = [
  { akun: "521211", weight: 15 },
  { akun: "521213", weight: 20 },
  { akun: "521811", weight: 5 },
  { akun: "522151", weight: 4 },
  { akun: "522191", weight: 25 },
  { akun: "524111", weight: 18 },
  { akun: "524113", weight: 9 },
  { akun: "524114", weight: 4 },
  { akun: "524119", weight: 3 },
];

/** Capital spending. */
export const AKUN_53: readonly AkunShare[] = [
  { akun: "532111", weight: 60 },
  { akun: "533111", weight: 35 },
  { akun: "536111", weight: 5 },
];

/** Spending type of an account code. */
export function spendTypeOf(akun: string): SpendType {
  return akun.slice(0, 2) as SpendType;
}

/** PROGRAM (7): BA + eselon I + program; letters from 2021. Management programs are "WA" / "01". */
export function programCode(year: number, baes1: string, management: boolean): string {
  if (year >= 2021) return `${baes1}${management ? "WA" : TECH_PROGRAM[baes1] ?? "CD"}`;
  return `${baes1}${management ? "01" : "06"}`;
}

const TECH_PROGRAM: Readonly<Record<string, string>> = {
  "05603": "CE",
  "05604": "CD",
  "05605": "CD",
  "05606": "CD",
  "05607": "CD",
  "05608": "CE",
  "05609": "CD",
};

/** KEGIATAN (4) of an eselon I: management activity or the n-th technical activity. */
export function kegiatanCode(baes1: string, management: boolean, n = 0): string {
  const unit = Number(baes1.slice(3));
  return String(4000 + unit * 100 + (management ? 1 : 10 + n)).padStart(4, "0");
}

/** OUTPUT (3) codes; before 2021 numeric, from 2021 the lettered RO codes. */
export function outputCode(year: number, slot: "ops" | "capital" | number): string {
  const lettered = year >= 2021;
  if (slot === "ops") return lettered ? "EBA" : "994";
  if (slot === "capital") return lettered ? "EBB" : "951";
  const tech = lettered ? ["QDB", "QDC", "QEA", "QEF", "BAH", "PBN"] : ["001", "002", "003", "004", "005", "006"];
  return tech[slot % tech.length] as string;
}

/** The technical eselon I units a regional office spends for (land registration and surveys dominate). */
export const REGIONAL_TECH_ESELON1: readonly string[] = ["05605", "05604", "05606", "05609", "05607", "05603"];

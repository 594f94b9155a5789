/**
 * The organisation of the synthetic BA 056 ministry: eselon I units and satker, per profile.
 *
 * Satker codes are synthetic but readable: central units 6000NN, a Kanwil 6PP001, a land office 6PP1KK
 * (PP = province, KK = kab/kota location code). Every satker has a "home" eselon I, the unit whose IKPA
 * average it counts in: a central unit its own directorate, Kanwil and land offices the Sekretariat
 * Jenderal (they are vertical offices administered by it).
 */
import { DEMO_PROVINCES, PROVINCES, kabKotaOf, type Province } from "./geography";

/** Simulator data profile. */
export type Profile = "demo" | "full";

/** BA of the ministry (ATR/BPN). */
export const BA = "056";
/** The ministry's name as OMSPAN prints it. */
export const NMBA = "KEMENTERIAN AGRARIA DAN TATA RUANG/BADAN PERTANAHAN NASIONAL";

/** An eselon I unit (BAES1 = BA + 2 digits). */
export interface Eselon1 {
  readonly kode: string;
  readonly nama: string;
}

/** Kind of work unit; it sets pagu size, line mix and KEWENANGAN. */
export type SatkerKind = "central" | "kanwil" | "kantah";

/** A work unit. */
export interface Satker {
  readonly kode: string;
  readonly nama: string;
  readonly kind: SatkerKind;
  readonly kppn: string;
  readonly lokasi: string;
  readonly kewenangan: "1" | "2";
  /** Home eselon I for IKPA averages. */
  readonly eselon1: string;
  readonly province: string;
}

/** The eselon I units (Setjen plus eight). */
export const ESELON1: readonly Eselon1[] = [
  { kode: "05601", nama: "SEKRETARIAT JENDERAL" },
  { kode: "05602", nama: "INSPEKTORAT JENDERAL" },
  { kode: "05603", nama: "DIREKTORAT JENDERAL TATA RUANG" },
  { kode: "05604", nama: "DIREKTORAT JENDERAL SURVEI DAN PEMETAAN PERTANAHAN DAN RUANG" },
  { kode: "05605", nama: "DIREKTORAT JENDERAL PENETAPAN HAK DAN PENDAFTARAN TANAH" },
  { kode: "05606", nama: "DIREKTORAT JENDERAL PENATAAN AGRARIA" },
  { kode: "05607", nama: "DIREKTORAT JENDERAL PENGADAAN TANAH DAN PENGEMBANGAN PERTANAHAN" },
  { kode: "05608", nama: "DIREKTORAT JENDERAL PENGENDALIAN DAN PENERTIBAN TANAH DAN RUANG" },
  { kode: "05609", nama: "DIREKTORAT JENDERAL PENANGANAN SENGKETA DAN KONFLIK PERTANAHAN" },
];

const CENTRAL: ReadonlyArray<readonly [string, string]> = [
  ["05601", "SEKRETARIAT JENDERAL KEMENTERIAN ATR/BPN"],
  ["05601", "SEKOLAH TINGGI PERTANAHAN NASIONAL"],
  ...ESELON1.slice(1).map((e) => [e.kode, e.nama] as const),
];

/** KPPN of the central units (Jakarta). */
const CENTRAL_KPPN = "019";

/** A province's KPPN codes: one per ~6 land offices, numbered by province so codes never collide. */
function kppnFor(prov: Province, index: number): string {
  const perProvince = Math.max(1, Math.ceil((prov.kab + prov.kota) / 6));
  return String(20 + Number(prov.code) * 6 + (index % perProvince)).padStart(3, "0");
}

function centralSatker(): Satker[] {
  return CENTRAL.map(([eselon1, nama], i) => ({
    kode: `6000${String(i + 1).padStart(2, "0")}`,
    nama,
    kind: "central" as const,
    kppn: CENTRAL_KPPN,
    lokasi: "0151",
    kewenangan: "1" as const,
    eselon1,
    province: "01",
  }));
}

function provinceSatker(prov: Province): Satker[] {
  const kanwil: Satker = {
    kode: `6${prov.code}001`,
    nama: `KANTOR WILAYAH BPN PROVINSI ${prov.name}`,
    kind: "kanwil",
    kppn: kppnFor(prov, 0),
    lokasi: `${prov.code}${prov.capitalKk}`,
    kewenangan: "2",
    eselon1: "05601",
    province: prov.code,
  };
  const offices = kabKotaOf(prov).map((kk, i): Satker => ({
    kode: `6${prov.code}1${kk.kk}`,
    nama: `KANTOR PERTANAHAN ${kk.isKota ? "KOTA" : "KABUPATEN"} ${kk.name}`,
    kind: "kantah",
    kppn: kppnFor(prov, i),
    lokasi: `${prov.code}${kk.kk}`,
    kewenangan: "2",
    eselon1: "05601",
    province: prov.code,
  }));
  return [kanwil, ...offices];
}

/** The satker of a profile: central units, then per province its Kanwil and land offices. */
export function buildSatker(profile: Profile): Satker[] {
  const provinces = profile === "demo" ? PROVINCES.filter((p) => DEMO_PROVINCES.includes(p.code)) : PROVINCES;
  return [...centralSatker(), ...provinces.flatMap(provinceSatker)];
}

/**
 * Provinces and kab/kota of the synthetic ministry, with the treasury's location codes (LOKASI = province 2
 * + kab/kota 2; kabupaten from 01, kota from 51; PP00 = province level). Land-office counts are trimmed
 * from the real kab/kota counts so the full profile has ~466 land offices, as BPN roughly does.
 *
 * Real names are written out for the demo provinces (what finance staff see in a demo) and for capitals;
 * the other kab/kota get plainly synthetic names rather than half-remembered real ones.
 */

/** One province: Kemenkeu location code, name, capital, and how many land offices it has. */
export interface Province {
  readonly code: string;
  readonly name: string;
  readonly capital: string;
  /** kab/kota code of the capital (where the Kanwil sits). */
  readonly capitalKk: string;
  readonly kab: number;
  readonly kota: number;
  /** Real names, kabupaten then kota, when written out. */
  readonly names?: readonly string[];
}

/** One kab/kota with a land office. */
export interface KabKota {
  readonly kk: string;
  readonly name: string;
  readonly isKota: boolean;
}

const p = (code: string, name: string, capital: string, kab: number, kota: number, capitalKk = "51"): Province => ({
  code, name, capital, capitalKk, kab, kota,
});

const ACEH = [
  "ACEH SELATAN", "ACEH TENGGARA", "ACEH TIMUR", "ACEH TENGAH", "ACEH BARAT", "ACEH BESAR", "PIDIE", "ACEH UTARA",
  "SIMEULUE", "ACEH SINGKIL", "BIREUEN", "ACEH BARAT DAYA", "GAYO LUES", "ACEH JAYA", "NAGAN RAYA", "ACEH TAMIANG",
  "BENER MERIAH", "PIDIE JAYA", "BANDA ACEH", "SABANG", "LHOKSEUMAWE", "LANGSA", "SUBULUSSALAM",
];
const YOGYAKARTA = ["KULON PROGO", "BANTUL", "GUNUNGKIDUL", "SLEMAN", "YOGYAKARTA"];
const SUMBAR = [
  "PESISIR SELATAN", "SOLOK", "SIJUNJUNG", "TANAH DATAR", "PADANG PARIAMAN", "AGAM", "LIMA PULUH KOTA", "PASAMAN",
  "KEPULAUAN MENTAWAI", "DHARMASRAYA", "SOLOK SELATAN", "PASAMAN BARAT", "PADANG", "SOLOK", "SAWAHLUNTO",
  "PADANG PANJANG", "BUKITTINGGI", "PAYAKUMBUH", "PARIAMAN",
];
const JAKARTA = ["JAKARTA PUSAT", "JAKARTA UTARA", "JAKARTA BARAT", "JAKARTA SELATAN", "JAKARTA TIMUR"];

/** All 34 provinces, in location-code order. */
export const PROVINCES: readonly Province[] = [
  { ...p("01", "DKI JAKARTA", "JAKARTA PUSAT", 0, 5), names: JAKARTA },
  p("02", "JAWA BARAT", "BANDUNG", 18, 9),
  p("03", "JAWA TENGAH", "SEMARANG", 29, 6),
  { ...p("04", "DI YOGYAKARTA", "YOGYAKARTA", 4, 1), names: YOGYAKARTA },
  p("05", "JAWA TIMUR", "SURABAYA", 29, 9),
  { ...p("06", "ACEH", "BANDA ACEH", 18, 5), names: ACEH },
  p("07", "SUMATERA UTARA", "MEDAN", 22, 8),
  { ...p("08", "SUMATERA BARAT", "PADANG", 12, 7), names: SUMBAR },
  p("09", "RIAU", "PEKANBARU", 10, 2),
  p("10", "JAMBI", "JAMBI", 9, 2),
  p("11", "SUMATERA SELATAN", "PALEMBANG", 11, 4),
  p("12", "LAMPUNG", "BANDAR LAMPUNG", 12, 2),
  p("13", "KALIMANTAN BARAT", "PONTIANAK", 11, 2),
  p("14", "KALIMANTAN TENGAH", "PALANGKA RAYA", 11, 1),
  p("15", "KALIMANTAN SELATAN", "BANJARMASIN", 11, 2),
  p("16", "KALIMANTAN TIMUR", "SAMARINDA", 6, 3),
  p("17", "SULAWESI UTARA", "MANADO", 9, 4),
  p("18", "SULAWESI TENGAH", "PALU", 10, 1),
  p("19", "SULAWESI SELATAN", "MAKASSAR", 21, 3),
  p("20", "SULAWESI TENGGARA", "KENDARI", 11, 2),
  p("21", "MALUKU", "AMBON", 7, 2),
  p("22", "BALI", "DENPASAR", 8, 1),
  p("23", "NUSA TENGGARA BARAT", "MATARAM", 8, 2),
  p("24", "NUSA TENGGARA TIMUR", "KUPANG", 17, 1),
  p("25", "PAPUA", "JAYAPURA", 15, 1),
  p("26", "BENGKULU", "BENGKULU", 8, 1),
  p("27", "MALUKU UTARA", "TERNATE", 6, 2),
  p("28", "BANTEN", "SERANG", 4, 4),
  p("29", "KEPULAUAN BANGKA BELITUNG", "PANGKALPINANG", 6, 1),
  p("30", "GORONTALO", "GORONTALO", 5, 1),
  p("31", "KEPULAUAN RIAU", "TANJUNGPINANG", 5, 2),
  p("32", "PAPUA BARAT", "MANOKWARI", 7, 1, "01"),
  p("33", "SULAWESI BARAT", "MAMUJU", 5, 0, "01"),
  p("34", "KALIMANTAN UTARA", "BULUNGAN", 3, 1, "01"),
];

/** The provinces of the demo profile: Aceh (the spec's sample location), DI Yogyakarta, Sumatera Barat. */
export const DEMO_PROVINCES: readonly string[] = ["04", "06", "08"];

/** The kab/kota with a land office in a province, kabupaten first, in code order. */
export function kabKotaOf(prov: Province): KabKota[] {
  const out: KabKota[] = [];
  for (let i = 0; i < prov.kab + prov.kota; i++) {
    const isKota = i >= prov.kab;
    const kk = String(isKota ? 51 + i - prov.kab : 1 + i).padStart(2, "0");
    const real = prov.names?.[i];
    const synthetic = kk === prov.capitalKk ? prov.capital : `${prov.name} ${kk}`;
    out.push({ kk, name: real ?? synthetic, isKota });
  }
  return out;
}

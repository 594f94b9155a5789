/**
 * Conformance: every endpoint, every documented answer shape, against the spec's samples — keys compared
 * order-insensitively, every value a string, code widths as the spec gives them.
 */
import type { RunningSimulator } from "../../src/simulator";
import { allRealisasi, get, getRecords, start } from "./helpers";

// The spec's sample bodies, typed verbatim from omspan-api.md.
const DIPA_SAMPLE = `{"KDSATKER":"527560","KPPN":"001","BA":"015","BAES1":"01508","AKUN":"522151","PROGRAM":"0150809",
 "KEGIATAN":"1705","OUTPUT":"994","KEWENANGAN":"2","SUMBER_DANA":"A","LOKASI":"0651","BUDGET_TYPE":"2",
 "AMOUNT":"3600000"}`;
const REALISASI_SAMPLE = `{"ROWNUM":"1","KDSATKER":"527560","KPPN":"001","BA":"015","BAES1":"01508","AKUN":"524113",
 "PROGRAM":"0150809","KEGIATAN":"1705","OUTPUT":"002","KEWENANGAN":"2","SUMBER_DANA":"A","CARA_TARIK":"0",
 "KDREGISTER":"00000001","LOKASI":"0651","BUDGET_TYPE":"2","TANGGAL":"04-FEB-19","MAXDATE":"15-MAR-19",
 "AMOUNT":"750000"}`;
const DANA_SAMPLE = `{"SATKER":"060038","KPPN":"001","AKUN":"521114","PROGRAM":"0650106","OUTPUT":"3229021","DANA":"A00000001",
 "KEWENANGAN":"3","LOKASI":"0600","BUDGET_TYPE":"2","DIPA":"3520000","KONTRAK":"0","BLOKIR":"0",
 "ACTUAL_AMT":"43000","BALANCING_AMT":"3477000"}`;
const NO_DATA = '{"body":{"value":"Tidak Ada Data (no data found)"}}';
const WRONG_PARAMETER = '[[{"colspan":26,"classes":"bold align-center","value":"Harap isi filter atau parameter terlebih dahulu"}]]';
const SIGNATURE_FAILED = "Token yang dikirimkan tidak valid (Signature verification failed)";

// The IKPA samples are OCR noise; the spec's table of the 13 pairs is the clean reading.
const IK_KEYS = ["IK_REALISASI", "IK_DATA_KONTRAK", "IK_KEMAJUAN_TAGIHAN", "IK_CAPAIAN_OUTPUT", "IK_UP", "IK_REVISI_DIPA",
  "IK_HAL3_DIPA", "IK_REKON_LPJ", "IK_RENKAS", "IK_KESALAHAN_SPM", "IK_RETUR", "IK_PAGU_MINUS", "IK_DISPENSASI_SPM"];
const BBT_KEYS = ["BBT_IND_REALISASI", "BBT_IND_KONTRAK", "BBT_IND_KMJ_TAGIHAN", "BBT_IND_CAP_OUTPUT", "BBT_IND_UP",
  "BBT_IND_REV_DIPA", "BBT_IND_HAL3_DIPA", "BBT_IND_REKON_LPJ", "BBT_IND_RENKAS", "BBT_IND_SPM_SLH", "BBT_IND_RETUR",
  "BBT_IND_PAGU_MINUS", "BBT_IND_DIS_SPM"];
/** The one field beyond the spec's list: the record's own weighted total (records "may carry further fields"). */
const IKPA_EXTRA = ["NILAI_IKPA"];
// PNBP: the spec's proposed field set, plus the insert date the incremental sync is about.
const PNBP_KEYS = ["KDSATKER", "KPPN", "BA", "BAES1", "AKUN", "TANGGAL", "NTPN", "KODE_BILLING", "AMOUNT", "TANGGAL_INSERT"];

const DATE = /^\d{2}-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{2}$/;
const WIDTH: Readonly<Record<string, RegExp>> = {
  BA: /^056$/, KDSATKER: /^\d{6}$/, SATKER: /^\d{6}$/, KPPN: /^\d{3}$/, KDKPPN: /^\d{3}$/, BAES1: /^056\d{2}$/, AKUN: /^\d{6}$/,
  PROGRAM: /^056\d{2}[0-9A-Z]{2}$/, KEGIATAN: /^\d{4}$/, KEWENANGAN: /^[1-6]$/, SUMBER_DANA: /^[A-I]$/,
  LOKASI: /^\d{2}(\d{2}|00)$/, BUDGET_TYPE: /^\d$/, CARA_TARIK: /^\d$/, KDREGISTER: /^\d{8}$/, TANGGAL: DATE,
  MAXDATE: DATE, TANGGAL_INSERT: DATE, AMOUNT: /^-?\d+$/, ROWNUM: /^[1-9]\d*$/, DANA: /^[A-I]\d{8}$/, DIPA: /^\d+$/,
  KONTRAK: /^\d+$/, BLOKIR: /^\d+$/, ACTUAL_AMT: /^-?\d+$/, BALANCING_AMT: /^-?\d+$/, PERIODE: /^(0[1-9]|1[0-2])$/,
  NTPN: /^[0-9A-F]{16}$/, KODE_BILLING: /^\d{15}$/, NMSATKER: /^[A-Z0-9 ./()-]+$/, NMBA: /^[A-Z0-9 ./()-]+$/,
};

const keysOf = (sample: string) => Object.keys(JSON.parse(sample) as object).sort();

/** Same key set as expected, every value a string, every code of its documented width. */
function expectConforming(records: Array<Record<string, unknown>>, expectedKeys: string[], extra: Record<string, RegExp> = {}): void {
  expect(records.length).toBeGreaterThan(0);
  const sorted = [...expectedKeys].sort().join(",");
  const problems = new Set<string>();
  for (const r of records) {
    const keys = Object.keys(r).sort().join(",");
    if (keys !== sorted) problems.add(`keys ${keys}`);
    for (const [k, v] of Object.entries(r)) {
      const re = extra[k] ?? WIDTH[k] ?? (k.startsWith("IK_") || k === "NILAI_IKPA" ? /^\d{1,3}\.\d{2}$/ : k.startsWith("BBT_") ? /^\d+$/ : undefined);
      if (typeof v !== "string") problems.add(`${k} is a ${typeof v}`);
      else if (!re) problems.add(`no width rule for ${k}`);
      else if (!re.test(v)) problems.add(`${k}=${v} does not match ${re}`);
    }
  }
  // One line per kind of problem, so a failure reads like a list, not 50,000 assertions.
  expect([...problems].slice(0, 20)).toEqual([]);
}

let sim: RunningSimulator;
let key: string;
beforeAll(async () => {
  sim = await start();
  key = await sim.mintKey({ year: 2025 });
});
afterAll(() => sim.close());

describe("rows answers match the spec samples", () => {
  test("DipaBelanjaKL/BELANJA", async () => {
    expectConforming(await getRecords(sim, "DipaBelanjaKL/BELANJA", key), keysOf(DIPA_SAMPLE), { OUTPUT: /^[0-9A-Z]{3}$/ });
  });
  test("RealisasiKL window", async () => {
    expectConforming(await getRecords(sim, "RealisasiKL/1/3000", key), keysOf(REALISASI_SAMPLE), { OUTPUT: /^[0-9A-Z]{3}$/ });
  });
  test("DataFA: OUTPUT is kegiatan + output (7), DANA sumber dana + register", async () => {
    expectConforming(await getRecords(sim, "DataFA", key), keysOf(DANA_SAMPLE), { OUTPUT: /^\d{4}[0-9A-Z]{3}$/ });
  });
  test("CapaianIKSatkerRe", async () => {
    expectConforming(await getRecords(sim, "CapaianIKSatkerRe", key), ["KDSATKER", "NMSATKER", "KDKPPN", "PERIODE", ...IK_KEYS, ...BBT_KEYS, ...IKPA_EXTRA]);
  });
  test("CapaianIKEselon1Re prints the eselon I code under BA (5 characters)", async () => {
    expectConforming(await getRecords(sim, "CapaianIKEselon1Re", key), ["BA", "NMBA", "PERIODE", ...IK_KEYS, ...BBT_KEYS, ...IKPA_EXTRA], { BA: /^056\d{2}$/ });
  });
  test("CapaianIKKLRe", async () => {
    const rows = await getRecords(sim, "CapaianIKKLRe", key);
    expectConforming(rows, ["BA", "NMBA", "PERIODE", ...IK_KEYS, ...BBT_KEYS, ...IKPA_EXTRA], { BA: /^056$/ });
    expect(rows.map((r) => r.PERIODE)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]);
  });
  test("DetailPNBPAllRev/GL and GL/<yyyymmdd>", async () => {
    expectConforming(await getRecords(sim, "DetailPNBPAllRev/GL", key), PNBP_KEYS, { AKUN: /^42\d{4}$/ });
    expectConforming(await getRecords(sim, "DetailPNBPAllRev/GL/20251201", key), PNBP_KEYS, { AKUN: /^42\d{4}$/ });
  });
  test("record keys keep the samples' order", async () => {
    const [dipa] = await getRecords(sim, "DipaBelanjaKL/BELANJA", key);
    expect(Object.keys(dipa!)).toEqual(Object.keys(JSON.parse(DIPA_SAMPLE) as object));
    const [real] = await getRecords(sim, "RealisasiKL/1/1", key);
    expect(Object.keys(real!)).toEqual(Object.keys(JSON.parse(REALISASI_SAMPLE) as object));
    const [fa] = await getRecords(sim, "DataFA", key);
    expect(Object.keys(fa!)).toEqual(Object.keys(JSON.parse(DANA_SAMPLE) as object));
  });
  test("codes: numeric PROGRAM/OUTPUT before 2021, lettered from 2021", async () => {
    const old = await getRecords(sim, "DipaBelanjaKL/BELANJA", await sim.mintKey({ year: 2020 }));
    expect(old.every((r) => /^\d{7}$/.test(r.PROGRAM as string) && /^\d{3}$/.test(r.OUTPUT as string))).toBe(true);
    const now = await getRecords(sim, "DipaBelanjaKL/BELANJA", key);
    expect(now.some((r) => /[A-Z]/.test(r.PROGRAM as string))).toBe(true);
    expect(now.some((r) => /[A-Z]/.test(r.OUTPUT as string))).toBe(true);
  });
  test("JSON is PHP-encoded: slashes escaped, content type application/json", async () => {
    const got = await get(sim, "CapaianIKKLRe", key);
    expect(got.type).toBe("application/json");
    expect(got.text).toContain("TATA RUANG\\/BADAN PERTANAHAN");
  });
});

describe("fixed answers are byte-exact", () => {
  test.each([
    ["RealisasiKL/0/10"], ["RealisasiKL/10/9"], ["RealisasiKL/1/50001"], ["RealisasiKL"], ["RealisasiKL/"], ["RealisasiKL/1"],
    ["RealisasiKL/a/10"], ["RealisasiKL/1/10/5"], ["RealisasiKL/1234567890/1234567899"], ["DetailPNBPAllRev/GL/20251332"],
    ["DetailPNBPAllRev/GL/2025-12-01"], ["DetailPNBPAllRev/GL/2025120"], ["DetailPNBPAllRev/GL/"],
  ])("wrong parameter: %s", async (route) => {
    const got = await get(sim, route, key);
    expect([got.status, got.type, got.text]).toEqual([200, "application/json", WRONG_PARAMETER]);
  });
  test("no data: a window past the last row, a PNBP date past the cut-off, a year with no data", async () => {
    const got = await get(sim, "RealisasiKL/900001/901000", key);
    expect([got.status, got.type, got.text]).toEqual([200, "application/json", NO_DATA]);
    expect((await get(sim, "DetailPNBPAllRev/GL/20270101", key)).text).toBe(NO_DATA);
    const future = await sim.mintKey({ year: 2028 });
    for (const r of ["DipaBelanjaKL/BELANJA", "RealisasiKL/1/10", "CapaianIKKLRe", "CapaianIKSatkerRe", "CapaianIKEselon1Re", "DetailPNBPAllRev/GL", "DataFA"]) {
      expect((await get(sim, r, future)).text).toBe(NO_DATA);
    }
  });
  test("next year: DIPA is out, nothing is spent yet", async () => {
    const next = await sim.mintKey({ year: 2027 });
    expect((await getRecords(sim, "DipaBelanjaKL/BELANJA", next)).length).toBeGreaterThan(0);
    expect((await get(sim, "RealisasiKL/1/10", next)).text).toBe(NO_DATA);
    const fa = await getRecords(sim, "DataFA", next);
    expect(fa.every((r) => r.ACTUAL_AMT === "0" && r.BALANCING_AMT === String(Number(r.DIPA) - Number(r.BLOKIR)))).toBe(true);
  });
  test("bad signature: 401 text/plain, exact text", async () => {
    const got = await get(sim, "DataFA", await sim.mintKey({ year: 2025, secret: "another-secret" }));
    expect([got.status, got.type?.startsWith("text/plain"), got.text]).toEqual([401, true, SIGNATURE_FAILED]);
  });
  test("unknown path: 404; other methods: 405", async () => {
    expect((await get(sim, "DipaBelanjaKL", key)).status).toBe(404);
    expect((await get(sim, "Nothing/Here", key)).status).toBe(404);
    expect((await fetch(`${sim.origin}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${sim.baseUrl}DataFA`, { method: "POST", headers: { Authorization: `Bearer ${key}` } })).status).toBe(405);
  });
});

describe("Realisasi paging", () => {
  test("inclusive windows, a short last page, stable order, ROWNUM 1..n", async () => {
    const small = await getRecords(sim, "RealisasiKL/5/7", key);
    expect(small.map((r) => r.ROWNUM)).toEqual(["5", "6", "7"]);
    const pages = await allRealisasi(sim, key, 20_000);
    const rows = pages.flatMap((p) => JSON.parse(p) as Array<Record<string, string>>);
    expect(rows.every((r, i) => r.ROWNUM === String(i + 1))).toBe(true);
    expect(rows.length % 20_000).not.toBe(0);
    expect(new Set(rows.map((r) => r.MAXDATE))).toEqual(new Set(["31-DEC-25"]));
    const again = await allRealisasi(sim, key, 7_000);
    const flat = (list: unknown[]) => list.map((r) => JSON.stringify(r)).join("\n");
    expect(flat(again.flatMap((p) => JSON.parse(p) as unknown[])) === flat(rows)).toBe(true);
    const last = rows.length;
    const tail = await getRecords(sim, `RealisasiKL/${last - 1}/${last + 500}`, key);
    expect(tail.map((r) => r.ROWNUM)).toEqual([String(last - 1), String(last)]);
  });
  test("record bodies are streamed (chunked), fixed bodies carry a length", async () => {
    const page = await get(sim, "RealisasiKL/1/2000", key);
    expect(page.headers.get("transfer-encoding")).toBe("chunked");
    expect(page.headers.get("content-length")).toBeNull();
    const none = await get(sim, "RealisasiKL/900001/900002", key);
    expect(none.headers.get("content-length")).toBe(String(NO_DATA.length));
  });
});

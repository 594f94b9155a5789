/**
 * One formula end to end: =OMSPAN.REALISASI called as Excel calls it (the custom-functions stand-in),
 * through the add-in's shared session, the proxy server and the simulator, checked against sums computed
 * straight from the raw rows.
 */
import { session } from "../../src/shared-runtime";
import { startStack, rawRealisasi, type Stack } from "../support/stack";
import { CustomFunctionsRuntime, type Arg } from "../support/custom-functions-fake";
import { mintKey } from "../../src/simulator";

let stack: Stack;
let raw: Record<string, string>[];
let excel: CustomFunctionsRuntime;
const realisasi = (...args: Arg[]) => excel.value1("REALISASI", ...args);

beforeAll(async () => {
  excel = await CustomFunctionsRuntime.load();
  stack = await startStack();
  raw = await rawRealisasi(stack.sim.baseUrl, stack.key);
});
afterAll(async () => {
  await session.disconnect();
  await stack?.close();
});

const rawSum = (satker: string, prefix: string) =>
  raw.filter((r) => r.KDSATKER === satker && r.AKUN!.startsWith(prefix)).reduce((s, r) => s + Number(r.AMOUNT), 0);

test("before connecting, a cell says to enter the key", async () => {
  await expect(realisasi("600001", "52")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/API key|kunci API/) });
});

test("a refused key: the cell shows #VALUE! with a message saying the key was refused", async () => {
  const foreign = await mintKey("another-secret-than-the-simulators", { year: 2026 });
  await expect(session.connect({ baseUrl: stack.proxyBase, key: foreign })).rejects.toMatchObject({ code: "key-refused" });
  expect(session.getSnapshot().status).toBe("error");
  await expect(realisasi("600001", "52")).rejects.toMatchObject({ code: "#VALUE!" });
});

test("REALISASI equals the sum of the raw rows for several (satker, akun) pairs", async () => {
  const claims = await session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  expect(claims.kdt).toBe("2026");
  const satkers = [...new Set(raw.map((r) => r.KDSATKER!))];
  expect(satkers.length).toBeGreaterThan(10);
  const pairs: [string, string][] = [];
  for (const s of satkers.slice(0, 8)) for (const a of ["5", "51", "52", "521211", "53", "524"]) pairs.push([s, a]);
  for (const [s, a] of pairs) expect(await realisasi(s, a)).toBe(rawSum(s, a));
  // Codes typed as numbers: satker padded by its width, akun kept as a prefix.
  const zeroLed = satkers.find((s) => s.startsWith("0"));
  if (zeroLed) expect(await realisasi(Number(zeroLed), 52)).toBe(rawSum(zeroLed, "52"));
  expect(await realisasi(satkers[0]!, 52)).toBe(rawSum(satkers[0]!, "52"));
});

test("a whole recalculation of many cells makes one dataset pull", async () => {
  session.store.invalidate();
  const before = session.store.pulls;
  const logBefore = stack.upstreamLog.filter((l) => l.includes("RealisasiKL")).length;
  const satkers = [...new Set(raw.map((r) => r.KDSATKER!))];
  const cells = satkers.flatMap((s) => ["51", "52", "53", "5"].map((a) => realisasi(s, a)));
  expect(cells.length).toBeGreaterThan(100);
  const values = await Promise.all(cells);
  expect(values.every((v) => typeof v === "number")).toBe(true);
  expect(session.store.pulls - before).toBe(1);
  const pages = Math.floor(raw.length / 5000) + 1;
  const upstream = stack.upstreamLog.filter((l) => l.includes("RealisasiKL")).length - logBefore;
  expect(upstream).toBeGreaterThanOrEqual(pages);
  expect(upstream).toBeLessThanOrEqual(pages + 4); // speculative windows past the end, bounded by concurrency
});

test("no data is 0 for a sum; a bad argument is #VALUE! with the reason, before any pull", async () => {
  expect(await realisasi("999999", "52")).toBe(0);
  session.store.invalidate();
  const pulls = session.store.pulls;
  await expect(realisasi("60000X", "52")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/digits only|hanya angka/) });
  expect(session.store.pulls).toBe(pulls);
  await expect(realisasi("600001", "52;53")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/not a code|bukan kode/) });
  await expect(realisasi("600001", "52", "kemarin")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/date|tanggal/) });
});

test("an unreachable proxy: #N/A with a message naming it", async () => {
  await session.disconnect();
  await expect(session.connect({ baseUrl: "http://127.0.0.1:9/omspan/", key: stack.key })).rejects.toMatchObject({ code: "unreachable" });
  // Connected earlier, then the proxy goes away: the cell names the address it could not reach.
  await session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  (session as unknown as { conn: { baseUrl: string; key: string } }).conn = { baseUrl: "http://127.0.0.1:9/omspan/", key: stack.key };
  session.store.invalidate();
  await expect(realisasi("600001", "52")).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("127.0.0.1:9") });
});

/** Keys: the spec's header and claim set, the year they select, and every way a key is refused. */
import { decodeProtectedHeader, decodeJwt } from "jose";
import { DEV_SECRET, mintKey, type RunningSimulator } from "../../src/simulator";
import { get, getRecords, start } from "./helpers";

const PREFIX = "Token yang dikirimkan tidak valid (";
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await start({ secret: "test-secret-for-keys" });
});
afterAll(() => sim.close());

test("header and claims exactly as the spec's table, in its order, no exp", async () => {
  const key = await mintKey("s", { year: 2026, iat: 1601354559 });
  expect(Buffer.from(key.split(".")[0]!, "base64url").toString()).toBe('{"typ":"JWT","alg":"HS256"}');
  expect(decodeProtectedHeader(key)).toEqual({ typ: "JWT", alg: "HS256" });
  const claims = decodeJwt(key);
  expect(Object.keys(claims)).toEqual(["usr", "uid", "rol", "kds", "kdb", "kdt", "iat", "nbf", "kid"]);
  expect(claims).toEqual({ usr: "Webservice ATR/BPN", uid: "BPN", rol: "webservice", kds: "WSTES1", kdb: "", kdt: "2026",
    iat: 1601354559, nbf: 1601353959, kid: "2161" });
});

test("the dev secret is not a JWT, and a simulator's own keys are accepted", async () => {
  expect(DEV_SECRET.split(".")).toHaveLength(1);
  const key = await sim.mintKey({ year: 2025 });
  expect(decodeJwt(key).nbf).toBe(Number(decodeJwt(key).iat) - 600);
  expect((await getRecords(sim, "CapaianIKKLRe", key)).length).toBe(12);
});

test("kdt selects the fiscal year of the data", async () => {
  const y25 = await getRecords(sim, "RealisasiKL/1/1", await sim.mintKey({ year: 2025 }));
  const y24 = await getRecords(sim, "RealisasiKL/1/1", await sim.mintKey({ year: 2024 }));
  expect(y25[0]!.MAXDATE).toBe("31-DEC-25");
  expect(y24[0]!.MAXDATE).toBe("31-DEC-24");
  const y26 = await getRecords(sim, "RealisasiKL/1/1", await sim.mintKey({ year: 2026 }));
  expect(y26[0]!.MAXDATE).toBe("27-NOV-26");
});

test("a key for another secret: 401 text/plain with the exact text", async () => {
  const got = await get(sim, "DipaBelanjaKL/BELANJA", await mintKey(DEV_SECRET, { year: 2025 }));
  expect(got.status).toBe(401);
  expect(got.type).toMatch(/^text\/plain/);
  expect(got.text).toBe("Token yang dikirimkan tidak valid (Signature verification failed)");
});

test("a tampered claim fails the signature", async () => {
  const [h, , s] = (await sim.mintKey({ year: 2025 })).split(".");
  const forged = `${h}.${b64({ kdt: "2024" })}.${s}`;
  expect((await get(sim, "DataFA", forged)).text).toBe(`${PREFIX}Signature verification failed)`);
});

test.each([
  ["no Authorization header", null, "Token not found"],
  ["one segment", "abc", "Wrong number of segments"],
  ["two segments", "abc.def", "Wrong number of segments"],
  ["four segments", "a.b.c.d", "Wrong number of segments"],
  ["undecodable header", "a.b.c", "Invalid header encoding"],
  ["undecodable claims", `${b64({ typ: "JWT", alg: "HS256" })}.%%%.c`, "Invalid claims encoding"],
  ["alg none", `${b64({ typ: "JWT", alg: "none" })}.${b64({ kdt: "2025" })}.`, "Algorithm not allowed"],
  ["no alg", `${b64({ typ: "JWT" })}.${b64({ kdt: "2025" })}.abc`, "Empty algorithm"],
  ["bad signature characters", `${b64({ typ: "JWT", alg: "HS256" })}.${b64({ kdt: "2025" })}.a+b/c`, "Invalid signature encoding"],
])("malformed key (%s) → 401 with a fitting reason", async (_, key, reason) => {
  const got = await get(sim, "DataFA", key);
  expect([got.status, got.text]).toEqual([401, `${PREFIX}${reason})`]);
});

test("a key used before its nbf is refused like the PHP library does", async () => {
  const key = await mintKey("test-secret-for-keys", { year: 2025, iat: Math.floor(Date.now() / 1000) + 3600 });
  const got = await get(sim, "DataFA", key);
  expect(got.status).toBe(401);
  expect(got.text).toMatch(/^Token yang dikirimkan tidak valid \(Cannot handle token prior to \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000\)$/);
});

test("a Basic scheme is refused", async () => {
  const res = await fetch(`${sim.baseUrl}DataFA`, { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
  expect([res.status, await res.text()]).toEqual([401, `${PREFIX}Wrong authorization scheme)`]);
});

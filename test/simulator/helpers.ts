/** Shared helpers of the simulator tests: a real server on port 0, GET with a key, hashing. */
import { createHash } from "node:crypto";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../src/simulator";

/** A fixed "today" so the current-year tests do not move with the calendar. */
export const TODAY = "2026-11-28";

/** Starts a simulator with a pinned today unless overridden. */
export function start(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ today: TODAY, ...opts });
}

/** Response of a GET: status, content type, raw text. */
export interface Got {
  status: number;
  type: string | null;
  text: string;
  headers: Headers;
}

/** GET a route below the base URL with `Authorization: Bearer <key>` (no header when key is null). */
export async function get(sim: RunningSimulator, route: string, key: string | null): Promise<Got> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const res = await fetch(sim.baseUrl + route, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), headers: res.headers };
}

/** GET and parse a JSON array of records. */
export async function getRecords(sim: RunningSimulator, route: string, key: string): Promise<Array<Record<string, unknown>>> {
  const got = await get(sim, route, key);
  expect(got.status).toBe(200);
  const body: unknown = JSON.parse(got.text);
  expect(Array.isArray(body)).toBe(true);
  return body as Array<Record<string, unknown>>;
}

/** Every Realisasi row, paging with the given window size until a short page or the no-data body. */
export async function allRealisasi(sim: RunningSimulator, key: string, size: number): Promise<string[]> {
  const pages: string[] = [];
  for (let from = 1; ; from += size) {
    const got = await get(sim, `RealisasiKL/${from}/${from + size - 1}`, key);
    if (got.text.startsWith('{"body"')) break;
    pages.push(got.text);
    if ((JSON.parse(got.text) as unknown[]).length < size) break;
  }
  return pages;
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hundredths of an IKPA value string: "99.80" → 9980. */
export function hundredths(v: unknown): number {
  if (typeof v !== "string" || !/^\d{1,3}\.\d{2}$/.test(v)) throw new Error(`not an IKPA value: ${String(v)}`);
  return Math.round(Number(v) * 100);
}

/**
 * Cancelling a pull through the store is per caller: the caller that aborts stops waiting at once; the
 * pull continues for anyone else sharing it, and stops (no further requests) only when nobody waits.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { Store } from "../../src/omspan/store/store";
import { CancelledError } from "../../src/omspan/errors";
import { DIPA_SAMPLE } from "../support/spec-samples";

const KEY = "test-key-not-a-jwt";

/** A fetch whose answers wait until `release()`; aborted requests reject like the real fetch. */
function gatedFetch() {
  const calls: string[] = [];
  const waiting: Array<() => void> = [];
  const fetchImpl = ((input: string | URL | Request, init?: RequestInit) => {
    calls.push(String(input));
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
      waiting.push(() => resolve(new Response(DIPA_SAMPLE, { status: 200, headers: { "content-type": "application/json" } })));
    });
  }) as typeof fetch;
  return { fetchImpl, calls, release: () => waiting.splice(0).forEach((f) => f()) };
}

const conn = { baseUrl: "http://127.0.0.1:9/omspan/", key: KEY };
const tick = () => new Promise((r) => setTimeout(r, 10));

test("one caller cancelling leaves a caller sharing the pull with its data", async () => {
  const gate = gatedFetch();
  const store = new Store((c) => new OmspanClient({ ...c, fetch: gate.fetchImpl }));
  const a = new AbortController();
  const first = store.get(conn, "dipa", { signal: a.signal });
  const second = store.get(conn, "dipa", { signal: new AbortController().signal });
  await tick();
  a.abort();
  await expect(first).rejects.toBeInstanceOf(CancelledError);
  gate.release();
  const data = await second;
  expect(data.table.rowCount).toBe(1);
  expect(store.pulls).toBe(1);
});

test("a caller without a signal (a formula) keeps the pull when the pane cancels", async () => {
  const gate = gatedFetch();
  const store = new Store((c) => new OmspanClient({ ...c, fetch: gate.fetchImpl }));
  const formula = store.get(conn, "dipa");
  const pane = new AbortController();
  const mine = store.get(conn, "dipa", { signal: pane.signal });
  await tick();
  pane.abort();
  await expect(mine).rejects.toBeInstanceOf(CancelledError);
  gate.release();
  await expect(formula).resolves.toMatchObject({ dataset: "dipa" });
});

test("the last caller cancelling aborts the pull; the next get starts a new one", async () => {
  const gate = gatedFetch();
  const store = new Store((c) => new OmspanClient({ ...c, fetch: gate.fetchImpl }));
  const a = new AbortController();
  const b = new AbortController();
  const pa = store.get(conn, "dipa", { signal: a.signal });
  const pb = store.get(conn, "dipa", { signal: b.signal });
  await tick();
  a.abort();
  b.abort();
  await expect(pa).rejects.toBeInstanceOf(CancelledError);
  await expect(pb).rejects.toBeInstanceOf(CancelledError);
  await tick();
  expect(gate.calls).toHaveLength(1); // aborted, not retried
  const again = store.get(conn, "dipa");
  await tick();
  gate.release();
  await expect(again).resolves.toMatchObject({ dataset: "dipa" });
  expect(store.pulls).toBe(2);
});

test("progress reaches every caller, also one that joined the pull under way", async () => {
  const gate = gatedFetch();
  const store = new Store((c) => new OmspanClient({ ...c, fetch: gate.fetchImpl }));
  const seen: string[] = [];
  const p1 = store.get(conn, "dipa", { onProgress: (p) => seen.push(`a${p.rows}`) });
  const p2 = store.get(conn, "dipa", { onProgress: (p) => seen.push(`b${p.rows}`) });
  await tick();
  gate.release();
  await Promise.all([p1, p2]);
  expect(seen.sort()).toEqual(["a1", "b1"]);
});

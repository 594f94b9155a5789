/**
 * Data for the pane's component tests: a real Store over a fetch that answers from the spec's sample
 * bodies (or fails, or hangs until aborted), so the views run the core's real pull, parse and preview.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { Store } from "../../src/omspan/store/store";
import type { DataActions } from "../../src/taskpane/data/data-actions";
import { SUCCESS_SAMPLES } from "../support/spec-samples";

export type Answer = { status: number; body: string } | "hang";

/** A generated Realisasi page of `n` rows (two satkers, two akun), OMSPAN's wire form. */
export function realisasiBody(n: number, from = 1, to = n): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    ROWNUM: String(i + 1), KDSATKER: i % 2 ? "527560" : "600001", KPPN: "001", BA: "015", BAES1: "01508",
    AKUN: i % 3 ? "524113" : "511111", PROGRAM: "0150809", KEGIATAN: "1705", OUTPUT: "994", KEWENANGAN: "2",
    SUMBER_DANA: "A", CARA_TARIK: "0", KDREGISTER: "00000000", LOKASI: "0651", BUDGET_TYPE: "2",
    TANGGAL: `${String((i % 27) + 1).padStart(2, "0")}-FEB-26`, MAXDATE: "15-MAR-26", AMOUNT: String(1000 * (i + 1)),
  }));
  return JSON.stringify(rows.slice(from - 1, Math.min(to, n)));
}

/** Realisasi of `n` rows answered window by window (RealisasiKL/<from>/<to>), no-data past the end. */
export function pagedRealisasi(n: number) {
  return (url: string): Answer => {
    const m = /RealisasiKL\/(\d+)\/(\d+)$/.exec(url);
    if (!m || Number(m[1]) > n) return { status: 200, body: `{"body":{"value":"Tidak Ada Data (no data found)"}}` };
    return { status: 200, body: realisasiBody(n, Number(m[1]), Number(m[2])) };
  };
}

/** The part of a fetch Response the client reads (jsdom has no Response). */
function answerOf(a: { status: number; body: string }): Response {
  const bytes = new TextEncoder().encode(a.body);
  const headers = new Map([["content-type", "application/json"], ["content-length", String(bytes.length)]]);
  return {
    status: a.status,
    ok: a.status < 300,
    headers: { get: (k: string) => headers.get(k.toLowerCase()) ?? null },
    body: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
  } as unknown as Response;
}

/** DataActions over a real Store whose every request gets `answer(url)`. */
export function storeActions(answer: (url: string) => Answer, insert?: DataActions["insert"], pageSize = 5000) {
  const fetchImpl = ((input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const a = answer(String(input));
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
      if (a !== "hang") resolve(answerOf(a));
    })) as typeof fetch;
  const store = new Store((c) => new OmspanClient({ ...c, fetch: fetchImpl, retry: { retries: 0 }, pageSize, concurrency: 1 }));
  const conn = { baseUrl: "http://127.0.0.1:9/omspan/", key: "test-key-not-a-jwt" };
  const actions: DataActions = {
    pull: (dataset, params, opts) => store.get(conn, dataset, { params, ...opts }),
    insert,
  };
  return { store, conn, actions };
}

export const sample = (dataset: string): string => SUCCESS_SAMPLES.find(([d]) => d === dataset)![1];

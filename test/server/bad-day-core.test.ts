/**
 * A bad day, the core's side (issue 15, items 5, 6 and 9): the client caps one answer's decoded size
 * (a gzip bomb, a huge plain answer straight or through the real proxy) with its own error, never
 * retried; a Realisasi pull against an upstream that answers every window with the same rows fails
 * fast with "OMSPAN keeps answering the same rows"; a failed Connect forgets the remembered key.
 * Upstreams are the simulator or scripted hostile servers on 127.0.0.1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { OmspanClient } from "../../src/omspan/wire/client";
import { Session, type KeyVault } from "../../src/omspan/store/session";
import type { Connection } from "../../src/omspan/store/store";
import { mintTestKey } from "../support/keys";
import { startScriptedServer } from "../support/scripted-server";
import { startStack, type Stack } from "../support/stack";
import { startTestServer } from "./support";

const MB = 1024 * 1024;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** A Realisasi-like JSON array of `rows` records, numbered from 1 (or without ROWNUM). */
function rowsText(rows: number, withRownum = true): string {
  const out: string[] = [];
  for (let i = 1; i <= rows; i++) {
    out.push(JSON.stringify({ ...(withRownum ? { ROWNUM: String(i) } : {}), KDSATKER: "527560", AKUN: "521111", AMOUNT: String(1000 + i) }));
  }
  return `[${out.join(",")}]`;
}

/** An upstream streaming `bytes` of a valid JSON array (chunked, no length), optionally gzipped whole. */
async function hugeUpstream(bytes: number, gzip = false): Promise<{ base: string; hits: () => number; close(): Promise<void> }> {
  const row = `{"ROWNUM":"1","KDSATKER":"527560","AKUN":"521111","AMOUNT":"1000"}`;
  const text = `[${Array.from({ length: Math.ceil(bytes / (row.length + 1)) }, () => row).join(",")}]`;
  const zipped = gzip ? gzipSync(text) : undefined;
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.on("error", () => undefined);
    res.writeHead(200, { "content-type": "application/json", ...(zipped ? { "content-encoding": "gzip" } : {}) });
    const body = zipped ?? Buffer.from(text);
    let at = 0;
    const pump = () => {
      while (at < body.length) {
        const piece = body.subarray(at, at + 256 * 1024);
        at += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/spanint/data/DataWebService/`,
    hits: () => hits,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describe("5. one answer's decoded size is capped in the client, with its own error, never retried", () => {
  const key = "header.payload.signature";

  test("a gzip bomb straight from the upstream", async () => {
    const bomb = await hugeUpstream(40 * MB, true);
    try {
      const client = new OmspanClient({ baseUrl: bomb.base, key, maxAnswerBytes: 2 * MB, retry: { retries: 2, baseMs: 1, maxMs: 1 } });
      await expect(client.request("dana")).rejects.toMatchObject({ code: "too-large", name: "AnswerTooLargeError" });
      expect(bomb.hits()).toBe(1);
    } finally {
      await bomb.close();
    }
  });

  test("a huge plain answer through the real proxy (chunked, no length)", async () => {
    const huge = await hugeUpstream(24 * MB);
    const server = await startTestServer({ upstream: huge.base, staticDir: "/nonexistent-omspan-static", rateLimit: 0 });
    try {
      const client = new OmspanClient({ baseUrl: `${server.url}/omspan/`, key, maxAnswerBytes: 2 * MB, retry: { retries: 2, baseMs: 1, maxMs: 1 } });
      const err = await client.request("dana").catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "too-large", message: expect.stringMatching(/too large \(more than 2 MB\)/) });
      expect(huge.hits()).toBe(1);
    } finally {
      server.app.server.closeAllConnections();
      await server.close();
      await huge.close();
    }
  });

  test("a declared length past the cap is refused before a byte is read", async () => {
    const scripted = await startScriptedServer(() => ({ body: rowsText(10), headers: { "content-length": String(rowsText(10).length) } }));
    try {
      const client = new OmspanClient({ baseUrl: scripted.baseUrl, key, maxAnswerBytes: 100 });
      await expect(client.request("dana")).rejects.toMatchObject({ code: "too-large" });
      expect(scripted.requests).toHaveLength(1);
      // Under the cap the same answer reads as ever.
      const roomy = new OmspanClient({ baseUrl: scripted.baseUrl, key });
      expect(await roomy.request("dana")).toMatchObject({ kind: "rows" });
    } finally {
      await scripted.close();
    }
  });
});

describe("6. a Realisasi pull has an upper bound: the same rows again fail it", () => {
  test.each([
    ["with ROWNUM", true],
    ["without ROWNUM", false],
  ])("an upstream answering every window with the same full page (%s)", async (_name, withRownum) => {
    const page = rowsText(100, withRownum);
    const scripted = await startScriptedServer(() => ({ body: page }));
    try {
      const client = new OmspanClient({ baseUrl: scripted.baseUrl, key: "header.payload.signature", pageSize: 100, concurrency: 4 });
      const started = Date.now();
      // The signal only bounds the test: without a bound of its own the pull would page for ever.
      const err = await client.pull("realisasi", () => undefined, { signal: AbortSignal.timeout(3000) }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "repeated-rows", name: "RepeatedRowsError", message: expect.stringMatching(/OMSPAN keeps answering the same rows/) });
      expect(scripted.requests.length).toBeLessThanOrEqual(8);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await scripted.close();
    }
  });
});

describe("9. a failed Connect clears what was remembered", () => {
  test("connect with key A and remember, then key B refused: A is forgotten, the next start asks", async () => {
    let stored: Connection | null = null;
    const vault: KeyVault = {
      load: async () => stored,
      save: async (c) => void (stored = c),
      clear: async () => void (stored = null),
    };
    const session = new Session({ vault });
    await session.connect({ baseUrl: stack.proxyBase, key: stack.key, remember: true });
    expect(stored).toEqual({ baseUrl: stack.proxyBase, key: stack.key });
    const refused = await mintTestKey(); // signed with another secret: the simulator answers 401
    await expect(session.connect({ baseUrl: stack.proxyBase, key: refused, remember: true })).rejects.toMatchObject({ code: "key-refused" });
    expect(stored).toBeNull();
    expect(await new Session({ vault }).restore()).toBe(false);
  });
});


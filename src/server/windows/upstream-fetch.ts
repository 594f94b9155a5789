/**
 * The download a window's leader runs: a slot under the per-process cap, then the global one, then the
 * OMSPAN request, read whole (decoded) at OMSPAN's own speed into budgeted blocks, judged
 * (judge-answer.ts), and compressed once if it is data. It belongs to no client: it runs to its end (or
 * its timeout) even when the client that started it leaves, because other clients — possibly in other
 * processes — wait for it, and it is stored for the next ones. An answer too large to keep is streamed to
 * the first client alone and holds its slots until it is through.
 */
import type { Readable } from "node:stream";
import type { AnswerCache } from "../answer-cache";
import { collectAnswer } from "../answer-collect";
import { decodedBody } from "../answer-decode";
import { ServerError, toErrorAnswer } from "../errors";
import { clientAnswerHeaders, upstreamRequestHeaders } from "../forward";
import type { UpstreamLimiter } from "../limiter";
import type { AbortableDispatcher } from "../upstream-dispatcher";
import type { FillResult, Fetcher } from "./backend";
import type { Breaker } from "./breaker";
import { judgeAnswer } from "./judge-answer";
import type { WindowMetrics } from "./metrics";
import { buildWindow } from "./stored-window";

export interface FetchDeps {
  upstream: string;
  timeoutMs: number;
  dispatcher: AbortableDispatcher;
  limiter: UpstreamLimiter;
  breaker: Breaker;
  cache: AnswerCache;
  metrics: WindowMetrics;
}

/** The leader's download of `route` for the key in `authorization`. */
export function windowFetcher(d: FetchDeps, route: string, authorization: string, accept: string | undefined): Fetcher {
  return async (gate): Promise<FillResult> => {
    if (!d.breaker.allow()) return { kind: "failed", error: toErrorAnswer(new ServerError("upstream_unreachable", 5)) };
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, d.timeoutMs);
    const held: (() => void)[] = [() => clearTimeout(timer)];
    const letGo = () => held.splice(0).forEach((f) => f());
    let streaming = false;
    try {
      try {
        held.push(await d.limiter.acquire(ctl.signal));
        held.push(await gate.acquire(ctl.signal));
      } catch (err) {
        return { kind: "error", err: timedOut ? new ServerError("busy", 1) : err };
      }
      d.metrics.upstreamRequests++;
      const host = new URL(d.upstream).host;
      const res = await d.dispatcher.fetch(d.upstream + route, upstreamRequestHeaders({ authorization, accept }, host), ctl.signal);
      const body = decodedBody(res.body as unknown as Readable, res.headers["content-encoding"]);
      const headers = clientAnswerHeaders(res.headers);
      const declared = res.headers["content-encoding"] ? Number.NaN : Number(res.headers["content-length"]);
      const got = declared > d.cache.maxEntryBytes ? { stream: body } : await collectAnswer(body, d.cache.maxEntryBytes, d.cache);
      if ("stream" in got) {
        d.breaker.success();
        streaming = true;
        got.stream.once("close", letGo);
        return { kind: "big", status: res.statusCode, headers, stream: got.stream };
      }
      const verdict = judgeAnswer(res.statusCode, got.body);
      if (verdict.kind === "failed") {
        d.breaker.failure();
        return { kind: "failed", answer: { status: res.statusCode, headers, body: got.body } };
      }
      d.breaker.success();
      if (verdict.kind === "pass") return { kind: "pass", answer: { status: res.statusCode, headers, body: got.body }, refused: verdict.refused };
      const type = headers["content-type"] ?? "application/json";
      return { kind: "stored", window: await buildWindow(res.statusCode, type, got.body, Date.now()), noData: verdict.noData };
    } catch (err) {
      d.breaker.failure();
      return { kind: "failed", error: toErrorAnswer(timedOut ? new ServerError("upstream_timeout") : err) };
    } finally {
      if (!streaming) letGo();
    }
  };
}

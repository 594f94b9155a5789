/**
 * The OMSPAN client: one request with timeout, cancel and retries; and whole pulls, paging Realisasi to
 * the end with bounded concurrency. Works against the proxy (`…/omspan/`) or OMSPAN itself
 * (`…/DataWebService/`): the route paths after the base are the same. The key travels only in the
 * Authorization header — never in a URL, a message or an error.
 */
import { classifyResponse, type BodyReader, type Classified } from "./classify";
import type { Page } from "./page-reader";
import { MAX_ANSWER_BYTES, readCappedText } from "./answer-body";
import { AnswerTooLargeError, CancelledError, TimeoutError, UnreachableError, isOmspanError } from "../errors";
import { DEFAULT_RETRY, backoffMs, isRetryable, parseRetryAfter, sleep, type RetryPolicy } from "./retry";
import { routePath, type DatasetId, type RouteParams } from "../routes";
import { normaliseKey } from "../claims";
import { pullWindows } from "./paged-pull";
import { ServedBy } from "./served-by";
import { GenerationPin } from "./generation-pin";

export interface ClientOptions {
  /** DataWebService base or the proxy's `/omspan/` URL. */
  readonly baseUrl: string;
  readonly key: string;
  readonly fetch?: typeof fetch;
  /** Per request, ms (default DEFAULT_REQUEST_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Largest decoded answer read, bytes (default MAX_ANSWER_BYTES); larger fails with AnswerTooLargeError. */
  readonly maxAnswerBytes?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Realisasi rows per window. */
  readonly pageSize?: number;
  /** Realisasi windows in flight at once. */
  readonly concurrency?: number;
}

/**
 * The client's per-request timeout. The proxy's own upstream timeout defaults to a little less
 * (src/server/config.ts), so a slow OMSPAN answers the client with the proxy's 504 before the client gives
 * up: a retry then never runs beside an upstream request still in flight for the try before it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface PullProgress {
  readonly dataset: DatasetId;
  readonly pages: number;
  readonly rows: number;
}

export interface PullOptions {
  readonly params?: RouteParams;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PullProgress) => void;
  /** Reads pages in OMSPAN's compact form straight into columns (TableBuilder.readPage). */
  readonly read?: BodyReader;
  /**
   * Asks every cache on the way for a new answer (`Cache-Control: no-cache`): the store's first pull
   * after the user's Refresh, so the proxy starts a new generation instead of serving its stored one.
   */
  readonly fresh?: boolean;
}

/** Per request: fresh or not, where the proxy's marks are collected, and the pull's generation. */
export interface RequestOptions {
  readonly fresh?: boolean;
  readonly served?: ServedBy;
  /** The pull's generation at the proxy: named on the request once known; `notes` marks the request that learns it. */
  readonly generation?: GenerationPin;
  readonly notes?: boolean;
}

/** A whole pull: pages that held rows, rows, and what the proxy said about the answers. */
export interface PullResult {
  readonly pages: number;
  readonly rows: number;
  readonly served: ServedBy;
}

/** Receives pages in order; `firstRow` is the 1-based position of the page's first record. */
export type PageSink = (page: Page, firstRow: number) => void;

export class OmspanClient {
  readonly baseUrl: string;
  private readonly key: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly retry: RetryPolicy;
  readonly pageSize: number;
  readonly concurrency: number;
  /** Requests sent upstream by this client (each retry counts). */
  requests = 0;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`;
    this.key = normaliseKey(opts.key);
    this.headers = { Authorization: `Bearer ${this.key}`, Accept: "application/json" };
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxAnswerBytes = opts.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.pageSize = opts.pageSize ?? 5000;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
  }

  /** One route, classified, with retries for what is worth retrying. */
  async request(dataset: DatasetId, params: RouteParams = {}, signal?: AbortSignal, read?: BodyReader, opts: RequestOptions = {}): Promise<Classified> {
    const url = new URL(routePath(dataset, params), this.baseUrl).href;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, dataset, signal, read, opts);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.retry.retries || signal?.aborted) throw err;
        const retryAfter = isOmspanError(err) ? (err as { retryAfterMs?: number }).retryAfterMs : undefined;
        await sleep(backoffMs(this.retry, attempt + 1, retryAfter), signal);
      }
    }
  }

  private async once(url: string, dataset: DatasetId, outer?: AbortSignal, read?: BodyReader, opts: RequestOptions = {}): Promise<Classified> {
    if (outer?.aborted) throw new CancelledError();
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.timeoutMs);
    const onOuter = () => ctl.abort();
    outer?.addEventListener("abort", onOuter, { once: true });
    this.requests++;
    try {
      let res: Response;
      let body: string;
      try {
        res = await this.fetchImpl(url, {
          method: "GET",
          headers: { ...this.headers, ...(opts.fresh ? { "Cache-Control": "no-cache" } : {}), ...opts.generation?.headers() },
          signal: ctl.signal,
          // Not "no-store" on every request: the Fetch standard has that mode add `Cache-Control: no-cache`
          // itself (Node's fetch does), and the proxy would then start a new generation on every
          // recalculation. Only a fresh pull says so, explicitly. "default" keeps nothing either way:
          // the proxy answers `Cache-Control: no-store`.
          cache: opts.fresh ? "no-store" : "default",
        });
        if (opts.notes) opts.generation?.note(res.headers);
        body = await readCappedText(res, this.maxAnswerBytes, url);
      } catch (e) {
        if (e instanceof AnswerTooLargeError) throw e;
        if (outer?.aborted) throw new CancelledError();
        if (timedOut) throw new TimeoutError(url, this.timeoutMs);
        throw new UnreachableError(url, e);
      }
      try {
        const classified = classifyResponse(res.status, body, { dataset, url }, read);
        opts.served?.note(res.headers);
        return classified;
      } catch (e) {
        const ra = parseRetryAfter(res.headers.get("retry-after"));
        if (ra !== undefined && isOmspanError(e)) Object.assign(e, { retryAfterMs: ra });
        throw e;
      }
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuter);
    }
  }

  /**
   * Pulls a whole dataset, handing pages to `sink` in order. Realisasi is paged in windows of
   * `pageSize`, `concurrency` at a time, until a short page or the no-data body; any failed page fails
   * the pull (a partial pull is never handed on). Returns the number of pages that held rows.
   */
  async pull(dataset: DatasetId, sink: PageSink, opts: PullOptions = {}): Promise<PullResult> {
    const served = new ServedBy();
    const ask = { fresh: opts.fresh, served };
    if (dataset !== "realisasi") {
      const rows = pageOf(await this.request(dataset, opts.params, opts.signal, opts.read, ask));
      if (rows.length) sink(rows, 1);
      opts.onProgress?.({ dataset, pages: 1, rows: rows.length });
      return { pages: rows.length ? 1 : 0, rows: rows.length, served };
    }
    return { ...(await this.pullPaged(dataset, sink, opts, ask)), served };
  }

  private pullPaged(dataset: DatasetId, sink: PageSink, opts: PullOptions, ask: RequestOptions) {
    // Window 1's answer names the proxy's generation; the later windows ask for exactly it.
    const generation = new GenerationPin();
    return pullWindows(
      async (from, to, signal) => {
        return pageOf(await this.request(dataset, { from, to }, signal, opts.read, { ...ask, generation, notes: from === 1 }));
      },
      {
        size: this.pageSize,
        concurrency: this.concurrency,
        signal: opts.signal,
        sink,
        dataset,
        onProgress: (pages, rows) => opts.onProgress?.({ dataset, pages, rows }),
      },
    );
  }
}

function pageOf(c: Classified): Page {
  return c.kind === "rows" ? c.rows : c.kind === "columns" ? c.page : [];
}

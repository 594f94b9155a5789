/**
 * The OMSPAN client: one request with timeout, cancel and retries; and whole pulls, paging Realisasi to
 * the end with bounded concurrency. Works against the proxy (`…/omspan/`) or OMSPAN itself
 * (`…/DataWebService/`): the route paths after the base are the same. The key travels only in the
 * Authorization header — never in a URL, a message or an error.
 */
import { classifyResponse, type BodyReader, type Classified } from "./classify";
import type { Page } from "./page-reader";
import { MAX_ANSWER_BYTES, readCappedText } from "./answer-body";
import { AnswerTooLargeError, CancelledError, TimeoutError, UnreachableError, isOmspanError } from "./errors";
import { DEFAULT_RETRY, backoffMs, isRetryable, parseRetryAfter, sleep, type RetryPolicy } from "./retry";
import { routePath, type DatasetId, type RouteParams } from "./routes";
import { normaliseKey } from "./claims";
import { pullWindows } from "./paged-pull";
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
   * The pull is a refresh (the user asked for fresh numbers): every request says
   * `Cache-Control: no-cache`, so the proxy's shared cache starts a new upstream pull (at most once per
   * its OMSPAN_REFRESH_MIN_INTERVAL_MS). Otherwise nothing is sent and the proxy may answer from a
   * recent pull. The store sets it on the first pull after `invalidate`.
   */
  readonly refresh?: boolean;
}

/** What one request adds to the plain GET (internal to a pull). */
export interface RequestExtras {
  readonly refresh?: boolean;
  /** The pull's generation: named on the request once known; `notes` marks the request that learns it. */
  readonly generation?: GenerationPin;
  readonly notes?: boolean;
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

  constructor(opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`;
    this.key = normaliseKey(opts.key);
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxAnswerBytes = opts.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.pageSize = opts.pageSize ?? 5000;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
  }

  /** One route, classified, with retries for what is worth retrying. */
  async request(dataset: DatasetId, params: RouteParams = {}, signal?: AbortSignal, read?: BodyReader, extras?: RequestExtras): Promise<Classified> {
    const url = new URL(routePath(dataset, params), this.baseUrl).href;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, dataset, signal, read, extras);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.retry.retries || signal?.aborted) throw err;
        const retryAfter = isOmspanError(err) ? (err as { retryAfterMs?: number }).retryAfterMs : undefined;
        await sleep(backoffMs(this.retry, attempt + 1, retryAfter), signal);
      }
    }
  }

  private async once(url: string, dataset: DatasetId, outer?: AbortSignal, read?: BodyReader, extras?: RequestExtras): Promise<Classified> {
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
          headers: {
            Authorization: `Bearer ${this.key}`,
            Accept: "application/json",
            ...(extras?.refresh ? { "Cache-Control": "no-cache" } : {}),
            ...extras?.generation?.headers(),
          },
          signal: ctl.signal,
          // Not "no-store": by the Fetch standard that adds `Cache-Control: no-cache` to every request,
          // which the proxy reads as a refresh. Its answers say `Cache-Control: no-store`, so the
          // browser keeps none of them either way.
          cache: "default",
        });
        if (extras?.notes) extras.generation?.note(res.headers);
        body = await readCappedText(res, this.maxAnswerBytes, url);
      } catch (e) {
        if (e instanceof AnswerTooLargeError) throw e;
        if (outer?.aborted) throw new CancelledError();
        if (timedOut) throw new TimeoutError(url, this.timeoutMs);
        throw new UnreachableError(url, e);
      }
      try {
        return classifyResponse(res.status, body, { dataset, url }, read);
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
  async pull(dataset: DatasetId, sink: PageSink, opts: PullOptions = {}): Promise<{ pages: number; rows: number }> {
    if (dataset !== "realisasi") {
      const rows = pageOf(await this.request(dataset, opts.params, opts.signal, opts.read, { refresh: opts.refresh }));
      if (rows.length) sink(rows, 1);
      opts.onProgress?.({ dataset, pages: 1, rows: rows.length });
      return { pages: rows.length ? 1 : 0, rows: rows.length };
    }
    return this.pullPaged(dataset, sink, opts);
  }

  private pullPaged(dataset: DatasetId, sink: PageSink, opts: PullOptions) {
    const generation = new GenerationPin();
    return pullWindows(
      async (from, to, signal) => {
        return pageOf(await this.request(dataset, { from, to }, signal, opts.read, { refresh: opts.refresh, generation, notes: from === 1 }));
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

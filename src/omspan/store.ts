/**
 * The store: one pull per (dataset, parameters, key), shared by every caller. Concurrent callers wait on
 * the same in-flight pull; a failed pull rejects every waiter and is not kept; `invalidate` (the ribbon's
 * refresh) forgets what was pulled. Each pulled dataset is kept as a compact columnar Table with its
 * as-of record, and carries a memo for the indexes that queries build over it once.
 *
 * Cancelling is per caller: a caller passing `signal` stops waiting when it aborts (its promise rejects
 * with CancelledError), but the shared pull itself is aborted only once no caller is left waiting — a
 * formula or a second pane request that shares the pull keeps it, and gets its data.
 */
import { OmspanClient, type ClientOptions, type PullProgress } from "./client";
import { datasetSpec } from "./datasets/catalog";
import { CancelledError } from "./errors";
import { TableBuilder } from "./table-builder";
import type { DatasetId, RouteParams } from "./routes";
import type { Table } from "./table";

/** Where to pull from and with which key. */
export interface Connection {
  readonly baseUrl: string;
  readonly key: string;
}

export interface AsOf {
  /** When the pull finished. */
  readonly fetchedAt: Date;
  /** OMSPAN's data cut-off (MAXDATE) as a day number, where the dataset carries one. */
  readonly maxDate?: number;
}

export interface DatasetData {
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly table: Table;
  readonly asOf: AsOf;
  /** Pages that held rows, and requests sent for this pull (retries included). */
  readonly pages: number;
  readonly requests: number;
  /** Builds a derived structure (an index) once per pulled dataset. */
  memo<T>(name: string, build: () => T): T;
}

export interface GetOptions {
  readonly params?: RouteParams;
  /** Progress of the pull this caller waits on (also when it joined a pull already under way). */
  readonly onProgress?: (p: PullProgress) => void;
  /** Stops this caller's wait; the pull stops only when every waiting caller has stopped. */
  readonly signal?: AbortSignal;
}

/** One pull in flight or done, with who still waits on it. */
interface Entry {
  readonly promise: Promise<DatasetData>;
  readonly ctl: AbortController;
  readonly progress: Set<(p: PullProgress) => void>;
  /** Callers that may still cancel; a caller without a signal pins the pull (`pinned`). */
  waiting: number;
  pinned: boolean;
  settled: boolean;
}

/** A short, non-reversible tag for a key, so cache keys never hold the key itself. */
export function keyTag(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

export type ClientFactory = (conn: Connection & Partial<ClientOptions>) => OmspanClient;

export class Store {
  private readonly entries = new Map<string, Entry>();
  private readonly asOfs = new Map<string, AsOf>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  /** Pulls started (not served from cache): what tests and benchmarks count. */
  pulls = 0;

  constructor(private readonly makeClient: ClientFactory = (c) => new OmspanClient(c)) {}

  /** The dataset, pulled once per (dataset, params, key) and shared. */
  get(conn: Connection, dataset: DatasetId, opts: GetOptions = {}): Promise<DatasetData> {
    const params = opts.params ?? {};
    const id = this.cacheKey(conn, dataset, params);
    let entry = this.entries.get(id);
    if (!entry) {
      const gen = this.generation;
      const ctl = new AbortController();
      const progress = new Set<(p: PullProgress) => void>();
      const promise = this.pull(conn, dataset, params, ctl.signal, (p) => {
        for (const l of progress) l(p);
      });
      const made: Entry = { promise, ctl, progress, waiting: 0, pinned: false, settled: false };
      entry = made;
      this.entries.set(id, made);
      promise.then(
        (d) => {
          made.settled = true;
          made.progress.clear();
          if (gen === this.generation) this.asOfs.set(`${dataset}|${JSON.stringify(params)}`, d.asOf);
          this.emit();
        },
        () => {
          made.settled = true;
          made.progress.clear();
          // A failed pull is not kept: the next caller tries again.
          if (this.entries.get(id) === made) this.entries.delete(id);
          this.emit();
        },
      );
    }
    if (entry.settled) return entry.promise;
    if (opts.onProgress) entry.progress.add(opts.onProgress);
    if (!opts.signal) {
      entry.pinned = true;
      return entry.promise;
    }
    return this.follow(id, entry, opts.signal, opts.onProgress);
  }

  /** Waits on `entry` for one cancellable caller; aborts the pull when the last such caller leaves. */
  private follow(id: string, entry: Entry, signal: AbortSignal, onProgress?: (p: PullProgress) => void): Promise<DatasetData> {
    if (signal.aborted) {
      if (onProgress) entry.progress.delete(onProgress);
      this.release(id, entry);
      return Promise.reject(new CancelledError());
    }
    entry.waiting++;
    return new Promise<DatasetData>((resolve, reject) => {
      const onAbort = () => {
        if (onProgress) entry.progress.delete(onProgress);
        entry.waiting--;
        this.release(id, entry);
        reject(new CancelledError());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      entry.promise.then(
        (d) => {
          signal.removeEventListener("abort", onAbort);
          resolve(d);
        },
        (e: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  }

  /** Aborts a pull nobody waits on any more, and forgets it so the next caller starts afresh. */
  private release(id: string, entry: Entry): void {
    if (entry.settled || entry.pinned || entry.waiting > 0) return;
    if (this.entries.get(id) === entry) this.entries.delete(id);
    entry.ctl.abort();
  }

  /** Forgets pulled data (one dataset, or all); the next `get` pulls again. */
  invalidate(dataset?: DatasetId): void {
    this.generation++;
    for (const k of [...this.entries.keys()]) if (!dataset || k.startsWith(`${dataset}|`)) this.entries.delete(k);
    for (const k of [...this.asOfs.keys()]) if (!dataset || k.startsWith(`${dataset}|`)) this.asOfs.delete(k);
    this.emit();
  }

  /** Settles once no pull is in flight (a refresh waits on this rather than on a clock). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const inFlight = [...this.entries.values()].filter((e) => !e.settled).map((e) => e.promise.catch(() => undefined));
      if (!inFlight.length) return;
      await Promise.all(inFlight);
    }
  }

  /** When a dataset was last pulled, and OMSPAN's cut-off date where known. */
  asOf(dataset: DatasetId, params: RouteParams = {}): AsOf | undefined {
    return this.asOfs.get(`${dataset}|${JSON.stringify(params)}`);
  }

  /** For `useSyncExternalStore` and other watchers: called after every pull settles and every invalidation. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private lastKey?: string;
  private lastTag = "";

  private cacheKey(conn: Connection, dataset: DatasetId, params: RouteParams): string {
    // Every cell asks with the same key: hash it once, not once per cell.
    if (conn.key !== this.lastKey) {
      this.lastKey = conn.key;
      this.lastTag = keyTag(conn.key);
    }
    return `${dataset}|${JSON.stringify(params)}|${this.lastTag}|${conn.baseUrl}`;
  }

  private async pull(
    conn: Connection,
    dataset: DatasetId,
    params: RouteParams,
    signal: AbortSignal,
    onProgress: (p: PullProgress) => void,
  ): Promise<DatasetData> {
    this.pulls++;
    const client = this.makeClient(conn);
    const spec = datasetSpec(dataset);
    const builder = new TableBuilder(spec);
    const { pages } = await client.pull(dataset, (page, first) => builder.addPage(page, first), {
      params,
      signal,
      onProgress,
      read: (body) => builder.readPage(body),
    });
    return datasetData(dataset, params, builder.build(), pages, client.requests);
  }
}

/**
 * The pulled dataset with its as-of and memo. Deliberately outside `Store.pull`: a closure made there
 * would share V8's context with the page sink, keeping the TableBuilder (and its growth buffers, twice
 * the table's size) alive as long as the data.
 */
function datasetData(dataset: DatasetId, params: RouteParams, table: Table, pages: number, requests: number): DatasetData {
  const spec = datasetSpec(dataset);
  const memos = new Map<string, unknown>();
  let maxDate: number | undefined;
  const mc = spec.maxDateColumn ? table.columns[spec.maxDateColumn] : undefined;
  if (mc?.kind === "number") {
    for (const v of mc.values) if (!Number.isNaN(v) && (maxDate === undefined || v > maxDate)) maxDate = v;
  }
  return {
    dataset,
    params,
    table,
    asOf: { fetchedAt: new Date(), maxDate },
    pages,
    requests,
    memo<T>(name: string, build: () => T): T {
      const known = memos.get(name);
      if (known !== undefined) return known as T;
      const built = build();
      memos.set(name, built);
      return built;
    },
  };
}

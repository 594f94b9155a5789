/**
 * The store: one answer per (dataset, parameters, key), shared by every caller. Concurrent callers wait on
 * the same in-flight pull; a failed pull rejects every waiter and is not kept; `invalidate` (the user's
 * Refresh) forgets what was answered. Each answer is a compact columnar Table with its as-of, and carries
 * a memo for the indexes that queries build over it once.
 *
 * With snapshots (snapshots/), every good pull is also kept on this computer, and the store answers
 * without OMSPAN where it must (store-answers.ts): a failed pull from the newest snapshot, marked stale;
 * a dataset's first use from the newest snapshot at once ("open without waiting", unless the open policy
 * says pull); a frozen store only from its pin. The first pull of a dataset after `invalidate` asks the
 * proxy for a new answer (`Cache-Control: no-cache`); recalculations that reuse the store do not.
 *
 * Cancelling is per caller: a caller passing `signal` stops waiting when it aborts (its promise rejects
 * with CancelledError), but the shared pull itself is aborted only once no caller is left waiting — a
 * formula or a second pane request that shares the pull keeps it, and gets its data.
 */
import { OmspanClient, type ClientOptions, type PullProgress } from "../wire/client";
import type { AsOf, StaleMark } from "./as-of";
import type { DatasetData } from "./dataset-data";
import { CancelledError } from "../errors";
import type { DatasetId, RouteParams } from "../routes";
import { fromPin, pullOrStale, snapshotAnswer } from "./store-answers";
import { StoreFreeze } from "./store-freeze";
import type { Pin } from "../snapshots/pin";
import type { Snapshots } from "../snapshots/snapshots";

export type { AsOf } from "./as-of";
export type { DatasetData } from "./dataset-data";

/** Where to pull from and with which key. */
export interface Connection {
  readonly baseUrl: string;
  readonly key: string;
}

export interface GetOptions {
  readonly params?: RouteParams;
  /** Progress of the pull this caller waits on (also when it joined a pull already under way). */
  readonly onProgress?: (p: PullProgress) => void;
  /** Stops this caller's wait; the pull stops only when every waiting caller has stopped. */
  readonly signal?: AbortSignal;
}

/** How a dataset's first use after the store started is answered (the pane's "pull fresh data when a workbook opens"). */
export type OpenPolicy = "snapshot" | "pull";

export interface StoreOptions {
  /** Where good pulls are kept and stale answers come from; none: no snapshots at all. */
  readonly snapshots?: Snapshots;
  /** Answer a pull that failed as unreachable, timeout, 5xx or unreadable from the newest snapshot (default true). */
  readonly allowStale?: boolean;
  /** Default "snapshot" with snapshots: open without waiting. */
  readonly openFrom?: OpenPolicy;
  /** Where a snapshot that could not be kept is reported (default console.warn). */
  readonly warn?: (message: string) => void;
}

/** One answer the store holds now, for the pane and the refresh summary. */
export interface HeldAnswer {
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly asOf: AsOf;
}

/** What the store shows now: its answers (stale ones marked), whether it is frozen, whether OMSPAN is known to be down. */
export interface StoreStatus {
  readonly answers: readonly HeldAnswer[];
  readonly frozen?: Pin;
  /** Set by the session when connecting found OMSPAN unreachable; cleared by the next good pull. */
  readonly offline?: StaleMark;
}

/** One answer in flight or done, with who still waits on it. */
interface Entry {
  readonly promise: Promise<DatasetData>;
  readonly ctl: AbortController;
  readonly progress: Set<(p: PullProgress) => void>;
  /** Callers that may still cancel; a caller without a signal pins the pull (`pinned`). */
  waiting: number;
  pinned: boolean;
  settled: boolean;
  data?: DatasetData;
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

const answerKey = (dataset: DatasetId, params: RouteParams) => `${dataset}|${JSON.stringify(params)}`;

export class Store {
  private readonly entries = new Map<string, Entry>();
  private readonly held = new Map<string, HeldAnswer>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  /** Refresh counters: the last invalidation of everything, of each dataset, and the one each answer's pull saw. */
  private refreshAll = 0;
  private readonly refreshOf = new Map<DatasetId, number>();
  private readonly freshDone = new Map<string, number>();
  private refreshes = 0;
  private offline?: StaleMark;
  private cached?: StoreStatus;
  private readonly freezer: StoreFreeze;
  readonly snapshots?: Snapshots;
  openFrom: OpenPolicy;
  private readonly allowStale: boolean;
  private readonly warn: (message: string) => void;
  /** Pulls started (not served from memory or a snapshot): what tests and benchmarks count. */
  pulls = 0;

  constructor(
    private readonly makeClient: ClientFactory = (c) => new OmspanClient(c),
    opts: StoreOptions = {},
  ) {
    this.snapshots = opts.snapshots;
    this.allowStale = opts.allowStale ?? true;
    this.openFrom = opts.openFrom ?? "snapshot";
    this.warn = opts.warn ?? ((m) => console.warn(m));
    this.freezer = new StoreFreeze(opts.snapshots);
  }

  /** The dataset, answered once per (dataset, params, key) and shared. */
  get(conn: Connection, dataset: DatasetId, opts: GetOptions = {}): Promise<DatasetData> {
    const params = opts.params ?? {};
    const id = this.cacheKey(conn, dataset, params);
    let entry = this.entries.get(id);
    if (!entry) {
      const gen = this.generation;
      const ctl = new AbortController();
      const progress = new Set<(p: PullProgress) => void>();
      const promise = this.answer(conn, dataset, params, ctl.signal, (p) => {
        for (const l of progress) l(p);
      });
      const made: Entry = { promise, ctl, progress, waiting: 0, pinned: false, settled: false };
      entry = made;
      this.entries.set(id, made);
      promise.then(
        (d) => {
          made.settled = true;
          made.data = d;
          made.progress.clear();
          if (gen === this.generation) this.held.set(answerKey(dataset, params), { dataset, params, asOf: d.asOf });
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

  /**
   * Forgets answers (one dataset, or all); the next `get` pulls again — with `Cache-Control: no-cache`,
   * once. A frozen store answers from its pin again (it never pulls): a refresh must check
   * `assertNotFrozen` first.
   */
  invalidate(dataset?: DatasetId): void {
    this.generation++;
    this.refreshes++;
    if (dataset) this.refreshOf.set(dataset, this.refreshes);
    else this.refreshAll = this.refreshes;
    this.forget(dataset);
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

  private forget(dataset?: DatasetId): void {
    for (const k of [...this.entries.keys()]) if (!dataset || k.startsWith(`${dataset}|`)) this.entries.delete(k);
    for (const k of [...this.held.keys()]) if (!dataset || k.startsWith(`${dataset}|`)) this.held.delete(k);
  }

  /** When a dataset was last answered (pulled, or the snapshot's time), OMSPAN's cut-off, stale or not. */
  asOf(dataset: DatasetId, params: RouteParams = {}): AsOf | undefined {
    return this.held.get(answerKey(dataset, params))?.asOf;
  }

  /** For `useSyncExternalStore`: the same object until something changes. */
  status = (): StoreStatus => {
    this.cached ??= {
      answers: [...this.held.values()],
      ...(this.freezer.pin ? { frozen: this.freezer.pin } : {}),
      ...(this.offline ? { offline: this.offline } : {}),
    };
    return this.cached;
  };

  /** The answers held now that stand in for a failed pull (the refresh summary's "kept from …"). */
  staleAnswers(): HeldAnswer[] {
    return [...this.held.values()].filter((a) => a.asOf.stale);
  }

  /** For `useSyncExternalStore` and other watchers: called after every answer settles, invalidation and freeze change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    this.cached = undefined;
    for (const l of this.listeners) l();
  }

  /** The session found OMSPAN unreachable while connecting: answers from snapshots say stale until a pull works. */
  markOffline(mark: StaleMark | undefined): void {
    this.offline = mark;
    this.emit();
  }

  // ---- freeze (store-freeze.ts holds the pin; this drives the answers) ----

  isFrozen(): boolean {
    return this.freezer.pin !== undefined;
  }

  /** The pin while frozen. */
  pin(): Pin | undefined {
    return this.freezer.pin;
  }

  /** Throws FrozenError (saying how to unfreeze) while frozen: what every refresh calls first. */
  assertNotFrozen(): void {
    this.freezer.assertNotFrozen();
  }

  /**
   * Pins what the cells show now — every answer held, waiting for pulls in flight and for their snapshots
   * to be written — and answers only from those snapshots until `unfreeze`. CannotFreezeError when
   * nothing is held or an answer has no snapshot on this computer.
   */
  async freeze(): Promise<Pin> {
    if (this.freezer.pin) return this.freezer.pin;
    await Promise.allSettled([...this.entries.values()].map((e) => e.promise));
    const held = [...this.entries.values()].flatMap((e) => (e.data ? [e.data] : []));
    const pin = await this.freezer.freeze(held);
    this.swapAnswers((d) => ({ ...d.asOf, source: "pin", stale: undefined }));
    this.emit();
    return pin;
  }

  /** Back to normal: the answers held stay (as snapshots, no longer frozen) until the next refresh. */
  unfreeze(): void {
    if (!this.freezer.pin) return;
    this.freezer.unfreeze();
    this.swapAnswers((d) => ({ ...d.asOf, source: d.asOf.source === "pin" ? "snapshot" : d.asOf.source }));
    this.emit();
  }

  /**
   * A workbook opened (the Excel side read its registry): with a pin, answer only from it from now on —
   * answers held from before are dropped, so cells recalculated now read the pin; without one, unfreeze.
   */
  openWorkbook(opts: { pin?: Pin | null; openFrom?: OpenPolicy } = {}): void {
    if (opts.openFrom) this.openFrom = opts.openFrom;
    if (opts.pin) {
      this.freezer.freezeTo(opts.pin);
      this.generation++;
      this.forget();
    } else if (this.freezer.pin) this.unfreeze();
    this.emit();
  }

  private swapAnswers(asOf: (d: DatasetData) => AsOf): void {
    for (const [id, e] of this.entries) {
      if (!e.data) continue;
      const next: DatasetData = { ...e.data, asOf: clean(asOf(e.data)) };
      const made: Entry = { ...e, promise: Promise.resolve(next), data: next };
      this.entries.set(id, made);
      this.held.set(answerKey(next.dataset, next.params), { dataset: next.dataset, params: next.params, asOf: next.asOf });
    }
  }

  // ---- answering ----

  private lastKey?: string;
  private lastTag = "";

  private tagOf(key: string): string {
    // Every cell asks with the same key: hash it once, not once per cell.
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastTag = keyTag(key);
    }
    return this.lastTag;
  }

  private cacheKey(conn: Connection, dataset: DatasetId, params: RouteParams): string {
    return `${answerKey(dataset, params)}|${this.tagOf(conn.key)}|${conn.baseUrl}`;
  }

  private refreshedAt(dataset: DatasetId): number {
    return Math.max(this.refreshAll, this.refreshOf.get(dataset) ?? 0);
  }

  private async answer(conn: Connection, dataset: DatasetId, params: RouteParams, signal: AbortSignal, onProgress: (p: PullProgress) => void): Promise<DatasetData> {
    const tag = this.tagOf(conn.key);
    const pin = this.freezer.pin;
    if (pin) return fromPin(pin, { tag, dataset, params, snapshots: this.snapshots });
    const refreshed = this.refreshedAt(dataset);
    const k = answerKey(dataset, params);
    if (this.snapshots && this.openFrom === "snapshot" && refreshed === 0) {
      const kept = await this.snapshots.newest(tag, dataset, params).catch((e: unknown) => void this.warn(`OMSPAN: the kept snapshots could not be read (${String(e)})`));
      if (kept) return snapshotAnswer(kept, "snapshot", this.offline);
    }
    this.pulls++;
    const client = this.makeClient(conn);
    const fresh = refreshed > (this.freshDone.get(k) ?? 0);
    const { data, keep } = await pullOrStale(client, { tag, dataset, params, signal, onProgress, fresh, snapshots: this.snapshots, allowStale: this.allowStale });
    if (data.asOf.source === "pull") {
      this.freshDone.set(k, refreshed);
      if (this.offline) this.markOffline(undefined);
    }
    if (keep) this.keep(tag, data);
    return data;
  }

  /** Writes the snapshot after the callers had their answer (a macrotask later: cells first). */
  private keep(tag: string, d: DatasetData): void {
    const snapshots = this.snapshots!;
    const id = d.asOf.snapshotId!;
    const write = new Promise<void>((r) => setTimeout(r, 0))
      .then(() => snapshots.save({ id, keyTag: tag, dataset: d.dataset, params: d.params, table: d.table, fetchedAt: d.asOf.fetchedAt, maxDate: d.asOf.maxDate }))
      .then((info) => info !== undefined)
      .catch((e: unknown) => {
        this.warn(`OMSPAN: the ${d.dataset} snapshot could not be kept (${e instanceof Error ? e.message : String(e)})`);
        return false;
      });
    this.freezer.writing(id, write);
  }

  /** Resolves once every snapshot write started so far has ended (tests, the CLI before it exits). */
  settled(): Promise<void> {
    return this.freezer.allWritten();
  }
}

/** An as-of without keys set to undefined (so it reads and compares like one built without them). */
function clean(a: AsOf): AsOf {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as AsOf;
}

/**
 * The snapshots kept on this computer, over any SnapshotStore: keep a pulled dataset, find the newest
 * one of a key's dataset, read one by id (a frozen workbook's pin), forget a key's. The rules live here,
 * once for every store:
 *  - a bounded total size: after each write the least recently used snapshots (by their last write or
 *    read) go until the rest fits; one that alone exceeds the bound is not kept;
 *  - anything that cannot be read as written — a damaged or cut-off file, an older layout, sections that
 *    belong to another snapshot or another key — is removed with a warning and never served;
 *  - a snapshot of another key is never handed to a caller (lookups name the key's tag), and is left
 *    alone for its own key.
 * Writes and evictions run one at a time per instance, so two saves never evict each other's work.
 */
import type { DatasetId, RouteParams } from "../routes";
import type { Table } from "../columnar/table";
import { SnapshotCorrupt } from "./column-codec";
import { SnapshotOutdated, decodeSnapshot, encodeSnapshot, parseSnapshotHeader, type SnapshotHeader, type SnapshotInput } from "./snapshot-codec";
import type { SnapshotStore, StoredSnapshot } from "./store-port";

/** The default bound on all snapshots together (a full-profile Realisasi takes about 9 MB). */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

export interface SnapshotsOptions {
  /** Bound on the total size of every kept snapshot, bytes (default DEFAULT_MAX_SNAPSHOT_BYTES). */
  readonly maxBytes?: number;
  /** Where a discarded snapshot is reported (default console.warn). Never given a key. */
  readonly warn?: (message: string) => void;
  readonly now?: () => number;
}

/** One kept snapshot, as its header describes it. */
export interface SnapshotInfo {
  readonly id: string;
  readonly keyTag: string;
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly fetchedAt: Date;
  readonly maxDate?: number;
  readonly rowCount: number;
  readonly bytes: number;
  readonly usedAt: number;
}

export interface LoadedSnapshot {
  readonly info: SnapshotInfo;
  readonly table: Table;
}

interface Listed {
  readonly info: SnapshotInfo;
  readonly header: SnapshotHeader;
}

/** Parameters compared by value, whatever their key order. */
export function paramsKey(p: RouteParams): string {
  return JSON.stringify([p.from ?? null, p.to ?? null, p.date ?? null]);
}

export class Snapshots {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly kept = new Set<string>();
  readonly maxBytes: number;
  private readonly warn: (message: string) => void;
  private readonly now: () => number;

  constructor(
    readonly store: SnapshotStore,
    opts: SnapshotsOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
    this.warn = opts.warn ?? ((m) => console.warn(m));
    this.now = opts.now ?? (() => Date.now());
  }

  /**
   * Keeps a pulled dataset as a snapshot and evicts the least recently used others beyond the bound.
   * Resolves with what was kept, or undefined when the snapshot alone is larger than the bound.
   */
  save(input: SnapshotInput): Promise<SnapshotInfo | undefined> {
    return this.serial(async () => {
      const encoded = encodeSnapshot(input);
      if (encoded.header.bytes > this.maxBytes) {
        this.warn(`OMSPAN: the ${input.dataset} snapshot (${mb(encoded.header.bytes)}) is larger than the snapshot bound (${mb(this.maxBytes)}) and was not kept`);
        return undefined;
      }
      const usedAt = this.now();
      await this.store.put(encoded, usedAt);
      await this.evict(input.id);
      return infoOf(encoded.header, usedAt, encoded.header.bytes);
    });
  }

  /** Keeps these snapshots from eviction while they are pinned by this runtime (a frozen workbook). */
  keep(ids: Iterable<string>): void {
    this.kept.clear();
    for (const id of ids) this.kept.add(id);
  }

  /** Every readable snapshot (optionally of one key, dataset and parameters), newest data first. */
  async list(filter: { keyTag?: string; dataset?: DatasetId; params?: RouteParams } = {}): Promise<SnapshotInfo[]> {
    return (await this.listed(filter)).map((l) => l.info);
  }

  /**
   * The newest readable snapshot of a key's dataset, read whole; a newer one that cannot be read is
   * discarded and the next one tried. `newerThan` skips snapshots whose data is not newer than it.
   */
  async newest(keyTag: string, dataset: DatasetId, params: RouteParams, newerThan?: Date): Promise<LoadedSnapshot | undefined> {
    for (const l of await this.listed({ keyTag, dataset, params })) {
      if (newerThan && l.info.fetchedAt <= newerThan) return undefined;
      const table = await this.read(l);
      if (table) return { info: l.info, table };
    }
    return undefined;
  }

  /** A snapshot by id, if it is this key's and readable (a frozen workbook's pin). */
  async load(id: string, keyTag: string): Promise<LoadedSnapshot | undefined> {
    const l = (await this.listed({ keyTag })).find((x) => x.info.id === id);
    if (!l) return undefined;
    const table = await this.read(l);
    return table ? { info: l.info, table } : undefined;
  }

  /** Removes every snapshot of a key (Disconnect, Forget key); returns how many went. */
  removeKey(keyTag: string): Promise<number> {
    return this.serial(async () => {
      const ids = (await this.listed({ keyTag })).map((l) => l.info.id);
      if (ids.length) await this.store.remove(ids);
      return ids.length;
    });
  }

  /** How many snapshots a key has here, and their size. */
  async usage(keyTag: string): Promise<{ count: number; bytes: number }> {
    const all = await this.listed({ keyTag });
    return { count: all.length, bytes: all.reduce((n, l) => n + l.info.bytes, 0) };
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async listed(filter: { keyTag?: string; dataset?: DatasetId; params?: RouteParams }): Promise<Listed[]> {
    const want = filter.params ? paramsKey(filter.params) : undefined;
    const out: Listed[] = [];
    for (const s of await this.store.list()) {
      const header = await this.header(s);
      if (!header) continue;
      if (filter.keyTag !== undefined && header.keyTag !== filter.keyTag) continue;
      if (filter.dataset !== undefined && header.dataset !== filter.dataset) continue;
      if (want !== undefined && paramsKey(header.params) !== want) continue;
      out.push({ header, info: infoOf(header, s.usedAt, s.bytes) });
    }
    return out.sort((a, b) => b.info.fetchedAt.getTime() - a.info.fetchedAt.getTime() || b.info.usedAt - a.info.usedAt);
  }

  /** The entry's header, or undefined after discarding an entry whose header cannot be used. */
  private async header(s: StoredSnapshot): Promise<SnapshotHeader | undefined> {
    try {
      const h = parseSnapshotHeader(s.headerText, s.headerHash);
      if (h.id !== s.id) throw new SnapshotCorrupt("filed under another id");
      return h;
    } catch (e) {
      if (!(e instanceof SnapshotCorrupt || e instanceof SnapshotOutdated)) throw e;
      await this.discard(s.id, e instanceof SnapshotOutdated ? `an older snapshot layout (${e.message})` : e.message);
      return undefined;
    }
  }

  private async read(l: Listed): Promise<Table | undefined> {
    const reader = await this.store.open(l.info.id, l.header.sections.map((s) => s.length));
    if (!reader) return undefined;
    let table: Table;
    try {
      table = await decodeSnapshot(l.header, (i, n, into) => reader.section(i, n, into));
    } catch (e) {
      if (!(e instanceof SnapshotCorrupt)) throw e;
      await reader.close().catch(() => undefined);
      await this.discard(l.info.id, `${l.info.dataset} pulled ${l.info.fetchedAt.toISOString()}: ${e.message}`);
      return undefined;
    }
    await reader.close();
    await this.store.touch(l.info.id, this.now()).catch(() => undefined);
    return table;
  }

  private async discard(id: string, why: string): Promise<void> {
    this.warn(`OMSPAN: a kept snapshot could not be read (${why}); it was discarded and not used`);
    await this.store.remove([id]).catch((e: unknown) => this.warn(`OMSPAN: the unreadable snapshot could not be removed (${String(e)})`));
  }

  /** Removes the least recently used snapshots until all fit the bound; never `justWritten`. */
  private async evict(justWritten: string): Promise<void> {
    const all = await this.store.list();
    let total = all.reduce((n, s) => n + s.bytes, 0);
    if (total <= this.maxBytes) return;
    // Snapshots pinned here go last, and only if the bound cannot hold otherwise.
    const order = all
      .filter((s) => s.id !== justWritten)
      .sort((a, b) => Number(this.kept.has(a.id)) - Number(this.kept.has(b.id)) || a.usedAt - b.usedAt);
    const gone: string[] = [];
    for (const s of order) {
      if (total <= this.maxBytes) break;
      gone.push(s.id);
      total -= s.bytes;
    }
    if (gone.length) await this.store.remove(gone);
  }
}

function infoOf(h: SnapshotHeader, usedAt: number, bytes: number): SnapshotInfo {
  return {
    id: h.id,
    keyTag: h.keyTag,
    dataset: h.dataset,
    params: h.params,
    fetchedAt: new Date(h.fetchedAt),
    ...(h.maxDate !== undefined ? { maxDate: h.maxDate } : {}),
    rowCount: h.rowCount,
    bytes,
    usedAt,
  };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The port every snapshot store implements: it keeps bytes, nothing more. Choosing, checking, bounding
 * and discarding are the core's (snapshots.ts), the same over every store. Adapters: IndexedDB in the
 * add-in (indexeddb-store.ts, here: a Web standard) and a directory on Node (src/node/snapshot-dir.ts).
 */
import type { EncodedSnapshot } from "./snapshot-codec";

/** A kept snapshot as its store lists it: the header (no table data) and its bookkeeping. */
export interface StoredSnapshot {
  readonly id: string;
  /** The header as written; "" when the store could not even read it (the core then discards the entry). */
  readonly headerText: string;
  readonly headerHash: number;
  /** When it was last written or read, ms since 1970: the least recently used goes first. */
  readonly usedAt: number;
  /** What it takes in the store, in bytes. */
  readonly bytes: number;
}

/** Reads one snapshot's sections; `close` when done. */
export interface SnapshotReader {
  /**
   * Section `index` (of `length` bytes) in a buffer of its own — or in `into` when given (at least
   * `length` bytes: a scratch buffer the reader reuses for sections it only copies from); undefined when
   * missing or short. A store that cannot read into a buffer may ignore `into`.
   */
  section(index: number, length: number, into?: Uint8Array): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

export interface SnapshotStore {
  /** Every snapshot kept, whatever its key. */
  list(): Promise<StoredSnapshot[]>;
  /** Keeps a snapshot atomically (all of it, or on failure none of it), as used at `usedAt`. */
  put(snapshot: EncodedSnapshot, usedAt: number): Promise<void>;
  /** Opens a snapshot for reading (`sectionLengths` from its header); undefined when it is not there. */
  open(id: string, sectionLengths: readonly number[]): Promise<SnapshotReader | undefined>;
  /** Marks a snapshot used now (`usedAt`). */
  touch(id: string, usedAt: number): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

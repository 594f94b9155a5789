/**
 * The per-process cache of stored windows (windows/stored-window.ts: compressed once), the embedded
 * default and, with Redis, the first level in front of it (a window of a generation never changes, so a
 * copy is always right) and what a process falls back on while Redis is away.
 *
 * Memory: the byte budget bounds stored values *and* the copies still being collected from answers in
 * flight, counted as allocated (answer-collect.ts copies chunks into blocks, so a body sent in 1-byte
 * pieces costs what its bytes cost), so the cache never holds more than its budget whatever the answers'
 * sizes, their chunking or how many arrive at once. One decoded answer may take at most an eighth of the
 * budget (32 MB at the default 256 MB: two 50,000-row Realisasi windows of ~16 MB): a larger one is
 * streamed through and never held whole. The least recently used value goes first.
 */
import { createHash } from "node:crypto";
import type { StoredWindow } from "./windows/stored-window";

/** sha256 hex of a string. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Budget share of the largest single answer worth keeping (see the file comment). */
export const ENTRY_SHARE = 8;

/** Room for a collection in progress, taken from the cache's budget block by block. */
export interface CaptureRoom {
  /** Takes `bytes` more; false when the budget cannot give them (the capture must give up). */
  take(bytes: number): boolean;
  /** Gives back what a capture held (it finished, failed or gave up). */
  giveBack(bytes: number): void;
}

/** A bounded LRU of stored windows. */
export class AnswerCache implements CaptureRoom {
  private readonly entries = new Map<string, StoredWindow>();
  /** Bytes of stored values. */
  private bytes = 0;
  /** Bytes held by captures still in flight. */
  private capturing = 0;

  /**
   * @param maxBytes budget for stored values plus captures in flight.
   * @param keepMs a value older than this (since it was fetched) is dropped.
   * @param maxEntryBytes largest single decoded body kept; default an eighth of the budget.
   */
  constructor(
    private readonly maxBytes: number,
    private readonly keepMs: number,
    readonly maxEntryBytes: number = Math.floor(maxBytes / ENTRY_SHARE),
  ) {}

  /** The value, or undefined (never one past its keeping time). */
  get(id: string): StoredWindow | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.fetchedAt + this.keepMs <= Date.now()) {
      this.delete(id);
      return undefined;
    }
    // Most recently used goes to the end (Map keeps insertion order).
    this.entries.delete(id);
    this.entries.set(id, e);
    return e;
  }

  /** Stores a value; false when it does not fit (too large, or captures in flight hold the budget). */
  put(id: string, w: StoredWindow): boolean {
    const size = w.raw.length;
    if (w.decodedBytes > this.maxEntryBytes || this.capturing + size > this.maxBytes) return false;
    this.delete(id);
    this.makeRoom(size);
    this.entries.set(id, w);
    this.bytes += size;
    return true;
  }

  /** Bytes held now: stored values plus captures in flight (never above the budget). */
  get heldBytes(): number {
    return this.bytes + this.capturing;
  }

  /** Values held now. */
  get size(): number {
    return this.entries.size;
  }

  take(bytes: number): boolean {
    if (this.capturing + bytes > this.maxBytes) return false;
    this.makeRoom(bytes);
    this.capturing += bytes;
    return true;
  }

  giveBack(bytes: number): void {
    this.capturing = Math.max(0, this.capturing - bytes);
  }

  /** Drops the least recently used values until `extra` more bytes fit in the budget. */
  private makeRoom(extra: number): void {
    for (const k of this.entries.keys()) {
      if (this.bytes + this.capturing + extra <= this.maxBytes) break;
      this.delete(k);
    }
  }

  private delete(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.bytes -= e.raw.length;
    this.entries.delete(id);
  }
}

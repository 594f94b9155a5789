/**
 * Optional short-lived cache of upstream answers, so forty colleagues refreshing the same report
 * before a meeting cost OMSPAN one pull. Entries are keyed by sha256 of the whole Authorization value
 * plus the route: an answer is only ever served to a request carrying the very same key. Concurrent
 * requests for one entry are coalesced onto the pull already in flight. Off unless a TTL is configured.
 *
 * Memory: the byte budget bounds stored bodies *and* the copies still being collected from answers in
 * flight, counted as allocated (answer-collect.ts copies chunks into blocks, so a body sent in 1-byte
 * pieces costs what its bytes cost), so the cache never holds more than its budget whatever the answers'
 * sizes, their chunking or how many arrive at once. One decoded answer may take at most an eighth of the
 * budget (32 MB at the default 256 MB: two 50,000-row Realisasi windows of ~16 MB): a larger one is
 * streamed through and never held whole.
 */
import { createHash } from "node:crypto";

/** A stored upstream answer (only 200s are stored). */
export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Entry extends CachedAnswer {
  expires: number;
}

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

/** A bounded TTL cache with in-flight coalescing. */
export class AnswerCache implements CaptureRoom {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedAnswer | undefined>>();
  /** Bytes of stored bodies. */
  private bytes = 0;
  /** Bytes held by captures still in flight. */
  private capturing = 0;

  /**
   * @param maxBytes budget for stored bodies plus captures in flight.
   * @param maxEntryBytes largest single body kept; default an eighth of the budget.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes: number,
    readonly maxEntryBytes: number = Math.floor(maxBytes / ENTRY_SHARE),
  ) {}

  /** The cache key: never the secret itself, and different for every key. */
  static keyFor(authorization: string, route: string): string {
    return `${sha256(authorization)} ${route}`;
  }

  /** A fresh entry, or undefined. */
  get(key: string): CachedAnswer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return e;
  }

  /** The pull already filling this key, if any: wait for it instead of asking the upstream again. */
  pending(key: string): Promise<CachedAnswer | undefined> | undefined {
    return this.inflight.get(key);
  }

  /**
   * Marks a pull for `key` as in flight; the returned function settles it (with the answer to store,
   * or undefined when the pull failed or was not cacheable), which wakes every waiter.
   */
  beginFill(key: string): (answer: CachedAnswer | undefined) => void {
    let settle!: (a: CachedAnswer | undefined) => void;
    const promise = new Promise<CachedAnswer | undefined>((resolve) => (settle = resolve));
    this.inflight.set(key, promise);
    let done = false;
    return (answer) => {
      if (done) return;
      done = true;
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
      if (answer && answer.status === 200) this.set(key, answer);
      settle(answer && answer.status === 200 ? answer : undefined);
    };
  }

  /** Bytes held now: stored bodies plus captures in flight (never above the budget). */
  get heldBytes(): number {
    return this.bytes + this.capturing;
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

  private set(key: string, answer: CachedAnswer): void {
    const size = answer.body.length;
    if (size > this.maxEntryBytes || this.capturing + size > this.maxBytes) return;
    this.delete(key);
    this.makeRoom(size);
    this.entries.set(key, { ...answer, expires: Date.now() + this.ttlMs });
    this.bytes += size;
  }

  /** Drops expired entries at the head, then the oldest, until `extra` more bytes fit in the budget. */
  private makeRoom(extra: number): void {
    const now = Date.now();
    for (const [k, e] of this.entries) {
      if (this.bytes + this.capturing + extra <= this.maxBytes && e.expires > now) break;
      this.delete(k); // oldest first: Map keeps insertion order
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}

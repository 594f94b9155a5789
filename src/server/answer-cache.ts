/**
 * Optional short-lived cache of upstream answers, so forty colleagues refreshing the same report
 * before a meeting cost OMSPAN one pull. Entries are keyed by sha256 of the whole Authorization value
 * plus the route: an answer is only ever served to a request carrying the very same key. Concurrent
 * requests for one entry are coalesced onto the pull already in flight. Off unless a TTL is configured.
 */
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

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

/** A bounded TTL cache with in-flight coalescing. */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedAnswer | undefined>>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes: number,
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

  /** Largest body worth capturing: a single answer may use at most the whole budget. */
  get maxEntryBytes(): number {
    return this.maxBytes;
  }

  private set(key: string, answer: CachedAnswer): void {
    if (answer.body.length > this.maxBytes) return;
    this.delete(key);
    const now = Date.now();
    for (const [k, e] of this.entries) {
      if (this.bytes + answer.body.length <= this.maxBytes && e.expires > now) break;
      this.delete(k); // oldest first: Map keeps insertion order
    }
    this.entries.set(key, { ...answer, expires: now + this.ttlMs });
    this.bytes += answer.body.length;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}

/**
 * A pass-through stream that also keeps a copy of what flows, up to `limit` bytes. `onEnd` gets the
 * whole body when the stream finished cleanly within the limit, else undefined (too big, error, abort).
 */
export function captureStream(limit: number, onEnd: (body: Buffer | undefined) => void): Transform {
  let chunks: Buffer[] | undefined = [];
  let size = 0;
  let reported = false;
  const report = (body: Buffer | undefined) => {
    if (!reported) {
      reported = true;
      onEnd(body);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      size += chunk.length;
      if (chunks && size <= limit) chunks.push(chunk);
      else chunks = undefined;
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      report(chunks ? Buffer.concat(chunks, size) : undefined);
      cb();
    },
    destroy(err: Error | null, cb: (error: Error | null) => void) {
      report(undefined);
      cb(err);
    },
  });
}

/**
 * Reads an upstream answer into memory for the cache, at the upstream's own speed. Two rules:
 *  - The pull is never chained to one client's download: the answer is collected whole first, then every
 *    client (the first one and those waiting for the same entry) is served from the copy. A slow reader
 *    then only slows itself, and its upstream slot is free as soon as OMSPAN finished.
 *  - What is held is what is counted: each chunk's bytes are copied into blocks taken from the cache's
 *    budget, so a body sent in millions of 1-byte chunks holds a few blocks, not millions of small buffers
 *    that each cost a hundred times their byte.
 * Past the entry limit, or when the budget has no room, collection gives up: what was read so far and the
 * rest of the stream are handed on to the first client as one stream, and the waiters pull on their own.
 */
import { Readable } from "node:stream";
import type { CaptureRoom } from "./answer-cache";

const BLOCK = 64 * 1024;

/** Bytes copied into budgeted blocks. */
class Blocks {
  private readonly blocks: Buffer[] = [];
  private used = 0; // bytes used in the last block
  size = 0;
  private taken = 0;

  constructor(private readonly limit: number, private readonly room?: CaptureRoom) {}

  /** Copies `chunk` in; false (and nothing copied) when the limit or the budget says no. */
  append(chunk: Buffer): boolean {
    if (this.size + chunk.length > this.limit) return false;
    const blockBytes = Math.min(BLOCK, this.limit);
    const last = this.blocks[this.blocks.length - 1];
    const free = last ? last.length - this.used : 0;
    const more = Math.ceil(Math.max(0, chunk.length - free) / blockBytes) * blockBytes;
    if (more > 0 && this.room && !this.room.take(more)) return false;
    this.taken += more;
    let at = 0;
    while (at < chunk.length) {
      let block = this.blocks[this.blocks.length - 1];
      if (!block || this.used === block.length) {
        block = Buffer.allocUnsafeSlow(blockBytes);
        this.blocks.push(block);
        this.used = 0;
      }
      const n = chunk.copy(block, this.used, at);
      this.used += n;
      at += n;
    }
    this.size += chunk.length;
    return true;
  }

  /** The bytes held, as views over the blocks. */
  views(): Buffer[] {
    return this.blocks.map((b, i) => (i === this.blocks.length - 1 ? b.subarray(0, this.used) : b));
  }

  /** Removes the first block (as a view of its bytes) and gives its room back; undefined when none is left. */
  shift(): Buffer | undefined {
    const block = this.blocks.shift();
    if (!block) return undefined;
    const bytes = this.blocks.length === 0 ? block.subarray(0, this.used) : block;
    this.room?.giveBack(block.length);
    this.taken -= block.length;
    return bytes;
  }

  /** Gives the blocks' bytes back to the budget (the caller keeps no reference to them after). */
  release(): void {
    this.blocks.length = 0;
    this.room?.giveBack(this.taken);
    this.taken = 0;
  }
}

/** The whole body, or the stream to hand on when collecting gave up. */
export type Collected = { body: Buffer } | { stream: Readable };

/**
 * Collects `stream` up to `limit` bytes. Rejects with the stream's error (the answer broke off).
 */
export async function collectAnswer(stream: Readable, limit: number, room?: CaptureRoom): Promise<Collected> {
  const blocks = new Blocks(limit, room);
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (;;) {
      const step = await it.next();
      if (step.done) {
        const body = Buffer.concat(blocks.views(), blocks.size);
        blocks.release();
        return { body };
      }
      if (!blocks.append(step.value)) {
        // The copy's bytes stay counted until they have been handed on.
        return { stream: Readable.from(resume(blocks, step.value, it), { objectMode: false }) };
      }
    }
  } catch (err) {
    blocks.release();
    throw err;
  }
}

async function* resume(blocks: Blocks, current: Buffer, it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    // Block by block, so what was read is let go (and its room given back) as it is handed on.
    for (let block = blocks.shift(); block; block = blocks.shift()) yield block;
    yield current;
    for (;;) {
      const step = await it.next();
      if (step.done) return;
      yield step.value;
    }
  } finally {
    blocks.release();
    await it.return?.();
  }
}

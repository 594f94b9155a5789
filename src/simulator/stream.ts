/**
 * Writing an answer's body: records go out in batches, waiting for the socket to drain, and stop as soon as
 * the client is gone — a 50,000-row page never exists as one string. Drop and truncate faults cut the
 * first piece of the body part-way: a dropped connection is destroyed, a truncated one ends normally.
 */
import type { ServerResponse } from "node:http";
import type { Answer } from "./answers";
import type { Fault } from "./faults";

/** Records per written piece: a few hundred kilobytes, a few milliseconds of encoding. */
export const BATCH_ROWS = 500;

/** The body of an answer as pieces of text. */
export function* bodyPieces(a: Answer): Generator<string> {
  if (a.kind === "fixed") {
    yield a.body;
    return;
  }
  for (let start = 0; start < a.count; start += BATCH_ROWS) {
    const end = Math.min(a.count, start + BATCH_ROWS);
    let piece = start === 0 ? "[" : ",";
    for (let i = start; i < end; i++) piece += (i === start ? "" : ",") + a.encode(i);
    yield end === a.count ? `${piece}]` : piece;
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Streams the pieces; returns the number of bytes written. */
export async function writePieces(res: ServerResponse, pieces: Iterable<string>, fault: Fault): Promise<number> {
  let bytes = 0;
  for (const piece of pieces) {
    if (res.destroyed || res.writableEnded) return bytes;
    if (fault.kind === "drop" || fault.kind === "truncate") {
      const cut = Math.max(1, Math.floor(piece.length * fault.cut));
      res.write(piece.slice(0, cut));
      bytes += cut;
      if (fault.kind === "drop") {
        // Let the partial chunk reach the wire, then kill the socket without the final chunk.
        await new Promise<void>((resolve) => res.socket ? res.socket.write("", () => resolve()) : resolve());
        res.destroy();
      } else {
        res.end();
      }
      return bytes;
    }
    bytes += Buffer.byteLength(piece);
    if (!res.write(piece)) await drained(res);
  }
  if (!res.destroyed) res.end();
  return bytes;
}

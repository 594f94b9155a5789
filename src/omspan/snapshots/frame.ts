/**
 * A snapshot as one run of bytes, for stores that keep bytes (a file on Node): a fixed prefix, the
 * header, then each section on an 8-byte boundary, so a reader can fetch any section by offset straight
 * into a fresh, aligned buffer (which then *is* the table's column: see column-codec.ts).
 *
 *   0  "OMSPSNAP"            magic
 *   8  u32 frame version (1)
 *  12  u32 header length H   (UTF-8 bytes)
 *  16  u32 header checksum
 *  20  u32 0                 (reserved)
 *  24  header, zero-padded to a multiple of 8
 *      section 0, padded to 8; section 1, …
 * Numbers little-endian. The section lengths and checksums are in the header.
 */
import type { EncodedSnapshot } from "./snapshot-codec";

export const FRAME_PREFIX_BYTES = 24;
const MAGIC = "OMSPSNAP";
const FRAME_VERSION = 1;

const pad8 = (n: number) => (n + 7) & ~7;

/** The bytes to write, in order (sections are not copied). */
export function frameSnapshot(s: EncodedSnapshot): Uint8Array[] {
  const header = new TextEncoder().encode(s.headerText);
  const prefix = new Uint8Array(FRAME_PREFIX_BYTES);
  for (let i = 0; i < MAGIC.length; i++) prefix[i] = MAGIC.charCodeAt(i);
  const view = new DataView(prefix.buffer);
  view.setUint32(8, FRAME_VERSION, true);
  view.setUint32(12, header.byteLength, true);
  view.setUint32(16, s.headerHash, true);
  const out: Uint8Array[] = [prefix, header];
  const padding = (n: number) => (pad8(n) > n ? [new Uint8Array(pad8(n) - n)] : []);
  out.push(...padding(header.byteLength));
  for (const section of s.sections) out.push(section, ...padding(section.byteLength));
  return out;
}

/** The header's length and checksum from a frame's first 24 bytes; undefined when they are not a frame. */
export function readFramePrefix(prefix: Uint8Array): { headerLength: number; headerHash: number } | undefined {
  if (prefix.byteLength < FRAME_PREFIX_BYTES) return undefined;
  for (let i = 0; i < MAGIC.length; i++) if (prefix[i] !== MAGIC.charCodeAt(i)) return undefined;
  const view = new DataView(prefix.buffer, prefix.byteOffset, FRAME_PREFIX_BYTES);
  if (view.getUint32(8, true) !== FRAME_VERSION) return undefined;
  return { headerLength: view.getUint32(12, true), headerHash: view.getUint32(16, true) };
}

/** Where each section starts in the frame, and where the frame ends. */
export function frameLayout(headerLength: number, sectionLengths: readonly number[]): { offsets: number[]; end: number } {
  let at = FRAME_PREFIX_BYTES + pad8(headerLength);
  const offsets = sectionLengths.map((n) => {
    const here = at;
    at += pad8(n);
    return here;
  });
  return { offsets, end: at };
}

/**
 * A 32-bit checksum over a snapshot's bytes (MurmurHash3's x86_32 mixing), to tell a snapshot that was
 * written whole from one damaged on disk, cut short or stitched together from two. Not a defence against
 * someone forging a snapshot — whoever can write the file can write its checksum — only against accidents.
 * Reads four bytes at a time through a Uint32Array when the bytes are aligned (they are: every section
 * starts on an 8-byte boundary), so checking a 12 MB table costs a few milliseconds.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mix(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The checksum of `bytes`, started from `seed` (an unsigned 32-bit number). */
export function hash32(bytes: Uint8Array, seed = 0): number {
  let h = seed | 0;
  const words = bytes.length >>> 2;
  if ((bytes.byteOffset & 3) === 0) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) h = mix(h, w[i]!);
  } else {
    for (let i = 0; i < words; i++) {
      const o = i << 2;
      h = mix(h, bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24));
    }
  }
  let k = 0;
  const tail = words << 2;
  for (let i = bytes.length - 1; i >= tail; i--) k = (k << 8) | bytes[i]!;
  if (bytes.length & 3) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();

/** The checksum of a text (UTF-8). */
export function hashText(text: string, seed = 0): number {
  return hash32(encoder.encode(text), seed);
}

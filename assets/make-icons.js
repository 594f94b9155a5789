#!/usr/bin/env node
/**
 * Draws the add-in's icons (16, 32, 64, 80 px PNG) with Node built-ins only, so anyone can regenerate
 * them without an image editor: `node assets/make-icons.js`. The PNGs are committed; this script is the
 * source of truth for how they look.
 *
 * The picture: a rounded treasury-green tile with three rising white bars (budget realisation) and, at
 * 32 px and up, "Rp" in the top-left corner. Shapes are rasterised at 8x and box-filtered down, which
 * gives clean anti-aliased edges without any font or graphics library.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80];
const SS = 8; // supersampling factor
const GREEN = [16, 124, 65]; // #107C41, Excel green
const DARK = [11, 86, 45]; // tile edge shade
const WHITE = [255, 255, 255];
const GOLD = [255, 200, 61]; // the top of the tallest bar: "realised" highlight

// 5x7 bitmap glyphs for "R" and "p" (1 = ink).
const GLYPHS = {
  R: ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
  p: ["00000", "00000", "11110", "10001", "11110", "10000", "10000"],
};

/** Coverage-based painter on a supersampled RGBA canvas. */
function makeCanvas(size) {
  const n = size * SS;
  const px = new Float32Array(n * n * 4); // premultiplied-free RGBA in 0..1
  return {
    n,
    /** Paints colour where inside(x, y) holds, with x and y in 0..1 of the icon. */
    fill(color, inside) {
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          if (!inside((x + 0.5) / n, (y + 0.5) / n)) continue;
          const i = (y * n + x) * 4;
          px[i] = color[0] / 255;
          px[i + 1] = color[1] / 255;
          px[i + 2] = color[2] / 255;
          px[i + 3] = 1;
        }
      }
    },
    /** Box-filters down to size x size, 8-bit RGBA. */
    resolve() {
      const out = Buffer.alloc(size * size * 4);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          let r = 0, g = 0, b = 0, a = 0;
          for (let dy = 0; dy < SS; dy++) {
            for (let dx = 0; dx < SS; dx++) {
              const i = ((y * SS + dy) * n + (x * SS + dx)) * 4;
              const al = px[i + 3];
              r += px[i] * al; g += px[i + 1] * al; b += px[i + 2] * al; a += al;
            }
          }
          const o = (y * size + x) * 4;
          out[o] = a ? Math.round((r / a) * 255) : 0;
          out[o + 1] = a ? Math.round((g / a) * 255) : 0;
          out[o + 2] = a ? Math.round((b / a) * 255) : 0;
          out[o + 3] = Math.round((a / (SS * SS)) * 255);
        }
      }
      return out;
    },
  };
}

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** Half-open [x0, x1) x [y0, y1), so edges on pixel boundaries cover whole pixels. */
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;

function glyph(ch, left, top, cell) {
  const rows = GLYPHS[ch];
  return (x, y) => {
    const col = Math.floor((x - left) / cell);
    const row = Math.floor((y - top) / cell);
    return row >= 0 && row < 7 && col >= 0 && col < 5 && rows[row][col] === "1";
  };
}

function draw(size) {
  const c = makeCanvas(size);
  // Edges snap to whole pixels so bars stay crisp at every size.
  const px = (v) => Math.round(v * size) / size;
  const r = (x0, y0, x1, y1) => rect(px(x0), px(y0), px(x1), px(y1));
  c.fill(DARK, roundedRect(0, 0, 1, 1, 0.2));
  c.fill(GREEN, roundedRect(0, 0, 1, 1 - px(0.05), 0.2));
  const big = size >= 32;
  // [left, right, top] of each rising bar; the base is shared. At 16 px there is no text, so the bars
  // use the whole tile; from 32 px "Rp" sits top-left and the bars step up beside and below it.
  const base = big ? 0.84 : 13 / 16;
  const bars = big
    ? [[0.2, 0.36, 0.7], [0.44, 0.6, 0.56], [0.68, 0.84, 0.16]]
    : [[3 / 16, 6 / 16, 9 / 16], [7 / 16, 10 / 16, 6 / 16], [11 / 16, 14 / 16, 3 / 16]];
  for (const [x0, x1, top] of bars) c.fill(WHITE, r(x0, top, x1, base));
  const [hx0, hx1, htop] = bars[2];
  c.fill(GOLD, r(hx0, htop, hx1, htop + (big ? 0.09 : 2 / 16)));
  if (big) {
    const cell = Math.max(1, Math.round(0.042 * size)) / size; // whole-pixel glyph cells
    const left = px(0.13);
    const top = px(0.1);
    c.fill(WHITE, glyph("R", left, top, cell));
    // "p" drops two cells so its stem descends below the baseline of "R", as in print.
    c.fill(WHITE, glyph("p", left + 6 * cell, top + 2 * cell, cell));
  }
  return c.resolve();
}

// --- PNG encoding (RGBA, 8-bit, no interlace) -------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

for (const size of SIZES) {
  const file = path.join(__dirname, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

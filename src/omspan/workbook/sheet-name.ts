/** Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\\`, unique in any case. */

const FORBIDDEN = /[[\]:*?/\\]/g;

/** The grid's sheet name, or with " (2)", " (3)"… where a sheet of that name exists (Excel: ≤ 31 characters, any case). */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const base = wanted.replace(FORBIDDEN, " ").slice(0, 31).trim() || "OMSPAN";
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const tail = ` (${n})`;
    const name = base.slice(0, 31 - tail.length).trimEnd() + tail;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

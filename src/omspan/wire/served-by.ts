/**
 * What the proxy says about an answer it served from its own store of OMSPAN answers (its "generation"):
 *   OMSPAN-As-Of: 2026-12-02T09:04:00Z                           when that generation was pulled
 *   Cache-Status: omspan-proxy; hit                              a current generation
 *   Cache-Status: omspan-proxy; hit; detail=stale-if-error       OMSPAN failed; the last good one
 * (`Cache-Status` is RFC 9211's: a list of caches, each with parameters.) A pull is as old as its oldest
 * page, and stale if any page was: the store then shows it exactly like an answer from a stale snapshot.
 */

/** One cache's entry of a Cache-Status header. */
export interface CacheStatusEntry {
  readonly cache: string;
  readonly hit: boolean;
  readonly detail?: string;
}

/** RFC 9211's `Cache-Status`, read leniently (unknown parameters ignored, quoted values unquoted). */
export function parseCacheStatus(value: string | null): CacheStatusEntry[] {
  if (!value) return [];
  return value.split(",").flatMap((member) => {
    const [name, ...params] = member.split(";").map((p) => p.trim());
    if (!name) return [];
    let hit = false;
    let detail: string | undefined;
    for (const p of params) {
      const eq = p.indexOf("=");
      const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
      const raw = eq < 0 ? "" : p.slice(eq + 1).trim();
      if (key === "hit") hit = eq < 0 || raw === "?1";
      if (key === "detail") detail = raw.replace(/^"(.*)"$/, "$1");
    }
    return [{ cache: name.replace(/^"(.*)"$/, "$1"), hit, ...(detail !== undefined ? { detail } : {}) }];
  });
}

/** Collects, over one pull's answers, the oldest proxy as-of and whether any page was stale. */
export class ServedBy {
  /** Answers seen. */
  answers = 0;
  stale = false;
  oldestAsOf?: Date;

  /** Notes one answer's headers. */
  note(headers: Headers): void {
    this.answers++;
    const asOf = headers.get("omspan-as-of");
    const at = asOf ? new Date(asOf) : undefined;
    if (at && !Number.isNaN(at.getTime()) && (!this.oldestAsOf || at < this.oldestAsOf)) this.oldestAsOf = at;
    if (parseCacheStatus(headers.get("cache-status")).some((e) => e.hit && /\bstale\b|stale-/.test(e.detail ?? ""))) this.stale = true;
  }
}

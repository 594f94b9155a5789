/** The two languages the product speaks, chosen from Office's display language (or a locale tag). */
export type Lang = "id" | "en";

/** `id-ID`, `id`, `in` → Indonesian; anything else → English. */
export function langFromTag(tag: string | undefined | null): Lang {
  const t = (tag ?? "").toLowerCase();
  return t.startsWith("id") || t === "in" || t.startsWith("in-") ? "id" : "en";
}

/**
 * The scopes a key can report on, read from its DIPA (OMSPAN has no organisation endpoint): every satker,
 * the Kanwil — per province of kantor-daerah satker (KEWENANGAN 2) the lowest code, which is how Kanwil
 * codes are numbered (6PP001 before its land offices 6PP1KK) — and the eselon I units. The pane offers
 * these; resolveScope turns the one chosen into rows.
 */
import { textAt, type Table } from "../columnar/table";
import { distinct } from "./scope";

export interface ScopeOptions {
  readonly satker: readonly string[];
  readonly kanwil: readonly string[];
  readonly eselon1: readonly string[];
}

export function scopeOptions(dipa: Table): ScopeOptions {
  const firstOfProvince = new Map<string, string>();
  for (let row = 0; row < dipa.rowCount; row++) {
    if (textAt(dipa, "KEWENANGAN", row) !== "2") continue;
    const province = textAt(dipa, "LOKASI", row)?.slice(0, 2);
    const code = textAt(dipa, "KDSATKER", row);
    if (!province || !code) continue;
    const known = firstOfProvince.get(province);
    if (!known || code < known) firstOfProvince.set(province, code);
  }
  return {
    satker: distinct(dipa, "KDSATKER"),
    kanwil: [...firstOfProvince.values()].sort(),
    eselon1: distinct(dipa, "BAES1"),
  };
}

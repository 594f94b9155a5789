/**
 * What each route answers, independent of HTTP: a fixed body (no-data, wrong-parameter) or a run of
 * records to stream. Realisation windows are validated here: 1-based, inclusive, at most MAX_WINDOW rows.
 */
import { matchRoute, type DatasetId, type RouteParams } from "../omspan/routes";
import type { Ministry } from "./ministry";
import { danaRecords, dipaRecords, ikpaEselon1Records, ikpaKlRecords, ikpaSatkerRecords, pnbpRecords } from "./records";
import { realisasiEncoder } from "./realisasi-wire";
import { NO_DATA_BODY, WRONG_PARAMETER_BODY, encodeRecord } from "./wire";

/** Widest Realisasi window served in one page; wider asks get the wrong-parameter body. */
export const MAX_WINDOW = 50_000;

/** A fixed body, or `count` records encoded on demand so a page is never built as one string. */
export type Answer = { kind: "fixed"; body: string } | { kind: "records"; count: number; encode: (i: number) => string };

/** A route of the DataWebService, or a known route with a malformed parameter. */
export type Route = { dataset: DatasetId; params: RouteParams } | { dataset: "wrong-parameter" };

/**
 * Resolves the path below the DataWebService base. Known datasets with a missing or malformed parameter
 * (no Realisasi window, a non-numeric row, a PNBP date that is not yyyymmdd) are wrong-parameter, as the
 * real service answers; anything else unknown is null (HTTP 404).
 */
export function resolveRoute(path: string): Route | null {
  const known = matchRoute(path);
  if (known) return known;
  if (/^RealisasiKL(\/.*)?$/.test(path)) return { dataset: "wrong-parameter" };
  if (/^DetailPNBPAllRev\/GL\/.*$/.test(path)) return { dataset: "wrong-parameter" };
  return null;
}

const fixed = (body: string): Answer => ({ kind: "fixed", body });
const NO_DATA = fixed(NO_DATA_BODY);
const WRONG_PARAMETER = fixed(WRONG_PARAMETER_BODY);

function fromRecords<T extends Record<keyof T, string>>(records: readonly T[]): Answer {
  if (records.length === 0) return NO_DATA;
  return { kind: "records", count: records.length, encode: (i) => encodeRecord(records[i]!) };
}

function realisasi(m: Ministry, params: RouteParams): Answer {
  const { from, to } = params;
  if (from === undefined || to === undefined || from < 1 || to < from || to - from + 1 > MAX_WINDOW) return WRONG_PARAMETER;
  const total = m.realisasi.length;
  if (from > total) return NO_DATA;
  const last = Math.min(to, total);
  const encode = realisasiEncoder(m);
  return { kind: "records", count: last - from + 1, encode: (i) => encode(from + i) };
}

// Whole-dataset answers are built once per ministry: a benchmark hammering DataFA must not rebuild 29,000
// records per request.
const cached = new WeakMap<Ministry, Map<string, Answer>>();

function memo(m: Ministry, id: string, build: () => Answer): Answer {
  let perMinistry = cached.get(m);
  if (!perMinistry) cached.set(m, (perMinistry = new Map()));
  let a = perMinistry.get(id);
  if (!a) perMinistry.set(id, (a = build()));
  return a;
}

/** The answer of a route for a ministry (the key's fiscal year). */
export function answer(m: Ministry, route: Route): Answer {
  switch (route.dataset) {
    case "wrong-parameter":
      return WRONG_PARAMETER;
    case "realisasi":
      return realisasi(m, route.params);
    case "dipa":
      return memo(m, route.dataset, () => fromRecords(dipaRecords(m)));
    case "dana":
      return memo(m, route.dataset, () => fromRecords(danaRecords(m)));
    case "ikpa-satker":
      return memo(m, route.dataset, () => fromRecords(ikpaSatkerRecords(m)));
    case "ikpa-eselon1":
      return memo(m, route.dataset, () => fromRecords(ikpaEselon1Records(m)));
    case "ikpa-kl":
      return memo(m, route.dataset, () => fromRecords(ikpaKlRecords(m)));
    case "pnbp": {
      const rows = pnbpRecords(m, route.params.date);
      return rows === null ? WRONG_PARAMETER : fromRecords(rows);
    }
  }
}

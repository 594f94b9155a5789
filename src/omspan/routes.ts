/**
 * The seven OMSPAN DataWebService routes and their parameter shapes: the one list that the client
 * builds requests from and the proxy server checks requests against, so nothing else can be forwarded.
 * Paths are relative to the DataWebService base (`…/spanint/data/DataWebService/`) or to the proxy's `/omspan/`.
 */

/** Dataset ids, as the CLI, the pane and the formulas name them. */
export const DATASET_IDS = [
  "dipa",
  "realisasi",
  "ikpa-kl",
  "ikpa-satker",
  "ikpa-eselon1",
  "pnbp",
  "dana",
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** Parameters a route may carry: the Realisasi row window and the PNBP insert date. */
export interface RouteParams {
  /** First row of a Realisasi window, 1-based, inclusive. */
  from?: number;
  /** Last row of a Realisasi window, inclusive. */
  to?: number;
  /** PNBP insert date as `yyyymmdd`. */
  date?: string;
}

interface RouteShape {
  readonly dataset: DatasetId;
  readonly pattern: RegExp;
  readonly parse: (m: RegExpMatchArray) => RouteParams;
}

// Anchored, ASCII-only patterns: no dots, no slashes beyond the ones shown, no encodings.
const SHAPES: readonly RouteShape[] = [
  { dataset: "dipa", pattern: /^DipaBelanjaKL\/BELANJA$/, parse: () => ({}) },
  {
    dataset: "realisasi",
    pattern: /^RealisasiKL\/([0-9]{1,9})\/([0-9]{1,9})$/,
    parse: (m) => ({ from: Number(m[1]), to: Number(m[2]) }),
  },
  { dataset: "ikpa-kl", pattern: /^CapaianIKKLRe$/, parse: () => ({}) },
  { dataset: "ikpa-satker", pattern: /^CapaianIKSatkerRe$/, parse: () => ({}) },
  { dataset: "ikpa-eselon1", pattern: /^CapaianIKEselon1Re$/, parse: () => ({}) },
  {
    dataset: "pnbp",
    pattern: /^DetailPNBPAllRev\/GL(?:\/([0-9]{8}))?$/,
    parse: (m) => (m[1] ? { date: m[1] } : {}),
  },
  { dataset: "dana", pattern: /^DataFA$/, parse: () => ({}) },
];

/** The route path (no leading slash) for a dataset and its parameters. */
export function routePath(dataset: DatasetId, params: RouteParams = {}): string {
  switch (dataset) {
    case "dipa":
      return "DipaBelanjaKL/BELANJA";
    case "realisasi":
      if (params.from === undefined || params.to === undefined) {
        throw new RangeError("Realisasi needs a row window (from, to)");
      }
      return `RealisasiKL/${params.from}/${params.to}`;
    case "ikpa-kl":
      return "CapaianIKKLRe";
    case "ikpa-satker":
      return "CapaianIKSatkerRe";
    case "ikpa-eselon1":
      return "CapaianIKEselon1Re";
    case "pnbp":
      return params.date ? `DetailPNBPAllRev/GL/${params.date}` : "DetailPNBPAllRev/GL";
    case "dana":
      return "DataFA";
  }
}

/**
 * Matches a route path (no leading slash, no query) against the seven shapes.
 * Returns null for anything else: callers must refuse it, never forward it.
 */
export function matchRoute(path: string): { dataset: DatasetId; params: RouteParams } | null {
  for (const shape of SHAPES) {
    const m = shape.pattern.exec(path);
    if (m) return { dataset: shape.dataset, params: shape.parse(m) };
  }
  return null;
}

/** The real service's DataWebService base URL. */
export const OMSPAN_PRODUCTION_BASE = "https://spanint.kemenkeu.go.id/spanint/data/DataWebService/";
/** The path under which the simulator serves the same routes. */
export const DATA_WEB_SERVICE_PATH = "/spanint/data/DataWebService/";
/** The path prefix under which the proxy server forwards the routes. */
export const PROXY_PREFIX = "/omspan/";

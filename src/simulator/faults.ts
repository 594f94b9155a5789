/**
 * Deterministic fault injection. Each request of a run draws from hash(seed, request number), so a run with
 * the same seed and the same request order meets the same faults — reliability tests can count on them.
 */
import type { FaultOptions } from "./options";
import { hash32 } from "./rng";

/** What to do to one answer. */
export type Fault =
  | { kind: "none" }
  | { kind: "error"; status: 500 | 502 | 503 }
  | { kind: "html" }
  | { kind: "drop"; cut: number }
  | { kind: "truncate"; cut: number };

const unit = (...parts: Array<string | number>) => hash32(...parts) / 4294967296;

/** Hands out the fault of each successive request. */
export class FaultPlan {
  private n = 0;

  constructor(private readonly opts: FaultOptions) {}

  /** Delay before answering. */
  get latencyMs(): number {
    return this.opts.latencyMs ?? 0;
  }

  /** The next request's fault. */
  next(): Fault {
    const n = this.n++;
    const seed = this.opts.seed ?? 0;
    const r = unit(seed, n, "fault");
    const cut = 0.2 + 0.6 * unit(seed, n, "cut");
    let edge = this.opts.errorRate ?? 0;
    if (r < edge) return { kind: "error", status: ([500, 502, 503] as const)[hash32(seed, n, "status") % 3]! };
    if (r < (edge += this.opts.htmlRate ?? 0)) return { kind: "html" };
    if (r < (edge += this.opts.dropRate ?? 0)) return { kind: "drop", cut };
    if (r < (edge += this.opts.truncateRate ?? 0)) return { kind: "truncate", cut };
    return { kind: "none" };
  }
}

/** Bodies of the 5xx answers: what a PHP backend behind a gateway really sends. */
export function errorPage(status: 500 | 502 | 503): string {
  if (status === 500) {
    return "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in <b>/var/www/spanint/application/models/DataWebService_model.php</b> on line <b>412</b><br />\n";
  }
  const title = status === 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** The HTML page answered with status 200 (a maintenance page in front of the service). */
export const HTML_200_PAGE =
  '<!DOCTYPE html>\n<html lang="id">\n<head><meta charset="utf-8"><title>OM-SPAN</title></head>\n<body>\n' +
  "<h2>Mohon maaf, layanan OM-SPAN sedang dalam pemeliharaan.</h2>\n<p>Silakan coba beberapa saat lagi.</p>\n</body>\n</html>\n";

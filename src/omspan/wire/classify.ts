/**
 * The one response classifier. Every OMSPAN answer is sorted before anything uses it: rows, no-data,
 * or one of the typed errors. OMSPAN reports "no data" and "wrong parameter" with HTTP 200, so the
 * status alone says little.
 */
import {
  BadResponseError,
  HttpStatusError,
  KeyRefusedError,
  TimeoutError,
  UnreachableError,
  WrongParameterError,
  type OmspanErrorDetail,
} from "../errors";
import type { ColumnarPage } from "./page-reader";

export type Classified = { kind: "rows"; rows: unknown[] } | { kind: "columns"; page: ColumnarPage } | { kind: "no-data" };

/** Reads a body in OMSPAN's compact form straight into columns, or declines (see page-reader.ts). */
export type BodyReader = (body: string) => ColumnarPage | undefined;

const NO_DATA_MARK = "Tidak Ada Data";

/** The reason inside OMSPAN's 401 text: `Token yang dikirimkan tidak valid (<reason>)`. */
export function refusalReason(text: string): string {
  const m = /\(([^)]{1,200})\)\s*$/.exec(text.trim());
  if (m) return m[1]!;
  const t = text.trim().slice(0, 200);
  return t === "" ? "HTTP 401" : t;
}

/** What our own proxy said in a JSON error answer: its code, `message` (English) and `pesan` (Indonesian). */
function proxySaid(text: string): { error?: string; reason?: string; alasan?: string } {
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown; pesan?: unknown };
    return {
      error: typeof j.error === "string" ? j.error : undefined,
      reason: typeof j.message === "string" ? j.message : undefined,
      alasan: typeof j.pesan === "string" ? j.pesan : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Classifies one answer; throws the typed error for every kind that is not rows or no-data. With a
 * `read`er, a page of rows in OMSPAN's compact form goes straight into columns instead of JSON.parse.
 */
export function classifyResponse(status: number, body: string, ctx: OmspanErrorDetail = {}, read?: BodyReader): Classified {
  if (status === 401) throw new KeyRefusedError(refusalReason(body), ctx);
  if (status !== 200) {
    const { error, ...said } = proxySaid(body);
    const where = ctx.url ? new URL(ctx.url).origin : "the proxy";
    // The proxy is up but OMSPAN behind it is not: the same kinds (and retries) as a direct failure.
    if (error === "upstream_unreachable" || error === "upstream_tls") throw new UnreachableError(where, undefined, said);
    if (error === "upstream_timeout") throw new TimeoutError(where, undefined, said);
    throw new HttpStatusError(status, { ...ctx, ...said });
  }
  const page = read?.(body);
  if (page) return { kind: "columns", page };
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) throw new BadResponseError("HTML page instead of data", ctx);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const reason = trimmed === "" ? "empty body" : "truncated or malformed JSON";
    throw new BadResponseError(reason, ctx, e);
  }
  return classifyJson(json, ctx);
}

/** Classifies an already parsed body. */
export function classifyJson(json: unknown, ctx: OmspanErrorDetail = {}): Classified {
  if (Array.isArray(json)) {
    if (json.length === 0) return { kind: "no-data" };
    // The web UI's table format — an array of rows of cells — is how OMSPAN says "wrong parameter".
    if (Array.isArray(json[0])) throw new WrongParameterError(ctx);
    return { kind: "rows", rows: json };
  }
  if (json && typeof json === "object") {
    const o = json as Record<string, unknown>;
    const inner = o.body as Record<string, unknown> | undefined;
    if (inner && typeof inner === "object" && !Array.isArray(inner) && typeof inner.value === "string") {
      if (inner.value.includes(NO_DATA_MARK)) return { kind: "no-data" };
    }
    if (Array.isArray(o.header) && Array.isArray(o.body)) return headerBodyRows(o.header, o.body, ctx);
  }
  throw new BadResponseError("unexpected JSON shape", ctx);
}

/**
 * PNBP's `{ "header": [...], "body": [...] }` table: header cells are names (strings or `{value}`),
 * body rows are arrays of cells or already objects.
 */
function headerBodyRows(header: unknown[], body: unknown[], ctx: OmspanErrorDetail): Classified {
  if (body.length === 0) return { kind: "no-data" };
  const names = header.map((h) =>
    typeof h === "string" ? h : h && typeof h === "object" ? String((h as { value?: unknown }).value ?? "") : "",
  );
  const rows = body.map((r) => {
    if (!Array.isArray(r)) return r;
    if (r.length !== names.length) throw new BadResponseError("table row width differs from its header", ctx);
    const rec: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const cell = r[i];
      rec[n] = cell && typeof cell === "object" && "value" in cell ? (cell as { value: unknown }).value : cell;
    });
    return rec;
  });
  return { kind: "rows", rows };
}

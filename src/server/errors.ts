/**
 * Every answer the server itself makes when it refuses or fails: one JSON shape,
 * `{ error, message, pesan }`, so the add-in can show English or Indonesian, and one function
 * (`toErrorAnswer`) that maps any thrown thing — ours, fastify's, reply-from's, undici's — to it.
 * Upstream answers (401, the no-data body, …) are not errors here: they pass through unchanged.
 */

/** The codes the server answers with, their status and their two messages. */
export const ERRORS = {
  bad_path: [400, "The request path is not allowed (encoded, dot or empty segments, or odd characters).", "Alamat permintaan tidak diizinkan (ada penyandian, segmen titik atau kosong, atau karakter tidak lazim)."],
  bad_request: [400, "The request is malformed.", "Permintaan tidak valid."],
  query_not_allowed: [400, "OMSPAN routes take no query string.", "Rute OMSPAN tidak menerima query string."],
  origin_not_allowed: [403, "This origin may not call the OMSPAN proxy.", "Origin ini tidak diizinkan memanggil proksi OMSPAN."],
  not_found: [404, "Not found: only the add-in files, /health and the known OMSPAN routes are served.", "Tidak ditemukan: hanya berkas add-in, /health dan rute OMSPAN yang dikenal yang dilayani."],
  method_not_allowed: [405, "Only GET (and OPTIONS for CORS preflight) is allowed.", "Hanya GET (dan OPTIONS untuk preflight CORS) yang diizinkan."],
  payload_too_large: [413, "The request body is too large.", "Isi permintaan terlalu besar."],
  rate_limited: [429, "Too many requests from this client; wait and retry.", "Terlalu banyak permintaan dari klien ini; tunggu lalu coba lagi."],
  header_too_large: [431, "The request headers are too large.", "Header permintaan terlalu besar."],
  internal: [500, "The server failed unexpectedly.", "Server gagal secara tak terduga."],
  upstream_unreachable: [502, "OMSPAN could not be reached (connection refused, reset or name not found).", "OMSPAN tidak dapat dihubungi (koneksi ditolak, terputus, atau nama tidak ditemukan)."],
  upstream_tls: [502, "OMSPAN's TLS certificate could not be verified.", "Sertifikat TLS OMSPAN tidak dapat diverifikasi."],
  upstream_bad_answer: [502, "OMSPAN sent an answer the proxy cannot pass on.", "OMSPAN mengirim jawaban yang tidak dapat diteruskan proksi."],
  busy: [503, "The proxy is at its limit of concurrent OMSPAN requests; retry after the indicated delay.", "Proksi sedang mencapai batas permintaan serentak ke OMSPAN; coba lagi setelah jeda yang ditunjukkan."],
  upstream_timeout: [504, "OMSPAN did not answer in time.", "OMSPAN tidak menjawab tepat waktu."],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error answer the server makes. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  pesan: string;
}

/** An HTTP answer to send for an error. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

/** A refusal or failure decided by the server; `retryAfterSeconds` becomes `Retry-After`. */
export class ServerError extends Error {
  override readonly name = "ServerError";
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(ERRORS[code][1], options);
    this.statusCode = ERRORS[code][0];
  }
}

/** Builds the answer for a code. */
export function errorAnswer(code: ErrorCode, retryAfterSeconds?: number): ErrorAnswer {
  const [status, message, pesan] = ERRORS[code];
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return { status, headers, body: { error: code, message, pesan } };
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  cause?: unknown;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|HOSTNAME|ERR_SSL/;

/** The first `code` found along an error's `cause` chain (undici wraps the socket error). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    const c = (e as ErrorLike).code;
    if (typeof c === "string") codes.push(c);
    e = (e as ErrorLike).cause;
  }
  return codes;
}

/**
 * The one mapping from anything thrown to an HTTP answer. Never leaks an internal message: unknown
 * failures become `internal`, client-side 4xx from fastify keep their status class.
 */
export function toErrorAnswer(err: unknown): ErrorAnswer {
  if (err instanceof ServerError || (err as ErrorLike)?.name === "ServerError") {
    const e = err as ServerError;
    return errorAnswer(e.code, e.retryAfterSeconds);
  }
  const codes = codesOf(err);
  const has = (re: RegExp) => codes.some((c) => re.test(c));
  // reply-from / undici failures talking to the upstream.
  if (has(TLS_CODES)) return errorAnswer("upstream_tls");
  if (has(/TIMEOUT|ETIMEDOUT|^FST_REPLY_FROM_(GATEWAY_TIMEOUT|CONNECT_TIMEOUT)/)) return errorAnswer("upstream_timeout");
  if (has(/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|FST_REPLY_FROM_(SERVICE_UNAVAILABLE|INTERNAL_SERVER_ERROR)/)) {
    return errorAnswer("upstream_unreachable");
  }
  // A bad gateway, or an encoded body that does not decode (zlib's Z_ codes, brotli's ERR__ ones).
  if (has(/FST_REPLY_FROM_BAD_GATEWAY|^Z_|BROTLI|^ERR__/)) return errorAnswer("upstream_bad_answer");
  // Fastify's own client errors (body too large, bad content type, bad URL…).
  const status = Number((err as ErrorLike)?.statusCode);
  if (status === 413 || has(/FST_ERR_CTP_BODY_TOO_LARGE/)) return errorAnswer("payload_too_large");
  // @fastify/static refuses directories and dotfiles with 403: answer as for any missing file.
  if (status === 404 || status === 403) return errorAnswer("not_found");
  if (status === 405) return errorAnswer("method_not_allowed");
  if (status === 429) return errorAnswer("rate_limited");
  if (status >= 400 && status < 500) return errorAnswer("bad_request");
  return errorAnswer("internal");
}

/**
 * The core's error family. Every failure a user can meet has its own class with a stable `code`, so each
 * edge (cell, HTTP answer, exit code, message bar) maps errors in one place. Guards check `name` as well as
 * `instanceof`, because an Office dialog is another frame where `instanceof` fails.
 */

/** Stable codes: the key into the message catalogue (`messages.ts`) and the CLI's exit codes. */
export type OmspanErrorCode =
  | "invalid-key"
  | "key-refused"
  | "wrong-parameter"
  | "no-data"
  | "http-status"
  | "bad-response"
  | "bad-data"
  | "too-large"
  | "repeated-rows"
  | "unreachable"
  | "timeout"
  | "cancelled"
  | "invalid-argument"
  | "division-by-zero"
  | "not-connected"
  | "frozen"
  | "pinned-missing"
  | "cannot-freeze"
  | "failure";

/** Context a caller may need to explain or act on the failure. Never holds the key. */
export interface OmspanErrorDetail {
  dataset?: string;
  url?: string;
  status?: number;
  row?: number;
  field?: string;
  value?: string;
  reason?: string;
  /** Indonesian wording of `reason`, where the reason is ours rather than OMSPAN's. */
  alasan?: string;
  argument?: string;
  /** An as-of the message names (ISO-8601): a frozen workbook's pinned data. */
  asOf?: string;
}

export class OmspanError extends Error {
  override readonly name: string = "OmspanError";
  constructor(
    readonly code: OmspanErrorCode,
    message: string,
    readonly detail: OmspanErrorDetail = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The string is not a JWT: refused before any request is made. */
export class InvalidKeyError extends OmspanError {
  override readonly name = "InvalidKeyError";
  constructor(reason: { en: string; id: string }) {
    super("invalid-key", `The API key is not a valid OMSPAN key (${reason.en})`, { reason: reason.en, alasan: reason.id });
  }
}

/** OMSPAN answered 401: the key was refused. `reason` is the text inside OMSPAN's parentheses. */
export class KeyRefusedError extends OmspanError {
  override readonly name = "KeyRefusedError";
  constructor(reason: string, detail: OmspanErrorDetail = {}) {
    super("key-refused", `OMSPAN refused the API key (${reason})`, { ...detail, reason, status: 401 });
  }
}

/** OMSPAN's "Harap isi filter atau parameter terlebih dahulu" table: a request OMSPAN would not answer. */
export class WrongParameterError extends OmspanError {
  override readonly name = "WrongParameterError";
  constructor(detail: OmspanErrorDetail = {}) {
    super("wrong-parameter", "OMSPAN refused the request parameters", detail);
  }
}

/** A single record was asked for and none exists (a sum over nothing is 0, not this error). */
export class NoDataError extends OmspanError {
  override readonly name = "NoDataError";
  constructor(detail: OmspanErrorDetail = {}) {
    super("no-data", "OMSPAN has no data for this request", detail);
  }
}

/** Any other HTTP status (5xx, 404, the proxy's own 502/503/504). */
export class HttpStatusError extends OmspanError {
  override readonly name = "HttpStatusError";
  constructor(status: number, detail: OmspanErrorDetail = {}) {
    super("http-status", `OMSPAN answered HTTP ${status}`, { ...detail, status });
  }
}

/** A body that is not the JSON OMSPAN sends: an HTML error page, a truncated answer. */
export class BadResponseError extends OmspanError {
  override readonly name = "BadResponseError";
  constructor(reason: string, detail: OmspanErrorDetail = {}, cause?: unknown) {
    super("bad-response", `OMSPAN sent an unreadable answer (${reason})`, { ...detail, reason }, { cause });
  }
}

/** The answer parsed but a record has the wrong shape or a malformed value. */
export class BadDataError extends OmspanError {
  override readonly name = "BadDataError";
  constructor(detail: OmspanErrorDetail & { dataset: string; field: string }) {
    const where = detail.row !== undefined ? `row ${detail.row}, ` : "";
    const value = detail.value !== undefined ? ` "${detail.value.slice(0, 40)}"` : " (missing)";
    super("bad-data", `${detail.dataset}: ${where}field ${detail.field} has a bad value${value}`, detail);
  }
}

/** The proxy or OMSPAN could not be reached. `said` is the proxy's own account, when it is the proxy that could not reach OMSPAN. */
export class UnreachableError extends OmspanError {
  override readonly name = "UnreachableError";
  constructor(url: string, cause?: unknown, said?: { reason?: string; alasan?: string }) {
    super("unreachable", `Cannot reach ${url}${said?.reason ? ` (${said.reason})` : ""}`, { url, ...said }, { cause });
  }
}

/**
 * One answer is larger than a client may take (decoded bytes, whatever the encoding on the wire): a
 * broken or hostile upstream, never data worth waiting for. Not retried: the same request gets the same.
 */
export class AnswerTooLargeError extends OmspanError {
  override readonly name = "AnswerTooLargeError";
  constructor(url: string, limitBytes: number) {
    const mb = Math.round((limitBytes / (1024 * 1024)) * 10) / 10;
    const reason = `more than ${mb} MB`;
    super("too-large", `The answer from ${url} is too large (${reason})`, { url, reason, alasan: `lebih dari ${mb} MB` });
  }
}

/**
 * A paged pull stopped because OMSPAN answered a later window with rows it had already sent (or more
 * windows than any dataset has rows for): paging on would never end.
 */
export class RepeatedRowsError extends OmspanError {
  override readonly name = "RepeatedRowsError";
  constructor(detail: OmspanErrorDetail & { dataset: string; row: number }) {
    super("repeated-rows", `OMSPAN keeps answering the same rows (${detail.dataset}, window from row ${detail.row})`, detail);
  }
}

export class TimeoutError extends OmspanError {
  override readonly name = "TimeoutError";
  constructor(url: string, ms?: number, said?: { reason?: string; alasan?: string }) {
    const reason = said?.reason ?? `${ms} ms`;
    super("timeout", `No answer from ${url} in time (${reason})`, { url, reason, alasan: said?.alasan });
  }
}

export class CancelledError extends OmspanError {
  override readonly name = "CancelledError";
  constructor() {
    super("cancelled", "The request was cancelled");
  }
}

/** A formula or CLI argument the core cannot use. */
export class InvalidArgumentError extends OmspanError {
  override readonly name = "InvalidArgumentError";
  constructor(argument: string, reason: { en: string; id: string }, value?: string) {
    super("invalid-argument", `Argument ${argument}: ${reason.en}`, {
      argument,
      reason: reason.en,
      alasan: reason.id,
      value,
    });
  }
}

/** A ratio whose denominator is zero (PENYERAPAN of a pagu of 0): Excel's #DIV/0!. */
export class DivisionByZeroError extends OmspanError {
  override readonly name = "DivisionByZeroError";
  constructor(reason: { en: string; id: string }) {
    super("division-by-zero", `Division by zero: ${reason.en}`, { reason: reason.en, alasan: reason.id });
  }
}

export class NotConnectedError extends OmspanError {
  override readonly name = "NotConnectedError";
  constructor() {
    super("not-connected", "Not connected to OMSPAN: enter the API key in the OMSPAN pane");
  }
}

/**
 * The workbook is frozen (pinned to the snapshots it showed): a refresh is refused, and so is a pull of
 * a dataset the pin does not hold. The message says how to unfreeze. `asOf`: the pinned data's time.
 */
export class FrozenError extends OmspanError {
  override readonly name = "FrozenError";
  constructor(detail: { asOf?: string; dataset?: string } = {}) {
    super("frozen", `This workbook is frozen${detail.asOf ? ` to the data pulled ${detail.asOf}` : ""}: unfreeze it in the OMSPAN pane to pull`, detail);
  }
}

/** A frozen workbook's pinned snapshot is not on this computer (or not readable for this key): never a quiet pull. */
export class PinnedSnapshotMissingError extends OmspanError {
  override readonly name = "PinnedSnapshotMissingError";
  constructor(detail: { dataset: string; asOf: string }) {
    super("pinned-missing", `The frozen ${detail.dataset} data pulled ${detail.asOf} is not on this computer`, detail);
  }
}

/** Freeze could not pin what the cells show (nothing pulled yet, or a snapshot could not be kept). */
export class CannotFreezeError extends OmspanError {
  override readonly name = "CannotFreezeError";
  constructor(reason: { en: string; id: string }, detail: { dataset?: string } = {}) {
    super("cannot-freeze", `Cannot freeze: ${reason.en}`, { ...detail, reason: reason.en, alasan: reason.id });
  }
}

/** Anything else that went wrong (a bug, the host's storage failing): its own message is kept. */
export class UnexpectedError extends OmspanError {
  override readonly name = "UnexpectedError";
  constructor(cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    super("failure", text, { reason: text }, { cause });
  }
}

/** True for any error of the family, across frames. */
export function isOmspanError(e: unknown): e is OmspanError {
  return (
    e instanceof OmspanError ||
    (typeof e === "object" && e !== null && typeof (e as OmspanError).code === "string" && "detail" in e)
  );
}

/**
 * Exact bytes of OMSPAN's fixed answers, and the JSON encoder for records. The backend is PHP: records are
 * encoded like `json_encode` with default flags — compact, and "/" escaped as "\/" — so a client that
 * string-matches instead of parsing JSON breaks here exactly as it would against the real service.
 */

/** HTTP 200 body when a query has no rows. */
export const NO_DATA_BODY = '{"body":{"value":"Tidak Ada Data (no data found)"}}';

/** HTTP 200 body when a parameter is missing or malformed (the web UI's table-cell format). */
export const WRONG_PARAMETER_BODY =
  '[[{"colspan":26,"classes":"bold align-center","value":"Harap isi filter atau parameter terlebih dahulu"}]]';

/** HTTP 401 text/plain body for a refused key; `reason` as the PHP JWT library words it. */
export function unauthorizedBody(reason: string): string {
  return `Token yang dikirimkan tidak valid (${reason})`;
}

/** The reason OMSPAN gives when the signature does not match its secret. */
export const SIGNATURE_FAILED = "Signature verification failed";

/** JSON string literal as PHP's json_encode writes it (slashes escaped, non-ASCII as \uXXXX). */
export function phpString(value: string): string {
  // Codes and amounts are plain ASCII: skip the escaping work for them.
  if (!/[^\x20\x21\x23-\x2e\x30-\x5b\x5d-\x7e]/.test(value)) return `"${value}"`;
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One flat record, keys in insertion order, every value a string. */
export function encodeRecord<T extends Record<keyof T, string>>(record: T): string {
  let out = "{";
  let first = true;
  for (const key of Object.keys(record) as Array<keyof T & string>) {
    out += `${first ? "" : ","}"${key}":${phpString(record[key])}`;
    first = false;
  }
  return `${out}}`;
}

/** Content types of the three kinds of answer. */
export const JSON_TYPE = "application/json";
export const TEXT_TYPE = "text/plain; charset=UTF-8";
export const HTML_TYPE = "text/html; charset=UTF-8";

/**
 * Checks the raw request target before anything routes, serves or forwards it. The rule is to refuse
 * rather than normalise: a path that would need decoding, dot-segment removal or slash merging to mean
 * something is an attack or a bug, never a real add-in or OMSPAN request. So instead of decoding and
 * then checking (where double encoding, overlong UTF-8 and backslashes slip through), only a small
 * plain-ASCII alphabet is accepted at all.
 */
import { matchRoute, PROXY_PREFIX, type DatasetId, type RouteParams } from "../omspan/routes";
import { ServerError } from "./errors";

/** Longest raw request target accepted. */
export const MAX_TARGET_LENGTH = 2048;

// Letters, digits, `/`, `_`, `.`, `-`: enough for every add-in file and every OMSPAN route. No `%`
// (so no encoding of any depth), no `\`, no `:` (no scheme), no control or non-ASCII bytes.
const PATH_ALPHABET = /^[A-Za-z0-9/_.-]+$/;
// Query strings reach static files only (Office appends `?_host_Info=…` to the task pane URL), so a
// printable-ASCII check is enough there; they are never forwarded.
const QUERY_ALPHABET = /^[\x21-\x7e]*$/;

/** What a checked request target turned out to be. */
export type Target =
  | { kind: "proxy"; route: string; dataset: DatasetId; params: RouteParams }
  | { kind: "other"; path: string };

/**
 * Checks a raw request target (`req.url` as received).
 * @throws ServerError `bad_path`, `query_not_allowed` or `not_found` (an unknown OMSPAN route).
 */
export function checkTarget(rawUrl: string): Target {
  if (rawUrl.length > MAX_TARGET_LENGTH) throw new ServerError("bad_path");
  const q = rawUrl.indexOf("?");
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? null : rawUrl.slice(q + 1);

  // Origin-form only: an absolute URL (`http://host/…`) or `//host/…` is refused here.
  if (!path.startsWith("/") || !PATH_ALPHABET.test(path) || path.includes("//")) {
    throw new ServerError("bad_path");
  }
  const segments = path.slice(1).split("/");
  if (segments.some((s) => s === "." || s === "..")) throw new ServerError("bad_path");
  if (query !== null && !QUERY_ALPHABET.test(query)) throw new ServerError("bad_path");

  if (!path.startsWith(PROXY_PREFIX)) return { kind: "other", path };
  if (query !== null) throw new ServerError("query_not_allowed");
  const route = path.slice(PROXY_PREFIX.length);
  const match = matchRoute(route);
  if (!match) throw new ServerError("not_found");
  return { kind: "proxy", route, dataset: match.dataset, params: match.params };
}

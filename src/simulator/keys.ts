/**
 * OMSPAN API keys: HS256 JWTs with the spec's claim set and no `exp` (a key serves one fiscal year).
 * Verification mimics the PHP JWT library behind the real service: structural problems are named
 * ("Wrong number of segments", "Invalid header encoding" …) before the signature is checked.
 */
import { SignJWT, errors, jwtVerify } from "jose";
import { simulatorToday } from "./calendar";
import { SIGNATURE_FAILED } from "./wire";

/** The secret used when none is configured: a development string, deliberately not a JWT. */
export const DEV_SECRET = "omspan-simulator-development-secret";

/** The spec's claims, in the spec's order. */
export interface KeyClaims {
  usr: string;
  uid: string;
  rol: string;
  kds: string;
  kdb: string;
  /** Fiscal year the key serves, e.g. "2026". */
  kdt: string;
  iat: number;
  nbf: number;
  kid: string;
}

/** Options of {@link mintKey}; everything defaults to the spec's seed key, year to the current one. */
export interface MintOptions {
  year?: number;
  usr?: string;
  uid?: string;
  rol?: string;
  kds?: string;
  kdb?: string;
  kid?: string;
  /** Issued-at, seconds since the epoch (default now); nbf is always iat − 600 as in the seed key. */
  iat?: number;
}

/** Outcome of checking an Authorization header. */
export type KeyCheck = { ok: true; claims: Partial<KeyClaims> } | { ok: false; reason: string };

const encoder = new TextEncoder();

/** Mints an HS256 key with the spec's header and claim set, signed with `secret`. */
export async function mintKey(secret: string, opts: MintOptions = {}): Promise<string> {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  const claims: KeyClaims = {
    usr: opts.usr ?? "Webservice ATR/BPN",
    uid: opts.uid ?? "BPN",
    rol: opts.rol ?? "webservice",
    kds: opts.kds ?? "WSTES1",
    kdb: opts.kdb ?? "",
    kdt: String(opts.year ?? Number(simulatorToday().slice(0, 4))),
    iat,
    nbf: iat - 600,
    kid: opts.kid ?? "2161",
  };
  return new SignJWT({ ...claims }).setProtectedHeader({ typ: "JWT", alg: "HS256" }).sign(encoder.encode(secret));
}

function decodeJson(segment: string): unknown {
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(segment)) return null;
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks an Authorization header value against the secret; the reason is what goes in the 401 text. */
export async function checkAuthorization(header: string | undefined, secret: string): Promise<KeyCheck> {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return { ok: false, reason: header ? "Wrong authorization scheme" : "Token not found" };
  const token = m[1]!;
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "Wrong number of segments" };
  const header0 = decodeJson(parts[0]!);
  if (!isObject(header0)) return { ok: false, reason: "Invalid header encoding" };
  if (!isObject(decodeJson(parts[1]!))) return { ok: false, reason: "Invalid claims encoding" };
  if (!header0.alg) return { ok: false, reason: "Empty algorithm" };
  if (header0.alg !== "HS256") return { ok: false, reason: "Algorithm not allowed" };
  if (!/^[A-Za-z0-9_-]+$/.test(parts[2]!)) return { ok: false, reason: "Invalid signature encoding" };
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ["HS256"] });
    return { ok: true, claims: payload as Partial<KeyClaims> };
  } catch (e) {
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === "nbf") {
      const nbf = Number((e.payload as { nbf?: unknown }).nbf);
      return { ok: false, reason: `Cannot handle token prior to ${new Date(nbf * 1000).toISOString().slice(0, 19)}+0000` };
    }
    if (e instanceof errors.JWTExpired) return { ok: false, reason: "Expired token" };
    return { ok: false, reason: SIGNATURE_FAILED };
  }
}

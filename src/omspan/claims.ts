/**
 * Reading an OMSPAN API key (a JWT, HS256) without verifying it: only OMSPAN can verify. The claims tell
 * the user who the key belongs to and which fiscal year (`kdt`) it serves; a string that is not a JWT
 * is refused here, before any request carries it anywhere.
 */
import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { InvalidKeyError } from "./errors";

/** The claim set of the spec's table. Unknown claims are kept. */
export const KeyClaimsSchema = z.looseObject({
  usr: z.string(),
  uid: z.string(),
  rol: z.string(),
  kds: z.string(),
  kdb: z.string().default(""),
  kdt: z.union([z.string(), z.number()]).transform((v) => String(v)),
  iat: z.number(),
  nbf: z.number().optional(),
  kid: z.union([z.string(), z.number()]).transform((v) => String(v)).optional(),
});
export type RawKeyClaims = z.output<typeof KeyClaimsSchema>;

/** Decoded claims plus the issue time as a Date. `kdt` is the fiscal year as text ("2026"). */
export type KeyClaims = RawKeyClaims & { issuedAt: Date };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Trims what copy-paste adds around a key: whitespace, quotes, a leading "Bearer ". */
export function normaliseKey(input: string): string {
  return input
    .trim()
    .replace(/^bearer\s+/i, "")
    .replace(/^["']|["']$/g, "")
    .trim();
}

/** Decodes the key's claims; throws InvalidKeyError with a specific reason when it is not an OMSPAN key. */
export function decodeClaims(key: string): KeyClaims {
  const token = normaliseKey(key);
  if (token === "") throw new InvalidKeyError({ en: "empty", id: "kosong" });
  const segments = token.split(".").length;
  if (segments !== 3) throw new InvalidKeyError({ en: `${segments} segments, expected 3`, id: `${segments} bagian, seharusnya 3` });
  if (!JWT_SHAPE.test(token)) throw new InvalidKeyError({ en: "characters outside base64url", id: "ada karakter di luar base64url" });
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch (e) {
    throw Object.assign(new InvalidKeyError({ en: "not a readable JWT", id: "bukan JWT yang terbaca" }), { cause: e });
  }
  if (header.alg !== "HS256") throw new InvalidKeyError({ en: `algorithm ${String(header.alg)}, expected HS256`, id: `algoritme ${String(header.alg)}, seharusnya HS256` });
  const parsed = KeyClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "claims";
    throw new InvalidKeyError({ en: `claim ${field} missing or malformed`, id: `klaim ${field} tidak ada atau rusak` });
  }
  return { ...parsed.data, issuedAt: new Date(parsed.data.iat * 1000) };
}

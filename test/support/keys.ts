/** Test keys are minted at run time (a committed JWT would look like a leaked credential). */
import { SignJWT } from "jose";
import { randomBytes } from "node:crypto";

export async function mintTestKey(opts: { year?: number; secret?: string } = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode(opts.secret ?? randomBytes(32).toString("hex"));
  return new SignJWT({
    usr: "Webservice ATR/BPN",
    uid: "BPN",
    rol: "webservice",
    kds: "WSTES1",
    kdb: "",
    kdt: String(opts.year ?? 2026),
    iat,
    nbf: iat - 600,
    kid: "2161",
  })
    .setProtectedHeader({ typ: "JWT", alg: "HS256" })
    .sign(secret);
}

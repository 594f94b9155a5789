/**
 * A localhost HTTPS certificate for development without sudo. office-addin-dev-certs installs its CA
 * into the system store with sudo, which `npm start` must never need; so we only *read* the files it
 * generated (~/.office-addin-dev-certs) when they exist and are still valid, and otherwise generate a
 * CA and a localhost certificate with `selfsigned` and cache them in `<repo>/.omspan/certs` (gitignored).
 * To get a trusted padlock, import that directory's ca.crt into the browser or system store once.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** TLS material for `https.createServer`. */
export interface DevHttpsOptions {
  key: string;
  cert: string;
  ca?: string;
}

/** Where office-addin-dev-certs keeps its generated files. */
export const OFFICE_CERT_DIR = join(homedir(), ".office-addin-dev-certs");
/** Where ours are cached when office-addin-dev-certs has none. */
export const OWN_CERT_DIR = resolve(__dirname, "..", "..", ".omspan", "certs");

const DAY_MS = 86_400_000;

/** Reads `localhost.crt`, `localhost.key` (and `ca.crt`) from a directory if they cover today + a day. */
function readPair(dir: string): DevHttpsOptions | undefined {
  const certPath = join(dir, "localhost.crt");
  const keyPath = join(dir, "localhost.key");
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  try {
    const cert = readFileSync(certPath, "utf8");
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) < Date.now() + DAY_MS || !x509.checkHost("localhost")) return undefined;
    const caPath = join(dir, "ca.crt");
    const ca = existsSync(caPath) ? readFileSync(caPath, "utf8") : undefined;
    return { key: readFileSync(keyPath, "utf8"), cert, ca };
  } catch {
    return undefined; // unreadable or not PEM: make our own rather than fail the start
  }
}

/** Generates a CA and a localhost certificate it signs, valid for localhost, 127.0.0.1 and ::1. */
async function generatePair(): Promise<DevHttpsOptions> {
  // Loaded only here: selfsigned and the X.509 libraries under it add ~9 MB of resident memory to
  // every server process that imports them, and only a first development start ever needs them.
  // (`require`, not `import()`: jest runs this file as CommonJS without ESM support.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generate } = require("selfsigned") as typeof import("selfsigned");
  const now = new Date();
  const ca = await generate([{ name: "commonName", value: "OMSPAN for Excel development CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 825 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: now,
    // Browsers refuse leaf certificates valid for more than 398 days.
    notAfterDate: new Date(now.getTime() + 397 * DAY_MS),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { key: leaf.private, cert: leaf.cert, ca: ca.cert };
}

/**
 * The development HTTPS key and certificate: office-addin-dev-certs' files if usable, else our cached
 * pair in `certDir`, else a freshly generated one (written to `certDir` for the next start).
 */
export async function devHttpsOptions(certDir: string = OWN_CERT_DIR): Promise<DevHttpsOptions> {
  const existing = readPair(OFFICE_CERT_DIR) ?? readPair(certDir);
  if (existing) return existing;
  const pair = await generatePair();
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(certDir, "localhost.key"), pair.key, { mode: 0o600 });
  writeFileSync(join(certDir, "localhost.crt"), pair.cert);
  if (pair.ca) writeFileSync(join(certDir, "ca.crt"), pair.ca);
  return pair;
}

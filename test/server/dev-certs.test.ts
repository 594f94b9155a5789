/**
 * The development certificate: generated with selfsigned into a cache dir (no sudo, no installer),
 * valid for localhost and 127.0.0.1, chained to the CA written beside it, reused on the next call.
 */
import "./support"; // first: stubs the ESM-only content-disposition for jest (see there)
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFICE_CERT_DIR, devHttpsOptions } from "../../src/server/dev-certs";
import { parseServerConfig } from "../../src/server/config";
import { startServer } from "../../src/server/index";

const officeFiles = existsSync(join(OFFICE_CERT_DIR, "localhost.crt"));

test("a pair for localhost and 127.0.0.1, signed by the cached CA, reused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "omspan-certs-"));
  const first = await devHttpsOptions(dir);
  const cert = new X509Certificate(first.cert);
  expect(cert.checkHost("localhost")).toBe("localhost");
  expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
  expect(first.ca).toBeDefined();
  expect(cert.verify(new X509Certificate(first.ca!).publicKey)).toBe(true);
  if (!officeFiles) {
    expect(readFileSync(join(dir, "localhost.crt"), "utf8")).toBe(first.cert);
    expect((await devHttpsOptions(dir)).cert).toBe(first.cert);
  }
}, 60_000);

test("the server speaks https with it, and a client trusting the CA connects", async () => {
  const dir = mkdtempSync(join(tmpdir(), "omspan-certs-"));
  const tls = await devHttpsOptions(dir);
  const config = parseServerConfig({ port: 0, host: "127.0.0.1", staticDir: "/nonexistent-omspan-static", logLevel: "silent" });
  const server = await startServer(config, { https: tls });
  try {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${server.url}/health`, { ca: tls.ca }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    expect(JSON.parse(body).status).toBe("ok");
  } finally {
    await server.close();
  }
}, 60_000);

/** Settings from OMSPAN_* variables: defaults, parsing, and errors that name the variable. */
import { ConfigError, loadServerConfig } from "../../src/server/config";
import { OMSPAN_PRODUCTION_BASE } from "../../src/omspan/routes";

test("defaults", () => {
  const c = loadServerConfig({});
  expect(c).toMatchObject({
    upstream: OMSPAN_PRODUCTION_BASE,
    port: 3000,
    host: "localhost",
    staticDir: "dist",
    allowedOrigins: [],
    plainHttp: false,
    cacheTtlMs: 0,
    trustProxy: false,
  });
  expect(c.tlsCert).toBeUndefined();
});

test("values are read and converted", () => {
  const c = loadServerConfig({
    OMSPAN_UPSTREAM: "http://127.0.0.1:4000/spanint/data/DataWebService",
    OMSPAN_PORT: "0",
    OMSPAN_ALLOWED_ORIGINS: "https://a.example, https://b.example:8443",
    OMSPAN_PLAIN_HTTP: "yes",
    OMSPAN_CACHE_TTL_MS: "30000",
    OMSPAN_TRUST_PROXY: "1",
    OMSPAN_TLS_CERT: "",
  });
  expect(c.upstream).toBe("http://127.0.0.1:4000/spanint/data/DataWebService/");
  expect(c.port).toBe(0);
  expect(c.allowedOrigins).toEqual(["https://a.example", "https://b.example:8443"]);
  expect(c.plainHttp).toBe(true);
  expect(c.cacheTtlMs).toBe(30000);
  expect(c.trustProxy).toBe(true);
});

test.each([
  ["OMSPAN_PORT", "http"],
  ["OMSPAN_PORT", "70000"],
  ["OMSPAN_UPSTREAM", "not a url"],
  ["OMSPAN_UPSTREAM", "ftp://host/x/"],
  ["OMSPAN_UPSTREAM", "https://user:pw@host/x/"],
  ["OMSPAN_UPSTREAM", "https://host/x/?a=1"],
  ["OMSPAN_ALLOWED_ORIGINS", "https://a.example/path"],
  ["OMSPAN_ALLOWED_ORIGINS", "*"],
  ["OMSPAN_PLAIN_HTTP", "maybe"],
  ["OMSPAN_MAX_CONCURRENT", "0"],
  ["OMSPAN_TIMEOUT_MS", "1.5"],
  ["OMSPAN_LOG_LEVEL", "loud"],
])("%s=%s is refused with a message naming it", (name, value) => {
  expect(() => loadServerConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadServerConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
});

test("TLS files come in pairs", () => {
  expect(() => loadServerConfig({ OMSPAN_TLS_KEY: "/k.pem" })).toThrow(/OMSPAN_TLS_CERT/);
  expect(loadServerConfig({ OMSPAN_TLS_KEY: "/k.pem", OMSPAN_TLS_CERT: "/c.pem" }).tlsKey).toBe("/k.pem");
});

test("Redis needs the cache secret, named in a clear message; the shared settings are read", () => {
  expect(() => loadServerConfig({ OMSPAN_REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/^OMSPAN_CACHE_SECRET: required with OMSPAN_REDIS_URL/);
  expect(() => loadServerConfig({ OMSPAN_REDIS_URL: "redis://h", OMSPAN_CACHE_SECRET: "short" })).toThrow(/^OMSPAN_CACHE_SECRET: must be at least 32/);
  expect(() => loadServerConfig({ OMSPAN_REDIS_URL: "http://h" })).toThrow(/^OMSPAN_REDIS_URL: /);
  const c = loadServerConfig({
    OMSPAN_REDIS_URL: "rediss://user:pw@redis.internal:6380", OMSPAN_CACHE_SECRET: "x".repeat(32), OMSPAN_REDIS_PREFIX: "kanwil:",
    OMSPAN_REFRESH_MIN_INTERVAL_MS: "30000", OMSPAN_UPSTREAM_MAX_CONCURRENT: "4",
  });
  expect(c).toMatchObject({ redisPrefix: "kanwil:", refreshMinIntervalMs: 30000, upstreamMaxConcurrent: 4, staleMaxAgeMs: 86_400_000 });
});

/** The request-target check on its own: the allowlist's shapes pass, everything odd is refused. */
import { checkTarget } from "../../src/server/path-guard";

test.each([
  ["/omspan/RealisasiKL/1/5000", "realisasi", { from: 1, to: 5000 }],
  ["/omspan/DipaBelanjaKL/BELANJA", "dipa", {}],
  ["/omspan/DetailPNBPAllRev/GL/20240131", "pnbp", { date: "20240131" }],
  ["/omspan/DataFA", "dana", {}],
])("%s is a proxy route", (url, dataset, params) => {
  expect(checkTarget(url)).toEqual({ kind: "proxy", route: url.slice("/omspan/".length), dataset, params });
});

test("static paths and their queries pass as 'other'", () => {
  expect(checkTarget("/taskpane.html?_host_Info=Excel$Web$16.01$en-US")).toEqual({ kind: "other", path: "/taskpane.html" });
  expect(checkTarget("/assets/icon-32.png")).toEqual({ kind: "other", path: "/assets/icon-32.png" });
});

test.each([
  ["/omspan/../x", "bad_path"],
  ["/a/./b", "bad_path"],
  ["/%2e%2e/", "bad_path"],
  ["/a\\b", "bad_path"],
  ["/a//b", "bad_path"],
  ["x", "bad_path"],
  ["/é", "bad_path"],
  ["/a b", "bad_path"],
  ["/taskpane.html?a=\u0001", "bad_path"],
  ["/omspan/DataFA?x", "query_not_allowed"],
  ["/omspan/DataFA/..", "bad_path"],
  ["/omspan/Nope", "not_found"],
])("%j is refused as %s", (url, code) => {
  expect(() => checkTarget(url)).toThrow(expect.objectContaining({ code }));
});

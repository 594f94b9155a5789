/**
 * A plain-http proxy address cannot work from an https pane: the browser blocks the requests as mixed
 * content and the user would only see "unreachable" later. The core refuses it where the address is
 * parsed, with a message in both languages that the pane shows as the connection error.
 */
import { localizeError } from "../../src/omspan/messages";
import { Session, normaliseBaseUrl } from "../../src/omspan/store/session";
import type { Connection } from "../../src/omspan/store/store";
import { mintTestKey } from "../support/keys";
import { installOfficeStandin, officeUrl, type OfficeStandin } from "../support/office-standin";

function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a refusal");
}

describe("normaliseBaseUrl from an https page", () => {
  const https = { pageProtocol: "https:" };

  test("refuses plain http, naming the address and the fix, in English and Indonesian", () => {
    const err = refusal(() => normaliseBaseUrl("http://proxy.atrbpn.example:8080/omspan/", https));
    expect(err).toMatchObject({ name: "InvalidArgumentError", code: "invalid-argument" });
    expect(localizeError(err, "en")).toBe(
      'Argument proxy: "http://proxy.atrbpn.example:8080" is plain http, which this https pane may not call ' +
        "(the browser blocks mixed content): use the proxy's https address",
    );
    expect(localizeError(err, "id")).toContain('"http://proxy.atrbpn.example:8080" memakai http biasa');
    expect(localizeError(err, "id")).toContain("konten campuran");
  });

  test("refuses loopback http too (engines differ on exempting it)", () => {
    expect(() => normaliseBaseUrl("http://localhost:3000/omspan/", https)).toThrow(/plain http/);
    expect(() => normaliseBaseUrl("HTTP://127.0.0.1:3000/omspan/", https)).toThrow(/plain http/);
  });

  test("accepts https, and http where the page itself is http (or there is no page: the CLI)", () => {
    expect(normaliseBaseUrl("https://proxy.example/omspan", https)).toBe("https://proxy.example/omspan/");
    expect(normaliseBaseUrl("http://127.0.0.1:3000/omspan/", { pageProtocol: "http:" })).toBe("http://127.0.0.1:3000/omspan/");
    expect(normaliseBaseUrl("http://127.0.0.1:3000/omspan/")).toBe("http://127.0.0.1:3000/omspan/");
  });
});

describe("the session of an https pane", () => {
  test("refuses an http address before any request, and shows the error as the session's state", async () => {
    const fetch = jest.fn<Promise<Response>, Parameters<typeof globalThis.fetch>>();
    const session = new Session({ fetch: fetch as typeof globalThis.fetch, pageProtocol: "https:" });
    await expect(session.connect({ baseUrl: "http://proxy.example/omspan/", key: await mintTestKey() })).rejects.toMatchObject({
      code: "invalid-argument",
    });
    expect(fetch).not.toHaveBeenCalled();
    const state = session.getSnapshot();
    expect(state.status).toBe("error");
    expect(localizeError(state.error, "id")).toContain("gunakan alamat https proxy");
  });

  test("does not restore a remembered http address, and forgets it", async () => {
    let kept: Connection | null = { baseUrl: "http://proxy.example/omspan/", key: await mintTestKey() };
    const vault = {
      load: async () => kept,
      save: async (c: Connection) => void (kept = c),
      clear: async () => void (kept = null),
    };
    const session = new Session({ vault, pageProtocol: "https:" });
    await expect(session.restore()).resolves.toBe(false);
    expect(session.getSnapshot().status).toBe("disconnected");
    expect(kept).toBeNull();
  });
});

describe("the add-in's shared runtime", () => {
  let standin: OfficeStandin | undefined;
  afterEach(() => standin?.uninstall());

  test("takes the pane's protocol from its URL, so the pane refuses http when served over https", async () => {
    standin = installOfficeStandin({ url: officeUrl("Web", "id-ID") });
    let shared!: typeof import("../../src/shared-runtime");
    jest.isolateModules(() => {
      shared = require("../../src/shared-runtime");
    });
    await shared.sessionReady;
    const err = await shared.session.connect({ baseUrl: "http://localhost:3000/omspan/", key: await mintTestKey() }).catch((e: unknown) => e);
    expect(localizeError(err, "en")).toMatch(/plain http.*https address/);
  });
});

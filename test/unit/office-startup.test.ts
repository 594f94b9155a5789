/**
 * How the add-in starts inside real Office, against the Office stand-in (test/support/office-standin.ts):
 * OfficeRuntime.storage appears only when Office is ready, onReady can come seconds late on a cold start,
 * and the page's `_host_Info` says "inside Office" before onReady does.
 */
import { installOfficeStandin, officeUrl, type OfficeStandin, type OfficeStandinOptions } from "../support/office-standin";
import { mintTestKey } from "../support/keys";

type SharedRuntime = typeof import("../../src/shared-runtime");
type OfficeHost = typeof import("../../src/taskpane/office-host");

const ITEM = "omspan.connection"; // src/excel/key-vault.ts
const BASE = "https://localhost:3000/omspan/";
let standin: OfficeStandin | undefined;

/** Installs the stand-in, then loads the shared runtime and the pane's host detection as the page does. */
function start(options: OfficeStandinOptions): { shared: SharedRuntime; host: OfficeHost; standin: OfficeStandin } {
  standin = installOfficeStandin(options);
  let shared!: SharedRuntime;
  let host!: OfficeHost;
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
    host = require("../../src/taskpane/office-host");
  });
  return { shared, host, standin };
}

async function remembered(): Promise<Record<string, string>> {
  return { [ITEM]: JSON.stringify({ baseUrl: BASE, key: await mintTestKey() }) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  standin?.uninstall();
  standin = undefined;
});

describe("the remembered key (restored after Office.onReady)", () => {
  test("is found when OfficeRuntime.storage appears only after the module loaded", async () => {
    const { shared, standin } = start({ ready: "manual", storedItems: await remembered(), url: officeUrl("Win32") });
    expect(typeof (globalThis as Record<string, unknown>).OfficeRuntime).toBe("undefined");
    await jest.advanceTimersByTimeAsync(3000); // a cold start: Office is still loading
    standin.ready();
    await shared.sessionReady;
    expect(shared.session.getSnapshot()).toMatchObject({ status: "connected", baseUrl: BASE });
  });

  test("cells wait for a slow start up to 15 s, with or without _host_Info, and a later onReady still restores", async () => {
    // The functions' runtime may be opened without _host_Info in its URL: cells run only inside Excel anyway.
    const { shared, standin } = start({ ready: "manual", storedItems: await remembered() });
    let settled = false;
    void shared.sessionReady.then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(5000);
    expect(settled).toBe(false); // 5 s is an ordinary cold start inside Office: cells still wait
    await jest.advanceTimersByTimeAsync(10_000);
    expect(settled).toBe(true);
    expect(shared.session.getSnapshot().status).toBe("disconnected");
    standin.ready();
    await jest.advanceTimersByTimeAsync(0);
    expect(shared.session.getSnapshot()).toMatchObject({ status: "connected", baseUrl: BASE });
  });

  test("in preview the pane waits for the restore no longer than for Office: 1.5 s", async () => {
    const { shared, host } = start({ ready: "manual", storage: "never" });
    const shown: string[] = [];
    void host.watchHost((h) => shown.push(h.mode), { alongWith: shared.sessionReady });
    await jest.advanceTimersByTimeAsync(1400);
    expect(shown).toEqual([]);
    await jest.advanceTimersByTimeAsync(200);
    expect(shown).toEqual(["preview"]);
  });

  test("a late restore never replaces what the user did meanwhile", async () => {
    const { shared, standin } = start({ ready: "manual", storedItems: await remembered(), url: officeUrl("Win32") });
    await expect(shared.session.connect({ baseUrl: BASE, key: "not a key" })).rejects.toThrow();
    standin.ready();
    await shared.sessionReady;
    expect(shared.session.getSnapshot().status).toBe("error");
  });
});

describe("preview fallback in real Office", () => {
  test("inside Office (the URL has _host_Info) a 5 s onReady still gives Office mode, not preview", async () => {
    const { host, standin } = start({ ready: "manual", url: officeUrl("Win32", "id-ID"), displayLanguage: "id-ID" });
    const detected = host.detectHost();
    await jest.advanceTimersByTimeAsync(5000);
    standin.ready();
    await expect(detected).resolves.toMatchObject({ mode: "office", lang: "id", canRemember: true });
  });

  test("when onReady comes after the pane settled for preview, the pane is shown again in Office mode", async () => {
    const { host, standin } = start({ ready: "manual" }); // no _host_Info: Windows may pass it another way
    const shown: Array<{ mode: string; canRemember: boolean }> = [];
    const watching = host.watchHost((h) => shown.push({ mode: h.mode, canRemember: h.canRemember }));
    await jest.advanceTimersByTimeAsync(1500);
    expect(shown).toEqual([{ mode: "preview", canRemember: false }]);
    standin.ready();
    await watching;
    expect(shown).toEqual([
      { mode: "preview", canRemember: false },
      { mode: "office", canRemember: true },
    ]);
  });

  test("preview inside Office speaks the language of Office's URL, not the browser's", async () => {
    const { host } = start({ ready: "manual", url: officeUrl("Web", "id-ID") });
    const detected = host.detectHost();
    await jest.advanceTimersByTimeAsync(15_000);
    await expect(detected).resolves.toMatchObject({ mode: "preview", lang: "id", missingSets: [] });
  });

  test("office.js in a plain browser (onReady answers with no host) is preview at once", async () => {
    const { host } = start({ host: null });
    await expect(host.detectHost()).resolves.toMatchObject({ mode: "preview", canRemember: false });
  });
});

describe("requirement sets checked at run time", () => {
  test("an Excel without CustomFunctionsRuntime 1.3 and ExcelApi 1.13 is told so", async () => {
    const { host } = start({ sets: { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.1", ExcelApi: "1.8" } });
    const detected = await host.detectHost();
    expect(detected.mode).toBe("office");
    expect(detected.missingSets.map((s) => `${s.name} ${s.minVersion}`)).toEqual(["CustomFunctionsRuntime 1.3", "ExcelApi 1.13"]);
  });

  test("a current Microsoft 365 lacks nothing (versions compare as numbers: 1.17 ≥ 1.9)", async () => {
    const { host } = start({});
    await expect(host.detectHost()).resolves.toMatchObject({ mode: "office", missingSets: [] });
  });
});

describe("_host_Info", () => {
  test("is read in both of office.js's formats", () => {
    const { hostHintFromSearch } = require("../../src/excel/office-ready") as typeof import("../../src/excel/office-ready");
    expect(hostHintFromSearch(new URL(officeUrl("Win32", "id-ID")).search)).toEqual({ host: "excel", platform: "win32", lang: "id" });
    expect(hostHintFromSearch("?_host_Info=Excel|Web|16.00|en-US|abc|isDialog")).toEqual({ host: "excel", platform: "web", lang: "en" });
    expect(hostHintFromSearch("?x=1")).toBeNull();
    expect(hostHintFromSearch("")).toBeNull();
  });
});

/**
 * The one stand-in for the Office host (the `Office` and `OfficeRuntime` globals), for code that cannot
 * meet real Office here. It behaves like office.js where the add-in has been caught out:
 * - `Office.onReady` answers only when the test says so (`ready: "manual"`, then `standin.ready()`): a cold
 *   desktop start can take seconds. Until then `Office.context` has no requirements and no language.
 * - `Office.actions.associate` works from the moment the script loaded (office.js defines it
 *   synchronously), and `click()` is Office invoking a ribbon action: a click on a name nobody has
 *   associated yet is lost, as a click during a cold start is when association waits for onReady; a
 *   handler that has not completed its event within 5 minutes is cut off (the ExecuteFunction limit,
 *   office-js #1452) — on the test's clock, so fake timers can run the 5 minutes.
 * - `OfficeRuntime.storage` exists only once Office's host script has set it up — by default when onReady
 *   answers, or later (`storage: "manual"` + `provideStorage()`), or never (a plain browser).
 * - `Office.context.requirements.isSetSupported` answers from a configurable list of sets.
 * - The page URL (`url`, e.g. from `officeUrl()`) becomes `location`, so `_host_Info` can be read.
 * It installs only these globals; test/support/excel-standin/ provides `Excel` and composes with it.
 */
type Handler = (event: { completed: (options?: unknown) => void }) => unknown;

export interface OfficeStandinOptions {
  /** What onReady answers: "Excel" inside Excel, null for office.js in a plain browser. Default "Excel". */
  host?: "Excel" | null;
  platform?: "PC" | "Mac" | "OfficeOnline" | null;
  /** "now": onReady has already answered; "manual": only after `ready()`. Default "now". */
  ready?: "now" | "manual";
  /** When OfficeRuntime.storage appears. Default "with-ready" (inside Excel), "never" when host is null. */
  storage?: "now" | "with-ready" | "manual" | "never";
  /** Items already kept in OfficeRuntime.storage (a previous session's "remember"). */
  storedItems?: Record<string, string>;
  /** Requirement sets the host supports and their highest version. Default: a current Microsoft 365. */
  sets?: Record<string, string>;
  displayLanguage?: string;
  /** Office's theme colours (`Office.context.officeTheme`), e.g. { bodyBackgroundColor: "#262626" }; absent by default. */
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor?: string; controlBackgroundColor?: string; controlForegroundColor?: string };
  /** The page's URL; installs `location` (with `search`, `protocol`, `origin`) while the stand-in is in. */
  url?: string;
}

export interface OfficeStandin {
  /** OfficeRuntime.storage's items (readable even while the global is absent). */
  readonly storage: Map<string, string>;
  /** The ribbon actions associated so far. */
  readonly actions: ReadonlyMap<string, Handler>;
  readonly isReady: boolean;
  /** Office finishes starting: onReady answers (and storage appears, unless told otherwise). */
  ready(): void;
  /** OfficeRuntime.storage appears now. */
  provideStorage(): void;
  /**
   * Office invokes a ribbon ExecuteFunction; resolves once the handler settled, or at the end of its 5 minutes
   * (`timedOut` when it had not completed its event by then: Excel ended the command).
   */
  click(actionId: string): Promise<{ registered: boolean; completed: boolean; timedOut?: boolean }>;
  uninstall(): void;
}

/** A current Microsoft 365 Excel. */
export const MICROSOFT_365_SETS: Readonly<Record<string, string>> = {
  ExcelApi: "1.17",
  SharedRuntime: "1.2",
  CustomFunctionsRuntime: "1.5",
  RibbonApi: "1.2",
};

/** The task pane URL as Office opens it: with `_host_Info` (format as office.js parses it). */
export function officeUrl(platform: "Win32" | "Mac" | "Web" = "Win32", locale = "en-US", base = "https://localhost:3000/taskpane.html"): string {
  const sep = platform === "Web" ? "|" : "$";
  const version = platform === "Web" ? "16.00" : "16.01";
  const info = ["Excel", platform, version, locale, "", "", "", "0"].join(sep);
  return `${base}?_host_Info=${encodeURIComponent(info)}`;
}

/**
 * Installs the stand-in. Self-contained on purpose (it refers to nothing outside its own body), so a
 * browser test can run the very same code in a page: `page.addInitScript(officeStandinScript(options))`.
 */
export function installOfficeStandin(options: OfficeStandinOptions = {}): OfficeStandin {
  const versionAtLeast = (have: string, want: string): boolean => {
    const a = have.split(".").map(Number);
    const b = want.split(".").map(Number);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d > 0;
    }
    return true;
  };
  const GLOBALS = ["Office", "OfficeRuntime", "location"] as const;
  const host = options.host === undefined ? "Excel" : options.host;
  // A current Microsoft 365 unless told otherwise (the same list as MICROSOFT_365_SETS, inlined).
  const sets = options.sets ?? { ExcelApi: "1.17", SharedRuntime: "1.2", CustomFunctionsRuntime: "1.5", RibbonApi: "1.2" };
  const storageMode = options.storage ?? (host ? "with-ready" : "never");
  const g = globalThis as Record<string, unknown>;
  const saved = new Map(GLOBALS.map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const));
  const items = new Map(Object.entries(options.storedItems ?? {}));
  const actions = new Map<string, Handler>();
  let isReady = false;
  let resolveReady!: (info: { host: string | null; platform: string | null }) => void;
  const readyPromise = new Promise<{ host: string | null; platform: string | null }>((r) => (resolveReady = r));

  const readyContext = {
    displayLanguage: options.displayLanguage ?? "en-US",
    ...(options.officeTheme ? { officeTheme: options.officeTheme } : {}),
    requirements: {
      isSetSupported: (name: string, minVersion = "1.1") => {
        const have = sets[name];
        return have !== undefined && versionAtLeast(have, minVersion);
      },
    },
  };
  const office = {
    onReady(callback?: (info: unknown) => void) {
      return readyPromise.then((info) => {
        callback?.(info);
        return info;
      });
    },
    get context() {
      return isReady ? readyContext : {};
    },
    actions: { associate: (id: string, fn: Handler) => void actions.set(id, fn) },
  };
  g.Office = office;

  const storage = {
    getItem: async (key: string) => items.get(key) ?? null,
    setItem: async (key: string, value: string) => void items.set(key, value),
    removeItem: async (key: string) => void items.delete(key),
  };
  const provideStorage = (): void => {
    g.OfficeRuntime = { storage };
  };
  if (storageMode === "now") provideStorage();

  // Node only: in a browser, assigning `location` would navigate; there the page's real URL is used.
  if (options.url !== undefined) {
    const url = new URL(options.url);
    g.location = { href: url.href, search: url.search, protocol: url.protocol, origin: url.origin };
  }

  const ready = (): void => {
    if (isReady) return;
    isReady = true;
    if (storageMode === "with-ready") provideStorage();
    resolveReady({ host, platform: host ? (options.platform ?? "PC") : null });
  };
  if ((options.ready ?? "now") === "now") ready();

  return {
    storage: items,
    actions,
    get isReady() {
      return isReady;
    },
    ready,
    provideStorage,
    async click(actionId) {
      const handler = actions.get(actionId);
      if (!handler) return { registered: false, completed: false };
      let completed = false;
      const settled = Promise.resolve(
        handler({
          completed: () => {
            completed = true;
          },
        }),
      ).then(
        () => undefined,
        () => undefined,
      );
      // The command's work is waited for (as a test wants to look at what it did), up to Excel's limit.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), 5 * 60 * 1000)));
      const first = await Promise.race([settled, limit]);
      clearTimeout(timer);
      if (first === "timeout" && !completed) return { registered: true, completed: false, timedOut: true };
      return { registered: true, completed };
    },
    uninstall() {
      for (const [k, d] of saved) {
        if (d) Object.defineProperty(g, k, d);
        else delete g[k];
      }
    },
  };
}

/**
 * A script for `page.addInitScript` that installs this same stand-in in a browser page before any of
 * the page's scripts run, as `window.officeStandin` (call `officeStandin.ready()` through page.evaluate).
 * Route office.js's CDN address to an empty script, or the real office.js would replace it.
 */
export function officeStandinScript(options: Omit<OfficeStandinOptions, "url"> = {}): string {
  return `window.officeStandin = (${installOfficeStandin.toString()})(${JSON.stringify(options)});`;
}

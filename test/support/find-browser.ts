/**
 * Finds a Chromium-family browser for the browser tests the way a developer's machine has one, so that
 * `npm ci && npm test` is the whole set-up:
 *   1. OMSPAN_BROWSER — an explicit executable (a missing file is an error, never silently passed over);
 *   2. a system Chromium, Chrome or Edge at its usual place for this platform;
 *   3. the Chromium that `npm ci` brought: `@sparticuz/chromium` ships a brotli-packed Linux x64 binary inside
 *      the npm package (nothing is downloaded). It is unpacked once per version into node_modules/.cache;
 *      a staging folder renamed into place keeps two jest workers from seeing half a binary. Its own fonts.conf
 *      points at /tmp, so a fonts.conf of ours takes the system's fonts plus the bundled ones.
 * The package's serverless launch flags (`--single-process`, `--disable-web-security`) are not used: the
 * tests launch every browser with the same flags of their own (test/browser/support.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "omspan-excel");
export const BROWSER_ENV = "OMSPAN_BROWSER";
const BUNDLED = "@sparticuz/chromium";

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for the one line the test run prints. */
  source: string;
  /** Extra environment for the browser process (the bundled build's own fonts). */
  env?: Record<string, string>;
}

/** No browser at all: the message says how to provide one, and nothing else. */
export class NoBrowserError extends Error {
  override name = "NoBrowserError";
}

function systemCandidates(): string[] {
  const env = process.env;
  switch (process.platform) {
    case "darwin":
      return [
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      ];
    case "win32": {
      const roots = [env["PROGRAMFILES"], env["PROGRAMFILES(X86)"], env["LOCALAPPDATA"]].filter((r): r is string => Boolean(r));
      return roots.flatMap((r) => [
        path.join(r, "Google", "Chrome", "Application", "chrome.exe"),
        path.join(r, "Microsoft", "Edge", "Application", "msedge.exe"),
        path.join(r, "Chromium", "Application", "chrome.exe"),
      ]);
    }
    default:
      return [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/usr/bin/microsoft-edge",
        "/usr/bin/microsoft-edge-stable",
        "/snap/bin/chromium",
      ];
  }
}

function bundledPackageDir(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  // A direct devDependency sits at the top of node_modules (its exports hide package.json from require.resolve).
  const dir = path.join(ROOT, "node_modules", ...BUNDLED.split("/"));
  return existsSync(path.join(dir, "package.json")) ? dir : undefined;
}

/**
 * Unpacks the bundled Chromium into node_modules/.cache/omspan-excel/chromium-<version>/ (once). The package
 * unpacks into os.tmpdir(); a child process with TMPDIR set to a staging folder keeps it out of /tmp.
 */
function unpackBundled(pkgDir: string): FoundBrowser {
  const version = (JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string }).version;
  const target = path.join(CACHE, `chromium-${version}`);
  const executablePath = path.join(target, "chromium");
  if (!existsSync(executablePath)) {
    mkdirSync(CACHE, { recursive: true });
    const staging = mkdtempSync(path.join(CACHE, "chromium-unpacking-"));
    const entry = path.join(pkgDir, "build", "index.js");
    const script = `import(${JSON.stringify(entry)}).then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))`;
    const run = spawnSync(process.execPath, ["-e", script], {
      env: { ...process.env, TMPDIR: staging },
      encoding: "utf8",
      timeout: 120_000,
    });
    if (run.status !== 0 || !existsSync(path.join(staging, "chromium"))) {
      rmSync(staging, { recursive: true, force: true });
      throw new NoBrowserError(`could not unpack ${BUNDLED} ${version}: ${(run.stderr || run.error?.message || "").trim().split("\n")[0]}`);
    }
    // The package's fonts.conf names /tmp/fonts: ours keeps the system's fonts and adds the bundled ones.
    const fonts = path.join(target, "fonts");
    writeFileSync(
      path.join(staging, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${fonts}</dir>\n` +
        `  <cachedir>${path.join(target, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, target);
    } catch {
      // Another worker renamed its copy first: use that one.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { executablePath, source: `${BUNDLED} ${version} (from npm ci)`, env: { FONTCONFIG_FILE: path.join(target, "fonts.conf") } };
}

/** The browser the tests will use, or NoBrowserError with one line on how to provide one. */
export function findBrowser(): FoundBrowser {
  const explicit = process.env[BROWSER_ENV];
  if (explicit) {
    if (!existsSync(explicit)) throw new NoBrowserError(`${BROWSER_ENV}=${explicit} does not exist: point it at a Chromium, Chrome or Edge executable.`);
    return { executablePath: explicit, source: BROWSER_ENV };
  }
  const system = systemCandidates().find((p) => existsSync(p));
  if (system) return { executablePath: system, source: "system" };
  const pkgDir = bundledPackageDir();
  if (pkgDir) return unpackBundled(pkgDir);
  throw new NoBrowserError(
    `No browser for the browser tests: set ${BROWSER_ENV}=/path/to/chromium (or chrome/msedge), or install Chromium, Chrome or Edge` +
      (process.platform === "linux" && process.arch === "x64" ? `, or run npm ci (it brings ${BUNDLED}).` : "."),
  );
}

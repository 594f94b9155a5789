/**
 * The production build the browser tests run, built at most once per change of its inputs.
 *
 * A webpack production build takes ~30 s on the two shared cores, so `ensureDist()` hashes what goes into
 * the bundle (webpack.config.js, manifest.xml, assets, package-lock.json, the bundled parts of src/, and
 * OMSPAN_ADDIN_ORIGIN) and rebuilds dist/ only when that hash differs from the one recorded after the
 * last successful build (node_modules/.cache/omspan-excel/dist-stamp.json). A directory lock keeps two jest
 * workers from building at once. OMSPAN_TEST_DIST_DIR=<dir> skips building and tests that directory as is.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const CACHE = path.join(ROOT, "node_modules", ".cache", "omspan-excel");
const STAMP = path.join(CACHE, "dist-stamp.json");
const LOCK = path.join(CACHE, "build.lock");
/** src/ folders that run on Node only and never reach the bundle. */
const NOT_BUNDLED = new Set(["server", "simulator", "cli"]);

async function listFiles(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** A hash of everything that changes the bundle. */
export async function inputsHash(): Promise<string> {
  const files = [
    ...["webpack.config.js", "manifest.xml", "package-lock.json"].map((f) => path.join(ROOT, f)),
    ...(await listFiles(path.join(ROOT, "assets"))),
    ...(await listFiles(path.join(ROOT, "src"), (name) => NOT_BUNDLED.has(name))),
  ].sort();
  const hash = createHash("sha256");
  hash.update(`origin=${process.env.OMSPAN_ADDIN_ORIGIN ?? ""}\n`);
  for (const file of files) {
    hash.update(`${path.relative(ROOT, file)}\n`);
    hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

function runWebpack(): Promise<void> {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "--mode", "production"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`webpack --mode production exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(CACHE, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock older than any build is left over from a killed run.
      const age = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 5 * 60_000) await rm(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${LOCK}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

interface Stamp {
  hash: string;
  page: string | undefined;
  builtAt: string;
}

/** Hash of dist/taskpane.html (it names every hashed chunk), or undefined when there is no build. */
async function pageHash(): Promise<string | undefined> {
  const page = path.join(DIST, "taskpane.html");
  if (!existsSync(page)) return undefined;
  return createHash("sha256").update(await readFile(page)).digest("hex");
}

let pending: Promise<string> | undefined;

/** The directory holding a production build of the current sources; builds only when needed. */
export function ensureDist(): Promise<string> {
  const override = process.env.OMSPAN_TEST_DIST_DIR;
  if (override) return Promise.resolve(path.resolve(override));
  pending ??= withLock(async () => {
    const hash = await inputsHash();
    const recorded = await readFile(STAMP, "utf8").then((t) => JSON.parse(t) as Stamp, () => undefined);
    // The page's hash too: `npm run build:dev` or a build with other inputs may have replaced dist/ since.
    if (recorded?.hash === hash && recorded.page === (await pageHash())) return DIST;
    await runWebpack();
    const stamp: Stamp = { hash, page: await pageHash(), builtAt: new Date().toISOString() };
    await writeFile(STAMP, JSON.stringify(stamp, null, 2));
    return DIST;
  });
  return pending;
}

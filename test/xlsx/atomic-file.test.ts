/**
 * Replacing a workbook on disk: a failure before the rename, or a process killed in the middle of the
 * write, leaves the original byte for byte; a workbook with Excel's owner file beside it is refused.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../../src/xlsx/atomic-file";
import { fixture } from "../support/xlsx-fixtures";

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "omspan-atomic-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const original = () => fixture("custom-functions-excel-mac.xlsx");

test("a write that fails before the rename leaves the file byte-identical and no temporary file", async () => {
  const file = path.join(dir, "book.xlsx");
  writeFileSync(file, original());
  await expect(writeFileAtomic(file, new Uint8Array([1, 2, 3]), { beforeRename: () => Promise.reject(new Error("disk full")) })).rejects.toMatchObject({ problem: "write-failed" });
  expect(Buffer.compare(readFileSync(file), Buffer.from(original()))).toBe(0);
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
  expect([...readFileSync(file)]).toEqual([1, 2, 3]);
});

test("a process killed mid-write leaves the original as it was", async () => {
  const file = path.join(dir, "book.xlsx");
  writeFileSync(file, original());
  const script = path.join(dir, "writer.ts");
  writeFileSync(
    script,
    `import { writeFileAtomic } from ${JSON.stringify(path.resolve(__dirname, "../../src/xlsx/atomic-file"))};\n` +
      `void writeFileAtomic(${JSON.stringify(file)}, new Uint8Array(5_000_000).fill(7), { beforeRename: () => new Promise(() => process.stdout.write("ready")) });\n`,
  );
  const child = spawn(process.execPath, ["-r", path.resolve(__dirname, "../../bin/register-ts.js"), script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout!.on("data", () => resolve()));
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  expect(Buffer.compare(readFileSync(file), Buffer.from(original()))).toBe(0);
});

test("a workbook open in Excel is refused: its owner file ~$name beside it", async () => {
  const file = path.join(dir, "Laporan Bulanan.xlsx");
  writeFileSync(file, original());
  writeFileSync(path.join(dir, "~$poran Bulanan.xlsx"), "owner");
  await expect(writeFileAtomic(file, new Uint8Array([1]))).rejects.toMatchObject({ problem: "locked", text: { id: expect.stringContaining("sedang dibuka") } });
  expect(Buffer.compare(readFileSync(file), Buffer.from(original()))).toBe(0);
});

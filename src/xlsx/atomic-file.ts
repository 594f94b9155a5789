/**
 * Files on disk: a workbook is replaced atomically (a temporary file in the same folder, fsync, rename),
 * so a failure — or a process killed mid-write — leaves the original byte for byte; and a workbook open
 * in Excel is refused where that shows: Excel keeps an owner file `~$name.xlsx` beside it while it is
 * open (LibreOffice a `.~lock.name.xlsx#`), and on Windows the file itself is locked against writing.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileError } from "./errors";

/** The owner files an office suite keeps beside a workbook it has open. */
export function ownerFiles(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  // Excel writes `~$` over the first two characters for long names, and prefixes short ones.
  return [...new Set([path.join(dir, `~$${base}`), path.join(dir, `~$${base.slice(2)}`), path.join(dir, `.~lock.${base}#`)])];
}

/** Refuses a workbook that is open in Excel (or LibreOffice) as far as the folder shows it. */
export async function refuseIfOpen(file: string): Promise<void> {
  for (const owner of ownerFiles(file)) {
    const there = await access(owner, constants.F_OK).then(
      () => true,
      () => false,
    );
    if (there) {
      throw fileError(
        "locked",
        `${file} is open in Excel or another program (${path.basename(owner)} is beside it): close it, then try again`,
        `${file} sedang dibuka di Excel atau program lain (ada ${path.basename(owner)} di sebelahnya): tutup, lalu coba lagi`,
      );
    }
  }
}

export async function readWorkbookFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw fileError("write-failed", `cannot read ${file} (${code})`, `tidak dapat membaca ${file} (${code})`, e);
  }
}

/**
 * Writes `bytes` to `file` atomically. `hooks.beforeRename` lets a test fail (or kill) between the
 * temporary file and the rename.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, hooks: { beforeRename?: (temp: string) => Promise<void> | void } = {}): Promise<void> {
  await refuseIfOpen(file);
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    const handle = await open(temp, "wx", mode ?? 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EBUSY" || code === "EPERM" || code === "EACCES") {
      throw fileError("locked", `${file} is locked (${code}): is it open in Excel?`, `${file} terkunci (${code}): apakah sedang dibuka di Excel?`, e);
    }
    if ((e as Error).name === "WorkbookFileError") throw e;
    throw fileError("write-failed", `cannot write ${file} (${code ?? (e as Error).message}); the file is unchanged`, `tidak dapat menulis ${file} (${code ?? (e as Error).message}); berkas tidak berubah`, e);
  }
  // The rename is durable once the folder's entry is: sync the folder where the platform allows it.
  try {
    const d = await open(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Windows cannot open a folder for syncing; its rename is already durable enough.
  }
}

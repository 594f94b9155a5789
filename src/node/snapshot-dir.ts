/**
 * Snapshots in a directory on Node (the CLI's `--snapshot-dir DIR` / OMSPAN_SNAPSHOT_DIR; the server may
 * use it too): one file per snapshot, `<id>.omspan-snapshot`, in the core's frame (snapshots/frame.ts).
 * The core keeps no Node imports, so this adapter lives outside it.
 *
 * Atomic: a snapshot is written to a temporary file in the same directory, flushed, then renamed into
 * place — a reader sees the whole file or none. Least recently used = the file's modification time,
 * which `touch` moves on every read. Sections are read one by one at their offsets into fresh buffers.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { FRAME_PREFIX_BYTES, frameLayout, frameSnapshot, readFramePrefix } from "../omspan/snapshots/frame";
import type { EncodedSnapshot } from "../omspan/snapshots/snapshot-codec";
import type { SnapshotReader, SnapshotStore, StoredSnapshot } from "../omspan/snapshots/store-port";

const SUFFIX = ".omspan-snapshot";
const TEMP = /^\..*\.tmp$/;
/** A temporary file older than this was left by a process that died mid-write. */
const ORPHAN_MS = 60 * 60 * 1000;

export class DirSnapshotStore implements SnapshotStore {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    if (!/^[0-9a-f]{32}$/.test(id)) throw new RangeError(`not a snapshot id: ${id}`);
    return path.join(this.dir, id + SUFFIX);
  }

  async list(): Promise<StoredSnapshot[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const out: StoredSnapshot[] = [];
    for (const name of names) {
      const full = path.join(this.dir, name);
      if (TEMP.test(name)) {
        await stat(full).then((s) => (Date.now() - s.mtimeMs > ORPHAN_MS ? rm(full, { force: true }) : undefined), () => undefined);
        continue;
      }
      if (!name.endsWith(SUFFIX)) continue;
      const id = name.slice(0, -SUFFIX.length);
      if (!/^[0-9a-f]{32}$/.test(id)) continue;
      const entry = await readEntry(full, id);
      if (entry) out.push(entry);
    }
    return out;
  }

  async put(s: EncodedSnapshot, usedAt: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.${s.header.id}.${randomBytes(6).toString("hex")}.tmp`);
    const fh = await open(temp, "wx", 0o600);
    try {
      await fh.writev(frameSnapshot(s));
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw e;
    }
    await fh.close();
    const t = new Date(usedAt);
    await utimes(temp, t, t);
    await rename(temp, this.file(s.header.id));
  }

  async open(id: string, sectionLengths: readonly number[]): Promise<SnapshotReader | undefined> {
    let fh;
    try {
      fh = await open(this.file(id), "r");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    const handle = fh;
    const prefix = new Uint8Array(FRAME_PREFIX_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, FRAME_PREFIX_BYTES, 0);
    const framed = bytesRead === FRAME_PREFIX_BYTES ? readFramePrefix(prefix) : undefined;
    const { offsets } = frameLayout(framed?.headerLength ?? 0, sectionLengths);
    return {
      section: async (index, length, into) => {
        if (!framed || offsets[index] === undefined) return undefined;
        const bytes = into && into.byteLength >= length ? into.subarray(0, length) : new Uint8Array(length);
        let at = 0;
        while (at < length) {
          const r = await handle.read(bytes, at, length - at, offsets[index]! + at);
          if (r.bytesRead === 0) return undefined;
          at += r.bytesRead;
        }
        return bytes;
      },
      close: () => handle.close(),
    };
  }

  async touch(id: string, usedAt: number): Promise<void> {
    const t = new Date(usedAt);
    await utimes(this.file(id), t, t).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) await rm(this.file(id), { force: true });
  }
}

/** A file's listing entry; its header "" when the file is too short or not a frame (the core discards it). */
async function readEntry(full: string, id: string): Promise<StoredSnapshot | undefined> {
  let fh;
  try {
    fh = await open(full, "r");
  } catch {
    return undefined; // removed meanwhile
  }
  try {
    const s = await fh.stat();
    const base = { id, usedAt: s.mtimeMs, bytes: s.size };
    const prefix = new Uint8Array(FRAME_PREFIX_BYTES);
    const got = await fh.read(prefix, 0, FRAME_PREFIX_BYTES, 0);
    const framed = got.bytesRead === FRAME_PREFIX_BYTES ? readFramePrefix(prefix) : undefined;
    if (!framed || FRAME_PREFIX_BYTES + framed.headerLength > s.size) return { ...base, headerText: "", headerHash: 0 };
    const header = new Uint8Array(framed.headerLength);
    const r = await fh.read(header, 0, framed.headerLength, FRAME_PREFIX_BYTES);
    if (r.bytesRead !== framed.headerLength) return { ...base, headerText: "", headerHash: 0 };
    return { ...base, headerText: new TextDecoder().decode(header), headerHash: framed.headerHash };
  } finally {
    await fh.close();
  }
}

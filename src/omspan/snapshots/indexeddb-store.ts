/**
 * Snapshots in the browser's IndexedDB — the add-in's shared runtime keeps them there, not in
 * OfficeRuntime.storage (10 MB for everything; a full-profile Realisasi alone is ~9 MB). IndexedDB is a
 * Web standard, so this adapter lives in the core; jest runs it over `fake-indexeddb`.
 *
 * Two object stores: `snapshots` (one small record per snapshot: id, header, bookkeeping — what a listing
 * reads) and `sections` (each section's bytes under [id, index], read one at a time so a reader never
 * holds more than one column's bytes beside the table it builds). A write is one transaction over both:
 * IndexedDB commits it whole or not at all.
 */
import type { EncodedSnapshot } from "./snapshot-codec";
import type { SnapshotReader, SnapshotStore, StoredSnapshot } from "./store-port";

export const SNAPSHOT_DB = "omspan-snapshots";
const META = "snapshots";
const SECTIONS = "sections";

interface MetaRecord {
  id: string;
  headerText: string;
  headerHash: number;
  usedAt: number;
  bytes: number;
}

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const finished = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
  });

/** The section's own buffer (structured clone copies a view's whole buffer, so never hand it a view). */
function ownBuffer(b: Uint8Array): ArrayBuffer {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? b.buffer : b.slice().buffer;
}

export class IndexedDbSnapshotStore implements SnapshotStore {
  private db?: Promise<IDBDatabase>;

  /** `factory`: the IndexedDB to use (default the page's `indexedDB`). */
  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = SNAPSHOT_DB,
  ) {}

  /** Whether this runtime has IndexedDB at all. */
  static available(): boolean {
    return typeof indexedDB !== "undefined";
  }

  private database(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = this.factory.open(this.name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(META, { keyPath: "id" });
        req.result.createObjectStore(SECTIONS);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another page upgrading the database: let it, and open again next time.
        db.onversionchange = () => {
          db.close();
          this.db = undefined;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("the snapshot database is held open by an older page"));
    }).catch((e: unknown) => {
      this.db = undefined;
      throw e;
    });
    return this.db;
  }

  async list(): Promise<StoredSnapshot[]> {
    const db = await this.database();
    return (await done(db.transaction(META, "readonly").objectStore(META).getAll())) as MetaRecord[];
  }

  async put(s: EncodedSnapshot, usedAt: number): Promise<void> {
    const db = await this.database();
    const tx = db.transaction([META, SECTIONS], "readwrite");
    const end = finished(tx);
    const record: MetaRecord = { id: s.header.id, headerText: s.headerText, headerHash: s.headerHash, usedAt, bytes: s.header.bytes };
    tx.objectStore(META).put(record);
    const sections = tx.objectStore(SECTIONS);
    s.sections.forEach((b, i) => sections.put(ownBuffer(b), [s.header.id, i]));
    await end;
  }

  async open(id: string): Promise<SnapshotReader | undefined> {
    const db = await this.database();
    const meta = await done(db.transaction(META, "readonly").objectStore(META).get(id));
    if (!meta) return undefined;
    return {
      section: async (index, length) => {
        const buf = (await done(db.transaction(SECTIONS, "readonly").objectStore(SECTIONS).get([id, index]))) as ArrayBuffer | undefined;
        if (!(buf instanceof ArrayBuffer) || buf.byteLength !== length) return undefined;
        return new Uint8Array(buf);
      },
      close: async () => undefined,
    };
  }

  async touch(id: string, usedAt: number): Promise<void> {
    const db = await this.database();
    const tx = db.transaction(META, "readwrite");
    const end = finished(tx);
    const store = tx.objectStore(META);
    const req = store.get(id);
    req.onsuccess = () => {
      const rec = req.result as MetaRecord | undefined;
      if (rec) store.put({ ...rec, usedAt });
    };
    await end;
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const db = await this.database();
    const tx = db.transaction([META, SECTIONS], "readwrite");
    const end = finished(tx);
    for (const id of ids) {
      tx.objectStore(META).delete(id);
      tx.objectStore(SECTIONS).delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
    }
    await end;
  }
}

/**
 * Several add-in runtimes in one jest process: each workbook Excel opens gets its own shared runtime
 * (its own session and store, nothing in memory), while IndexedDB — where snapshots are kept — is the
 * origin's, shared by all of them. `openRuntime` loads the shared runtime and the custom functions
 * afresh (jest's isolated module registry) over the one global `indexedDB` (fake-indexeddb/auto, which
 * the test file imports first).
 */
import type { Session } from "../../src/omspan/store/session";
import { CustomFunctionsRuntime } from "./custom-functions-fake";

export interface Runtime {
  readonly excel: CustomFunctionsRuntime;
  readonly session: Session;
}

export async function openRuntime(): Promise<Runtime> {
  let excel!: CustomFunctionsRuntime;
  let session!: Session;
  await jest.isolateModulesAsync(async () => {
    excel = await CustomFunctionsRuntime.load();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- this runtime's own copy
    session = (require("../../src/shared-runtime") as typeof import("../../src/shared-runtime")).session;
  });
  return { excel, session };
}

/** Every snapshot record of the origin's IndexedDB, for tests that damage one on purpose. */
export async function rawSnapshotDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("omspan-snapshots", 1);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Rewrites one stored record: a snapshot's metadata (`snapshots`) or a section's bytes (`sections`). */
export async function rewriteRecord<T>(store: "snapshots" | "sections", key: IDBValidKey, change: (v: T) => T): Promise<void> {
  const db = await rawSnapshotDb();
  try {
    const tx = db.transaction(store, "readwrite");
    const s = tx.objectStore(store);
    const value = (await done(s.get(key))) as T;
    if (store === "snapshots") s.put(change(value));
    else s.put(change(value), key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

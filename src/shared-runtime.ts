/**
 * The one Session of the add-in's shared runtime: the task pane, the custom functions and the ribbon
 * commands all run in the same JavaScript context (manifest: lifetime="long") and import this module,
 * so they share one key and one Store. Runs before React mounts.
 *
 * A remembered connection is restored only after Office.onReady: OfficeRuntime.storage, where it is kept,
 * exists only once Office's host script has set it up, and reading earlier silently finds nothing (cells
 * then say "not connected" after a workbook is reopened). Custom functions and ribbon commands run only
 * inside Excel, where onReady does come, so `sessionReady` waits for it as long as a cold start can take
 * (OFFICE_READY_TIMEOUT_MS, only so that a broken start cannot hold cells forever). The pane bounds its
 * own wait far shorter in preview mode (src/taskpane/office-host.ts); an onReady later than any bound
 * still restores then, and the pane follows through the session's subscribers.
 *
 * Snapshots of good pulls are kept in IndexedDB (src/omspan/snapshots); the open policy ("pull fresh
 * data when a workbook opens", off by default) comes from the settings kept on this computer.
 *
 * A frozen workbook keeps its pin in its registry sheet: cells wait (session.expectWorkbook, bounded)
 * until the pin has been read once Office is ready, so they answer from the pinned snapshots, never from
 * the newest ones.
 */
import { Session } from "./omspan/store/session";
import { SettingsStore, webStorageSettings } from "./omspan/settings";
import { IndexedDbSnapshotStore } from "./omspan/snapshots/indexeddb-store";
import { Snapshots } from "./omspan/snapshots/snapshots";
import { officeKeyVault } from "./excel/key-vault";
import { OFFICE_READY_TIMEOUT_MS, officeReady, within } from "./excel/office-ready";
import { readWorkbookPin } from "./excel/pin-keeper";
import type { Pin } from "./omspan/snapshots/pin";

/** The page's protocol: an https pane cannot reach a plain-http proxy (mixed content). */
function pageProtocol(): string | undefined {
  return (globalThis as { location?: { protocol?: string } }).location?.protocol;
}

/** The pane's settings on this computer, read now: the open policy must hold before any cell asks. */
export const settings = new SettingsStore(webStorageSettings());

/** Snapshots in the page's IndexedDB (none where there is no IndexedDB: then no stale answers either). */
const snapshots = IndexedDbSnapshotStore.available() ? new Snapshots(new IndexedDbSnapshotStore()) : undefined;

export const session = new Session({
  vault: officeKeyVault,
  pageProtocol: pageProtocol(),
  snapshots,
  openFrom: settings.get().pullOnOpen ? "pull" : "snapshot",
});

// Before any cell is evaluated: cells wait for the workbook's pin (or for word that it has none). Without
// office.js (a page outside Office, a test's runtime) there is no workbook to wait for.
if (typeof Office !== "undefined") {
  session.expectWorkbook();
  void officeReady().then(async (info) => {
    let pin: Pin | undefined;
    if (info?.host === "Excel" && typeof Excel !== "undefined") {
      pin = await readWorkbookPin().catch((err: unknown) => void console.warn("OMSPAN: the workbook's freeze could not be read", err));
    }
    // A freeze made meanwhile (the pane, in this runtime) is not undone by a registry read before it.
    if (pin || !session.store.isFrozen()) session.workbookOpened({ pin: pin ?? null });
  });
}

// The setting changed in the pane: the store's open policy follows at once.
settings.subscribe(() => (session.store.openFrom = settings.get().pullOnOpen ? "pull" : "snapshot"));

const restored: Promise<unknown> = officeReady()
  .then(() => session.restore())
  .catch((err: unknown) => console.error("OMSPAN: the remembered connection could not be restored", err));

/** Settles once a remembered connection (if the user chose one) has been restored, or the wait ran out. */
export const sessionReady: Promise<void> = within(restored, OFFICE_READY_TIMEOUT_MS).then(() => undefined);

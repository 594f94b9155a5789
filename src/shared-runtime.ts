/**
 * The one Session of the add-in's shared runtime: the task pane, the custom functions and the ribbon
 * commands all run in the same JavaScript context (manifest: lifetime="long") and import this module,
 * so they share one key and one Store. Runs before React mounts.
 *
 * A remembered connection is restored only after Office.onReady: OfficeRuntime.storage, where it is kept,
 * exists only once Office's host script has set it up, and reading earlier silently finds nothing (cells
 * then say "not connected" after a workbook is reopened). `sessionReady` waits for that at most
 * readyTimeoutMs() — long inside Office, short in a preview page — so no cell waits forever; an onReady
 * later than that still restores then, and the pane follows through the session's subscribers.
 */
import { Session } from "./omspan/session";
import { officeKeyVault } from "./excel/key-vault";
import { officeReady, readyTimeoutMs } from "./excel/office-ready";

/** The page's protocol: an https pane cannot reach a plain-http proxy (mixed content). */
function pageProtocol(): string | undefined {
  return (globalThis as { location?: { protocol?: string } }).location?.protocol;
}

export const session = new Session({ vault: officeKeyVault, pageProtocol: pageProtocol() });

const restored: Promise<unknown> = officeReady().then(() => session.restore());

/** Settles once a remembered connection (if the user chose one) has been restored, or the wait ran out. */
export const sessionReady: Promise<void> = new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, readyTimeoutMs());
  const done = (): void => {
    clearTimeout(timer);
    resolve();
  };
  restored.then(done, (err: unknown) => {
    console.error("OMSPAN: the remembered connection could not be restored", err);
    done();
  });
});

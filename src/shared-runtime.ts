/**
 * The one Session of the add-in's shared runtime: the task pane, the custom functions and the ribbon
 * commands all run in the same JavaScript context (manifest: lifetime="long") and import this module,
 * so they share one key and one Store. Runs before React mounts.
 */
import { Session } from "./omspan/session";
import { officeKeyVault } from "./excel/key-vault";

export const session = new Session({ vault: officeKeyVault });

/** Settles once a remembered connection (if the user chose one) has been restored. */
export const sessionReady: Promise<void> = session.restore().then(
  () => undefined,
  () => undefined,
);

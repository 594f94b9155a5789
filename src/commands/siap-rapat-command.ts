/**
 * The ribbon's *Siap Rapat* (an ExecuteFunction button): refresh, check, write the `Siap Rapat` sheet
 * (src/excel/siap-rapat.ts). As with the refresh buttons (commands.ts), the event is completed at once —
 * Excel ends a command after 5 minutes — and the work goes on in the shared runtime, reporting through
 * the pane (onSiapRapatDone: an open pane shows the checklist). Keeping the presented version needs the
 * user's word: that is the pane's button.
 */
import { displayLang } from "../excel/display-language";
import { officeReady } from "../excel/office-ready";
import { siapRapat, type SiapRapatResult } from "../excel/siap-rapat";
import { session } from "../shared-runtime";

/** Refresh (unless frozen), check, write the sheet. */
export function runSiapRapat(): Promise<SiapRapatResult> {
  return siapRapat({ store: session.store, connection: () => session.connection(), lang: displayLang });
}

async function command(event: Office.AddinCommands.Event): Promise<void> {
  let work: Promise<void>;
  try {
    work = runSiapRapat().then(
      (r) => console.info(`OMSPAN: Siap Rapat: stop ${r.report.counts.stop}, warn ${r.report.counts.warn}, info ${r.report.counts.info} (sheet ${r.sheet})`),
      (err: unknown) => console.error("OMSPAN: Siap Rapat failed", err),
    );
  } finally {
    event.completed();
  }
  await work;
}

// Registered when the module loads (a cold start's click may come before Office.onReady); the handler
// waits for onReady before it touches Excel.
if (typeof Office !== "undefined" && typeof Office.actions?.associate === "function") {
  Office.actions.associate("siapRapat", async (event: Office.AddinCommands.Event) => {
    await officeReady();
    return command(event);
  });
}

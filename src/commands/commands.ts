/**
 * Ribbon commands (manifest ExecuteFunction buttons). They run in the shared runtime, so they share the
 * pane's session and store: "refresh" = forget cached OMSPAN data, then make Excel recalculate the OMSPAN
 * formulas, which pull fresh data once per dataset. Each FunctionName in manifest.xml must be associated
 * here; test/unit/manifest.test.ts checks that.
 *
 * ExecuteFunction has no UI of its own, so failures are logged and the event is always completed —
 * an uncompleted event leaves the button spinning until Excel times it out.
 */
import { recalculateOmspanFormulas } from "../excel/recalculate";
import { officeReady } from "../excel/office-ready";
import { session } from "../shared-runtime";

type Scope = "sheet" | "workbook";

/** Forgets the cached data and recalculates every OMSPAN formula in the scope. */
export async function refresh(scope: Scope): Promise<{ cells: number }> {
  session.store.invalidate();
  return recalculateOmspanFormulas(scope);
}

function command(scope: Scope): (event: Office.AddinCommands.Event) => Promise<void> {
  return async (event) => {
    try {
      const { cells } = await refresh(scope);
      console.info(`OMSPAN: refreshed ${cells} formula cell(s) in the ${scope}`);
    } catch (err) {
      console.error(`OMSPAN: refresh of the ${scope} failed`, err);
    } finally {
      event.completed();
    }
  };
}

// Registered when the module loads, as Microsoft's samples do: office.js defines Office.actions while
// its script loads, and on a cold start Excel may deliver the click that opened the runtime before
// Office.onReady answers — a registration that waited for onReady would miss it. Outside Office
// (preview without office.js) there is no Office.actions and nothing to register.
// A click that comes that early waits for onReady before its handler runs: Excel.run needs it.
function afterReady(handler: (event: Office.AddinCommands.Event) => Promise<void>) {
  return async (event: Office.AddinCommands.Event): Promise<void> => {
    await officeReady();
    return handler(event);
  };
}

if (typeof Office !== "undefined" && typeof Office.actions?.associate === "function") {
  Office.actions.associate("refreshSheet", afterReady(command("sheet")));
  Office.actions.associate("refreshWorkbook", afterReady(command("workbook")));
}

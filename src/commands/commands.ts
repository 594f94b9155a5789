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

// Outside Office (preview in a plain browser, or office.js offline) there is nothing to register.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady().then(
    (info) => {
      if (!info.host) return; // office.js in a plain browser: no ribbon to serve
      Office.actions.associate("refreshSheet", command("sheet"));
      Office.actions.associate("refreshWorkbook", command("workbook"));
    },
    (err: unknown) => console.error("OMSPAN: Office.onReady failed; ribbon commands are not registered", err),
  );
}

/**
 * Ribbon commands (manifest ExecuteFunction buttons). They run in the shared runtime, so they share the
 * pane's session and store: "refresh" = forget cached OMSPAN data, then make Excel recalculate the OMSPAN
 * formulas, which pull fresh data once per dataset. Each FunctionName in manifest.xml must be associated
 * here; test/unit/manifest.test.ts checks that.
 *
 * ExecuteFunction has no UI of its own, and Excel ends a command that has not completed its event within
 * 5 minutes (the manifest's Action reference; office-js #1452) — a refresh of a large workbook on a slow
 * day can take longer. So the event is completed as soon as the refresh has started; the refresh goes on in
 * the shared runtime and reports through the pane (progress and the finished summary, omspan-tables.ts),
 * and its failures are logged.
 */
import { displayLang } from "../excel/display-language";
import { refreshSheet, refreshWorkbook, type RefreshSummary, type TableDeps } from "../excel/omspan-tables";
import { officeReady } from "../excel/office-ready";
import { session } from "../shared-runtime";

type Scope = "sheet" | "workbook";

/**
 * Forgets the cached data, rewrites the scope's OMSPAN tables, re-runs its OMSPAN formulas and writes
 * the change report (src/excel/refresh.ts); progress reaches an open pane through onTableProgress.
 */
export async function refresh(scope: Scope): Promise<RefreshSummary> {
  const deps: TableDeps = { store: session.store, connection: () => session.connection(), lang: displayLang };
  return scope === "sheet" ? refreshSheet(deps) : refreshWorkbook(deps);
}

function logSummary(scope: Scope, s: RefreshSummary): void {
  const failed = s.tables.filter((t) => t.status !== "refreshed");
  console.info(
    `OMSPAN: refreshed the ${scope}: ${s.tables.length - failed.length}/${s.tables.length} table(s), ` +
      `${s.formulas.cells ?? "?"} formula cell(s), ${s.formulas.changes.length} changed value(s)`,
  );
  for (const t of failed) console.warn(`OMSPAN: table ${t.table} ${t.status}: ${t.error ?? t.notes.map((n) => n.en).join("; ")}`);
  for (const w of s.warnings) console.warn(`OMSPAN: ${w}`);
}

function command(scope: Scope): (event: Office.AddinCommands.Event) => Promise<void> {
  return async (event) => {
    let work: Promise<void>;
    try {
      work = refresh(scope).then(
        (s) => logSummary(scope, s),
        (err: unknown) => console.error(`OMSPAN: refresh of the ${scope} failed`, err),
      );
    } finally {
      event.completed();
    }
    await work;
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

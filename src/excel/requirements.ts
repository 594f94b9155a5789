/**
 * The Office requirement sets the add-in needs, as data: manifest.xml declares exactly these (so Office
 * offers the add-in only where they exist — test/unit/manifest.test.ts keeps the two equal and checks
 * every Office API used in src/excel, src/commands and src/functions against them), and the pane asks
 * `isSetSupported` for each and names what is missing, for the hosts that load the add-in anyway.
 *
 * isSetSupported is not fully trusted: on perpetual Office it has answered `true` for custom-function
 * sets the build cannot run (office-js issues 884, 1031). A "missing" answer is reliable; a "present"
 * one is a hint.
 */
export interface RequirementSet {
  readonly name: string;
  readonly minVersion: string;
  /** Why we need it, for the README and a reader of the manifest. */
  readonly why: string;
}

export const REQUIRED_SETS: readonly RequirementSet[] = [
  { name: "SharedRuntime", minVersion: "1.1", why: "one runtime for pane, functions and ribbon; OfficeRuntime.storage" },
  { name: "CustomFunctionsRuntime", minVersion: "1.3", why: "CustomFunctions.Error: #VALUE!/#N/A with a message (1.2), #DIV/0! for PENYERAPAN over no pagu (1.3)" },
  { name: "ExcelApi", minVersion: "1.13", why: "Table.resize (1.13) for tables that grow; copyFrom and getSpecialCellsOrNullObject (1.9), Worksheet.calculate (1.6)" },
];

/** The required sets this host says it lacks; empty outside Office (nothing can be asked there). */
export function missingRequirementSets(sets: readonly RequirementSet[] = REQUIRED_SETS): RequirementSet[] {
  let requirements: Office.RequirementSetSupport | undefined;
  try {
    requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  } catch {
    requirements = undefined; // Office.context throws before onReady in some hosts
  }
  if (!requirements || typeof requirements.isSetSupported !== "function") return [];
  return sets.filter((s) => !requirements.isSetSupported(s.name, s.minVersion));
}

/** "ExcelApi 1.13, SharedRuntime 1.1" — how the pane names them (set names are not translated). */
export function describeSets(sets: readonly RequirementSet[]): string {
  return sets.map((s) => `${s.name} ${s.minVersion}`).join(", ");
}

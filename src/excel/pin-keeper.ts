/**
 * A frozen workbook's pin in the workbook itself: rows of text at H:M of the very hidden registry sheet
 * (hidden-sheets.ts), so the freeze survives closing the file and `omspan refresh` of the file refuses it
 * too. Saving goes through the add-in's one Excel queue (it writes the registry sheet, as a refresh does);
 * reading happens once when the shared runtime starts, before any cell is answered.
 */
import type { Pin } from "../omspan/snapshots/pin";
import { label } from "../omspan/workbook/outcome";
import { queued } from "./excel-queue";
import { runExcel } from "./excel-run";
import { readPin, writePin } from "./hidden-sheets";

/** The freeze card's keeper (src/taskpane/pane-behaviour.ts `PinKeeper`): null clears the pin. */
export const excelPinKeeper = {
  save(pin: Pin | null): Promise<void> {
    return queued(pin ? label("Freeze", "Bekukan") : label("Unfreeze", "Cairkan"), () => runExcel((context) => writePin(context, pin)));
  },
};

/** The pin the open workbook keeps (undefined: not frozen). A pin that does not read whole freezes nothing, and is reported. */
export async function readWorkbookPin(): Promise<Pin | undefined> {
  const parsed = await runExcel((context) => readPin(context));
  for (const p of parsed.problems) console.warn(`OMSPAN: the workbook's freeze (row ${p.row}) could not be read: ${p.reason}`);
  return parsed.pin;
}

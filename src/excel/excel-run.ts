/**
 * Every batch the add-in sends to Excel goes through here. `delayForCellEdit` (ExcelApi 1.11): while the
 * user is typing in a cell, Excel holds the batch until editing ends instead of failing it with
 * InvalidOperationInCellEditMode — a refresh started from the ribbon or a formula inserted from the pane
 * must not fail because a cell was being edited.
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}

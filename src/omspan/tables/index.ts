/**
 * Table shaping, shared by every face that puts OMSPAN data into a workbook (the add-in's table writer,
 * later `omspan refresh book.xlsx`): the stored query, typed cell values, number formats, header labels,
 * the formula-injection guard, and the change report's diff.
 */
export { TABLE_QUERY_VERSION, TableQuery, parseTableQuery, type TableQueryInput } from "./query";
export { NUMBER_FORMATS, sheetColumns, type SheetColumn } from "./columns";
export { cellText } from "./guard";
export { selectRows } from "./select";
export { shapeTable, asOfCaption, bodyRows, CAPTION_PREFIX, type ShapedTable, type CellValue, type DateSystem } from "./shape";
export { diffRows, type TableDiff, type TotalChange } from "./diff";
export { REGISTRY_SHEET, REGISTRY_COLUMNS, PIN_COLUMN, REGISTRY_MARKER, REGISTRY_VERSION, RegistryEntry, registryRows, parseRegistryRows, type ParsedRegistry } from "./registry";
export { previewTable, queryProblems, type TablePreview, type QueryField } from "./preview";

/** Report templates: definitions as data (catalog.ts), the grid they build (grid.ts), scopes (scope.ts). */
export { TEMPLATES, LEDGER_TEMPLATES, buildReport, parseReportRequest, templateNeeds } from "./catalog";
export { REKONSILIASI, type BuiltRekonsiliasi, type RekonData } from "./rekonsiliasi";
export { PARAM_BLOCK, PARAM_ROW, ledgerPlace, requestFromParams, type LedgerPlace } from "./rekonsiliasi-params";
export { gridCounts, columnLetter, type GridCell, type GridCounts, type ReportGrid, type CellFormat, type CellStyle } from "./grid";
export { ReportScope, resolveScope, type ResolvedScope } from "./scope";
export { scopeOptions, type ScopeOptions } from "./scope-options";
export { ReportRequest, TEMPLATE_IDS, type ReportTemplate, type TemplateData, type TemplateId } from "./types";

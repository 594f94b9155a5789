/** Report templates: definitions as data (catalog.ts), the grid they build (grid.ts), scopes (scope.ts). */
export { TEMPLATES, buildReport, parseReportRequest, templateNeeds } from "./catalog";
export { gridCounts, columnLetter, type GridCell, type GridCounts, type ReportGrid, type CellFormat, type CellStyle } from "./grid";
export { ReportScope, resolveScope, type ResolvedScope } from "./scope";
export { scopeOptions, type ScopeOptions } from "./scope-options";
export { ReportRequest, TEMPLATE_IDS, type ReportTemplate, type TemplateData, type TemplateId } from "./types";

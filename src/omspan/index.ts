/**
 * The core's public entry: everything the faces (functions, pane, ribbon, CLI, server) may use.
 * No Office, React or Node-only imports anywhere below this folder.
 */
export * from "./errors";
export { localizeError } from "./messages";
export { langFromTag, type Lang } from "./i18n";
export { decodeClaims, normaliseKey, KeyClaimsSchema, type KeyClaims } from "./claims";
export {
  DATASET_IDS,
  matchRoute,
  routePath,
  OMSPAN_PRODUCTION_BASE,
  DATA_WEB_SERVICE_PATH,
  PROXY_PREFIX,
  type DatasetId,
  type RouteParams,
} from "./routes";
export { DATASETS, datasetSpec, type DatasetSpec } from "./datasets/catalog";
export { IKPA_INDICATORS, ikpaScore } from "./datasets/ikpa";
export type { ColumnKind, ColumnSpec, ColumnModel, Label } from "./datasets/columns";
export { classifyResponse, classifyJson, type Classified } from "./wire/classify";
export { OmspanClient, type ClientOptions, type PullOptions, type PullProgress } from "./wire/client";
export { GenerationPin, GENERATION_HEADER } from "./wire/generation-pin";
export { TableBuilder } from "./columnar/table-builder";
export { textAt, numberAt, type Table, type Column } from "./columnar/table";
export * from "./convert";
export { Store, keyTag, type Connection, type DatasetData, type HeldAnswer, type OpenPolicy, type StoreOptions, type StoreStatus } from "./store/store";
export { AsOf, AsOfJson, StaleMark, asOfStatus, asOfToJson, asOfFromJson, formatAsOfTime, type AnswerStatus } from "./store/as-of";
export * from "./snapshots";
export { sumDataset, prepareSum, toSumQuery, type SumArgs } from "./query/sums";
export { FORMULAS, formulaSpec, checkArity, evaluateFormula, dataSource, cellErrorKind, type FormulaSpec, type CellValue, type Grid, type Prepared } from "./formulas";
export { parseCodeFilter, codeMatches, codeArgText, SATKER_RULE, AKUN_RULE, type CodeFilter } from "./query/code-filter";
export { parseFilterPairs, FILTER_KEYS } from "./query/filter-pairs";
export { Session, type SessionState } from "./store/session";
export * from "./tables";

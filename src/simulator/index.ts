/**
 * The OMSPAN simulator: a faithful stand-in for the DataWebService with a synthetic BA 056 ministry.
 * Everything other parts of the project may use is exported here and only here.
 *
 * Map: server.ts (HTTP, order of checks) · answers.ts (routes → bodies, paging rules) · stream.ts
 * (chunked writing, drop/truncate) · keys.ts (JWT) · faults.ts · wire.ts (exact fixed bodies, PHP JSON) ·
 * ministry.ts (generation + cache) ← org.ts, geography.ts, catalogue.ts, dipa.ts, realisasi*.ts, ikpa*.ts,
 * pnbp.ts · records.ts (wire layout of each dataset) · calendar.ts (working days, cut-off rule) · main.ts (CLI).
 */
export { startSimulator, type RunningSimulator } from "./server";
export type { FaultOptions, SimulatorOptions } from "./options";
export { DEV_SECRET, mintKey, checkAuthorization, type KeyClaims, type MintOptions, type KeyCheck } from "./keys";
export { generateMinistry, FIRST_YEAR, lastPeriod, type Ministry, type GenerateOptions } from "./ministry";
export type { Profile, Satker, SatkerKind, Eselon1 } from "./org";
export { BA, NMBA, ESELON1 } from "./org";
export type { DipaLine } from "./dipa";
export type { RealisasiTable } from "./realisasi";
export type { IkpaScore } from "./ikpa";
export type { PnbpRow } from "./pnbp";
export { PNBP_SATKER } from "./pnbp";
export {
  dipaRecords, realisasiRecord, realisasiRecords, realisasiCount, danaRecords, ikpaSatkerRecords, ikpaEselon1Records,
  ikpaKlRecords, pnbpRecords, type DipaRecord, type RealisasiRecord, type DanaRecord, type PnbpRecord, type IkpaRecord,
} from "./records";
export { INDICATOR_IDS, IK_KEY, BBT_ORDER, TOTAL_KEY, weightedTotal, baseWeights, type IndicatorId, type Scores } from "./ikpa-indicators";
export { MAX_WINDOW, resolveRoute } from "./answers";
export { NO_DATA_BODY, WRONG_PARAMETER_BODY, SIGNATURE_FAILED, unauthorizedBody, encodeRecord } from "./wire";
export { cutoffDay, simulatorToday, formatOracle } from "./calendar";

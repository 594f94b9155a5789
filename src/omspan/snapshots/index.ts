/** Snapshots kept on this computer: the policy, the port and its browser adapter, the codec, the pin. */
export { Snapshots, DEFAULT_MAX_SNAPSHOT_BYTES, paramsKey, type SnapshotInfo, type LoadedSnapshot, type SnapshotsOptions } from "./snapshots";
export type { SnapshotStore, StoredSnapshot, SnapshotReader } from "./store-port";
export { IndexedDbSnapshotStore, SNAPSHOT_DB } from "./indexeddb-store";
export {
  SNAPSHOT_SCHEMA,
  SNAPSHOT_FORMAT,
  SnapshotHeader,
  SnapshotId,
  SnapshotOutdated,
  SnapshotCorrupt,
  encodeSnapshot,
  decodeSnapshot,
  parseSnapshotHeader,
  newSnapshotId,
  type EncodedSnapshot,
  type SnapshotInput,
} from "./snapshot-codec";
export { frameSnapshot, readFramePrefix, frameLayout, FRAME_PREFIX_BYTES } from "./frame";
export { Pin, PinEntry, PIN_MARKER, PIN_COLUMNS, pinRows, parsePinRows, pinnedEntry, pinAsOf, type ParsedPin } from "./pin";

/**
 * Where one answer of the store comes from, given the store's state — the rules of a bad day in one place:
 *  - frozen: only from the pinned snapshot; a dataset the pin lacks, or a pinned snapshot not on this
 *    computer, is an error naming the pin's as-of — never a quiet pull;
 *  - a dataset's first use since the store started, with "open without waiting" on: the newest snapshot
 *    (marked stale when the session already knows OMSPAN cannot be reached), else a pull;
 *  - a pull; when it fails as unreachable, timeout, 5xx or an unreadable answer, the newest snapshot,
 *    marked stale. A refused key, a wrong parameter, no data or a cancel never fall back.
 *  - a pull the proxy answered (in part) from its last good generation is stale as of that generation's
 *    time — unless this computer holds a newer snapshot, which then answers.
 */
import type { AsOf, StaleMark } from "./as-of";
import { STALE_REASONS } from "./as-of";
import type { OmspanClient } from "../wire/client";
import { datasetData, maxDateOf, type DatasetData } from "./dataset-data";
import { datasetSpec } from "../datasets/catalog";
import { FrozenError, PinnedSnapshotMissingError, isOmspanError } from "../errors";
import type { PullProgress } from "../wire/client";
import type { DatasetId, RouteParams } from "../routes";
import { newSnapshotId } from "../snapshots/snapshot-codec";
import { pinAsOf, pinnedEntry, type Pin } from "../snapshots/pin";
import type { LoadedSnapshot, Snapshots } from "../snapshots/snapshots";
import { TableBuilder } from "../columnar/table-builder";

/** Whether a failed pull may be answered from an older copy (see the file comment). */
export function staleEligible(e: unknown): e is { code: StaleMark["reason"] } {
  if (!isOmspanError(e)) return false;
  if (e.code === "http-status") return (e.detail.status ?? 0) >= 500;
  return (STALE_REASONS as readonly string[]).includes(e.code);
}

/** A kept snapshot as an answer. */
export function snapshotAnswer(kept: LoadedSnapshot, source: "snapshot" | "pin", stale?: StaleMark): DatasetData {
  const asOf: AsOf = {
    fetchedAt: kept.info.fetchedAt,
    ...(kept.info.maxDate !== undefined ? { maxDate: kept.info.maxDate } : {}),
    snapshotId: kept.info.id,
    source,
    ...(stale ? { stale } : {}),
  };
  return datasetData(kept.info.dataset, kept.info.params, kept.table, asOf);
}

/** An answer, and whether it is still to be kept as a snapshot (a pull's; never one read from a snapshot). */
export interface Pulled {
  readonly data: DatasetData;
  readonly keep: boolean;
}

export interface AnswerContext {
  readonly tag: string;
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly signal: AbortSignal;
  readonly onProgress: (p: PullProgress) => void;
  /** Send `Cache-Control: no-cache` (the first pull after a refresh). */
  readonly fresh: boolean;
  readonly snapshots?: Snapshots;
  readonly allowStale: boolean;
}

/** The pinned snapshot of a frozen store (see the file comment). */
export async function fromPin(pin: Pin, c: Pick<AnswerContext, "tag" | "dataset" | "params" | "snapshots">): Promise<DatasetData> {
  const entry = pinnedEntry(pin, c.dataset, c.params);
  if (!entry) throw new FrozenError({ asOf: pinAsOf(pin), dataset: c.dataset });
  const kept = await c.snapshots?.load(entry.snapshotId, c.tag);
  if (!kept) throw new PinnedSnapshotMissingError({ dataset: c.dataset, asOf: entry.fetchedAt });
  return snapshotAnswer(kept, "pin");
}

/** One pull through `client`, or a stale answer in its place (see the file comment). */
export async function pullOrStale(client: OmspanClient, c: AnswerContext): Promise<Pulled> {
  let pulled: DatasetData;
  let proxyStale: boolean;
  try {
    ({ pulled, proxyStale } = await pull(client, c));
  } catch (e) {
    if (!c.allowStale || !c.snapshots || c.signal.aborted || !staleEligible(e)) throw e;
    const kept = await c.snapshots.newest(c.tag, c.dataset, c.params).catch(() => undefined);
    if (!kept) throw e;
    return { data: snapshotAnswer(kept, "snapshot", { reason: e.code, at: new Date() }), keep: false };
  }
  if (!proxyStale) return { data: pulled, keep: Boolean(c.snapshots) };
  const stale: StaleMark = { reason: "proxy-stale", at: new Date() };
  const newer = await c.snapshots?.newest(c.tag, c.dataset, c.params, pulled.asOf.fetchedAt).catch(() => undefined);
  if (newer) return { data: snapshotAnswer(newer, "snapshot", stale), keep: false };
  // Still OMSPAN's data as of that generation: kept like any pull (so it can be frozen), shown stale.
  return { data: { ...pulled, asOf: { ...pulled.asOf, stale } }, keep: Boolean(c.snapshots) };
}

async function pull(client: OmspanClient, c: AnswerContext): Promise<{ pulled: DatasetData; proxyStale: boolean }> {
  const builder = new TableBuilder(datasetSpec(c.dataset));
  const { pages, served } = await client.pull(c.dataset, (page, first) => builder.addPage(page, first), {
    params: c.params,
    signal: c.signal,
    onProgress: c.onProgress,
    read: (body) => builder.readPage(body),
    fresh: c.fresh,
  });
  const table = builder.build();
  const now = new Date();
  // A pull is as old as its oldest answer: the proxy's stored generation may be older than now.
  const fetchedAt = served.oldestAsOf && served.oldestAsOf < now ? served.oldestAsOf : now;
  const maxDate = maxDateOf(c.dataset, table);
  const asOf: AsOf = { fetchedAt, ...(maxDate !== undefined ? { maxDate } : {}), ...(c.snapshots ? { snapshotId: newSnapshotId() } : {}), source: "pull" };
  return { pulled: datasetData(c.dataset, c.params, table, asOf, { pages, requests: client.requests }), proxyStale: served.stale };
}

/**
 * The store's freeze: the pin it answers from while frozen, and the snapshot writes a freeze must wait
 * for (a pull's snapshot is written just after its callers got the answer; freezing right after a pull
 * pins a snapshot only once it is really on this computer).
 */
import type { DatasetData } from "./dataset-data";
import { CannotFreezeError, FrozenError } from "../errors";
import { Pin, pinAsOf } from "../snapshots/pin";
import type { Snapshots } from "../snapshots/snapshots";

export class StoreFreeze {
  pin?: Pin;
  /** Snapshot writes under way or done: id → whether it was kept. */
  private readonly writes = new Map<string, Promise<boolean>>();

  constructor(private readonly snapshots?: Snapshots) {}

  writing(id: string, write: Promise<boolean>): void {
    this.writes.set(id, write);
  }

  async allWritten(): Promise<void> {
    await Promise.all(this.writes.values());
  }

  assertNotFrozen(): void {
    if (this.pin) throw new FrozenError({ asOf: pinAsOf(this.pin) });
  }

  /** Pins the answers held (their snapshots written first); CannotFreezeError when one cannot be pinned. */
  async freeze(held: readonly DatasetData[]): Promise<Pin> {
    if (!held.length) {
      throw new CannotFreezeError({ en: "no OMSPAN data has been pulled yet", id: "belum ada data OMSPAN yang ditarik" });
    }
    if (!this.snapshots) {
      throw new CannotFreezeError({ en: "snapshots are not kept in this runtime", id: "snapshot tidak disimpan di runtime ini" });
    }
    for (const d of held) {
      const id = d.asOf.snapshotId;
      const kept = id !== undefined && (await (this.writes.get(id) ?? Promise.resolve(true)));
      if (!kept) {
        throw new CannotFreezeError(
          { en: `the ${d.dataset} data is not kept on this computer (pull it again, then freeze)`, id: `data ${d.dataset} tidak tersimpan di komputer ini (tarik lagi, lalu bekukan)` },
          { dataset: d.dataset },
        );
      }
    }
    const pin = Pin.parse({
      version: 1,
      frozenAt: new Date().toISOString(),
      entries: held.map((d) => ({
        dataset: d.dataset,
        params: { ...d.params },
        snapshotId: d.asOf.snapshotId,
        fetchedAt: d.asOf.fetchedAt.toISOString(),
        ...(d.asOf.maxDate !== undefined ? { maxDate: d.asOf.maxDate } : {}),
      })),
    });
    this.freezeTo(pin);
    return pin;
  }

  freezeTo(pin: Pin): void {
    this.pin = Pin.parse(pin);
    this.snapshots?.keep(this.pin.entries.map((e) => e.snapshotId));
  }

  unfreeze(): void {
    this.pin = undefined;
    this.snapshots?.keep([]);
  }
}

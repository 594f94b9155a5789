/**
 * One request on the host side of the stand-in. The host (host.ts) replays office.js's actions on the
 * workbook's objects, which only queue operations here, each tagged with the action it came from; then
 * `apply` runs them in order, as Excel runs a batch: operations after a failing one are not applied, earlier
 * ones stay applied. Every request is recorded with its size as office.js built it and the size of the answer.
 */
import type { WorkbookModel } from "./model";
import { StandinError } from "./model";

/** Excel on the web's limit for a request and for an answer (the Excel performance page). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  readonly index: number;
  /** The Excel.run this request belongs to (1, 2, … in the order the runs started). */
  readonly run: number;
  /** Operations in order (`Range.values`, `Worksheet.delete`…): what tests match on. */
  readonly ops: readonly string[];
  /** Bytes of the request text office.js sent (UTF-8). */
  readonly requestBytes: number;
  /** Bytes of the answer. */
  readonly responseBytes: number;
  /** office.js's request flags (64: delayForCellEdit). */
  readonly flags: number;
  /** Whether the batch asked for calculation / screen updating to be suspended. */
  readonly calcSuspended: boolean;
  readonly screenSuspended: boolean;
  /** Time Excel's side took: reading the request, applying it, answering (benchmarks subtract it). */
  readonly applyMs: number;
  readonly error?: string;
}

export interface Op {
  readonly name: string;
  /** Applies the operation; a returned value is the action's answer. */
  readonly run: () => unknown;
  /** Not listed in `ops` (the host's own bookkeeping: instantiating an object path). */
  readonly hidden?: boolean;
}

export interface StandinState {
  readonly model: WorkbookModel;
  readonly syncs: SyncRecord[];
  /** Makes matching requests fail before they apply anything (a lost connection, Excel busy). */
  failWhen?: (sync: { index: number; ops: readonly string[] }) => boolean;
  /**
   * Objects Excel keeps for later requests of an Excel.run (office.js's `_KeepReference`, answered with a
   * `_ReferenceId`): what each stood for when it was kept, by reference id.
   */
  readonly refs?: Map<string, KeptObject>;
}

/** A kept range (or ranges): the cells it stood for when kept. */
export type KeptObject = { readonly kind: "range"; readonly ref: unknown } | { readonly kind: "areas"; readonly refs: unknown };

interface Queued extends Op {
  readonly action: number;
}

export interface Applied {
  /** The answer of each action that had one, by action index. */
  readonly answers: Map<number, unknown>;
  readonly error?: { code: string; message: string; action: number };
  readonly applyMs: number;
}

export class StandinContext {
  private readonly queue: Queued[] = [];
  /** The index of the action being replayed: operations queued now belong to it. */
  action = -1;
  constructor(readonly state: StandinState) {}

  get model(): WorkbookModel {
    return this.state.model;
  }

  enqueue(op: Op): void {
    this.queue.push({ ...op, action: this.action });
  }

  /** Names of the queued operations (what a test matches a request by). */
  get opNames(): string[] {
    return this.queue.filter((o) => !o.hidden).map((o) => o.name);
  }

  apply(): Applied {
    const answers = new Map<number, unknown>();
    const t0 = performance.now();
    for (const op of this.queue) {
      try {
        const a = op.run();
        if (a !== undefined) answers.set(op.action, a);
      } catch (e) {
        const err = e instanceof StandinError ? e : new StandinError("GeneralException", String((e as Error)?.message ?? e));
        return { answers, error: { code: err.code, message: err.message, action: op.action }, applyMs: performance.now() - t0 };
      }
    }
    return { answers, applyMs: performance.now() - t0 };
  }
}

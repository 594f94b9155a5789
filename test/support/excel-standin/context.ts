/**
 * The stand-in's request context: like Office.js, proxies only queue work; `sync` sends the queue as one
 * request and applies it in order. Every sync is recorded with its request and response sizes; a
 * request over 5 MB is refused before anything is applied (RequestPayloadSizeLimitExceeded), and so is
 * an answer over 5 MB (ResponsePayloadSizeLimitExceeded, after the operations ran — as Excel on the web
 * fails the batch). Operations after a failing one are not applied; earlier ones stay applied.
 */
import { StandinError, type WorkbookModel } from "./model";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  readonly index: number;
  readonly ops: readonly string[];
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Whether the batch asked for calculation / screen updating to be suspended. */
  readonly calcSuspended: boolean;
  readonly screenSuspended: boolean;
  /** Time spent applying the operations: Excel's own work, not the add-in's (benchmarks subtract it). */
  readonly applyMs: number;
  readonly error?: string;
}

export interface Op {
  readonly name: string;
  /** What the request carries for this operation (values written, arguments). */
  readonly payload?: unknown;
  /** Applies the operation; a returned value is part of the answer. */
  readonly run: () => unknown;
}

export interface StandinState {
  readonly model: WorkbookModel;
  readonly syncs: SyncRecord[];
  /** Makes a sync fail before it applies anything (a lost connection, Excel busy). */
  failWhen?: (sync: { index: number; ops: readonly string[] }) => boolean;
}

export class StandinContext {
  private queue: Op[] = [];
  constructor(readonly state: StandinState) {}

  get model(): WorkbookModel {
    return this.state.model;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  get pendingOps(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const names = ops.map((o) => o.name);
    const index = this.state.syncs.length;
    const requestBytes = JSON.stringify(ops.map((o) => [o.name, o.payload ?? null])).length;
    let applyMs = 0;
    const record = (responseBytes: number, error?: string) =>
      this.state.syncs.push({
        index,
        ops: names,
        requestBytes,
        responseBytes,
        calcSuspended: names.includes("suspendApiCalculationUntilNextSync"),
        screenSuspended: names.includes("suspendScreenUpdatingUntilNextSync"),
        applyMs,
        error,
      });
    await Promise.resolve();
    if (requestBytes > PAYLOAD_LIMIT) {
      record(0, "RequestPayloadSizeLimitExceeded");
      throw new StandinError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    if (this.state.failWhen?.({ index, ops: names })) {
      record(0, "GeneralException");
      throw new StandinError("GeneralException", "An internal error has occurred.");
    }
    const answers: unknown[] = [];
    const t0 = performance.now();
    for (const op of ops) {
      try {
        const a = op.run();
        if (a !== undefined) answers.push(a);
      } catch (e) {
        applyMs = performance.now() - t0;
        record(JSON.stringify(answers).length, (e as StandinError).code ?? "GeneralException");
        throw e;
      }
    }
    applyMs = performance.now() - t0;
    const responseBytes = JSON.stringify(answers).length;
    record(responseBytes);
    if (responseBytes > PAYLOAD_LIMIT) {
      throw new StandinError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
  }
}

/** Office's error for reading a property that was not loaded and synced. */
export function notLoaded(type: string, prop: string): StandinError {
  return new StandinError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  ).withType(type);
}


/**
 * One queue for the work that writes the add-in's own sheets (the staging and registry sheets, the change
 * report, report sheets): inserting a table, refreshing, building a report. Two of them at once would share
 * the staging sheet and overwrite each other's registry (a ribbon click during the pane's refresh), so they
 * run one after another, in the order they were asked for. Anyone can watch the queue: the pane says what a
 * job waits for.
 */
import type { Label } from "../omspan/datasets/columns";

export interface QueueState {
  /** The job running now. */
  readonly running?: Label;
  /** Jobs waiting, first to run first. */
  readonly waiting: readonly Label[];
}

let tail: Promise<unknown> = Promise.resolve();
let running: Label | undefined;
const waiting: Label[] = [];
const listeners = new Set<(s: QueueState) => void>();

export function queueState(): QueueState {
  return { ...(running ? { running } : {}), waiting: [...waiting] };
}

function emit(): void {
  const s = queueState();
  for (const l of listeners) {
    try {
      l(s);
    } catch (err) {
      console.warn("OMSPAN: a queue listener failed", err);
    }
  }
}

/** Subscribes to the queue's state; returns the unsubscribe function. */
export function onQueueChange(listener: (s: QueueState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `job` once every job queued before it has finished (whether it succeeded or not). */
export function queued<T>(what: Label, job: () => Promise<T>): Promise<T> {
  waiting.push(what);
  emit();
  const result = tail.then(async () => {
    waiting.splice(waiting.indexOf(what), 1);
    running = what;
    emit();
    try {
      return await job();
    } finally {
      running = undefined;
      emit();
    }
  });
  tail = result.catch(() => undefined);
  return result;
}

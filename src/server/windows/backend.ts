/**
 * Where windows live and who downloads them: the per-process backend (local-backend.ts) or Redis
 * (redis-backend.ts). Both offer the same single-flight: for one window at most one download runs (in
 * the process, or across every process), the others wait for it holding no upstream slot.
 */
import type { Readable } from "node:stream";
import type { ErrorAnswer } from "../errors";
import type { Coordinator } from "./generations";
import type { StoredWindow } from "./stored-window";

/** An upstream answer as it came (decoded), to pass on unstored. */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What one download brought. */
export type FillResult =
  | { kind: "stored"; window: StoredWindow; noData?: boolean }
  /** Passed on, never stored (refused key, wrong parameter, other 4xx, unknown shape). */
  | { kind: "pass"; answer: PlainAnswer; refused: boolean }
  /** OMSPAN failing (5xx, 429, HTML, truncated, unreachable, timeout): stale may answer instead. */
  | { kind: "failed"; answer?: PlainAnswer; error?: ErrorAnswer }
  /** Too large to keep: streamed to the first client only. */
  | { kind: "big"; status: number; headers: Record<string, string>; stream: Readable }
  /** The proxy's own refusal (busy). */
  | { kind: "error"; err: unknown };

/** What a waiter learns of another's download. */
export type WaitOutcome = "failed" | "other" | "timeout" | "gone";

export type Obtained =
  | { role: "hit"; window: StoredWindow }
  | { role: "leader"; result: FillResult }
  | { role: "waiter"; window: StoredWindow }
  | { role: "waiter"; outcome: WaitOutcome };

/** The global cap on OMSPAN requests (Redis) or none (per process only). */
export interface UpstreamGate {
  acquire(signal: AbortSignal): Promise<() => void>;
}

/** The download a leader runs, given the backend's gate. */
export type Fetcher = (gate: UpstreamGate) => Promise<FillResult>;

export interface Backend {
  readonly name: "redis" | "local";
  readonly coord: Coordinator;
  /** A stored window, or undefined. */
  get(id: string): Promise<StoredWindow | undefined>;
  /** Stores a value outside a download (Realisasi's end marker). */
  put(id: string, w: StoredWindow): Promise<void>;
  /** The window: stored already, downloaded by this request, or by another one it waited for. */
  obtain(id: string, fetch: Fetcher, signal: AbortSignal): Promise<Obtained>;
}

/** No global cap. */
export const NO_GATE: UpstreamGate = { acquire: async () => () => undefined };

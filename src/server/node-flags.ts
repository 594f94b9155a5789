/**
 * Node/V8 settings that keep the server process small while it streams large answers (measured by
 * `npm run bench -- server`; the numbers below are from the 2-core dev machine, Node 20).
 *
 * Streaming itself is bounded (backpressure holds from the upstream socket to the client's), so what
 * is left is V8's own appetite:
 *  - the young generation grows to 3 × 16 MB under allocation churn (and ~13 MB more at start), which
 *    a 1 MB semi-space cap avoids — a heap-sizing flag, so it must be on the command line
 *    ({@link SERVER_NODE_FLAGS}); it costs a little CPU per request (more frequent scavenges);
 *  - undici parses HTTP with llhttp compiled to WebAssembly, and V8 tiers that module up with its
 *    optimising compiler in the background during the first large answer: a one-time ~35 MB spike.
 *    Keeping it on the baseline compiler (Liftoff) removes the spike at no measurable CPU cost, and,
 *    unlike the heap flags, can be set from inside the process before the module is compiled
 *    ({@link applyRuntimeV8Flags}, called by main.ts).
 */
import { setFlagsFromString } from "node:v8";

/** Flags for the `node` command line (or `NODE_OPTIONS`) that starts the server process. */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=1"];

/** V8 flags the server process sets on itself at start (they take effect when WebAssembly is compiled). */
export const RUNTIME_V8_FLAGS: readonly string[] = ["--liftoff-only"];

/**
 * Sets {@link RUNTIME_V8_FLAGS}. Call once, first thing in the server process, before any upstream
 * connection (undici compiles its parser on the first one). Only for a process of its own: the flag is
 * process-wide.
 */
export function applyRuntimeV8Flags(): void {
  for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
}

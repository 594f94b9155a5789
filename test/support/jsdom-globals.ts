/**
 * What jsdom's window lacks and the core uses (TextEncoder/TextDecoder, web streams), taken from Node.
 * Imported first by each pane test, before any src module loads.
 */
import { TextDecoder, TextEncoder } from "node:util";
import { ReadableStream } from "node:stream/web";

const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
g.ReadableStream ??= ReadableStream;

/** jsdom does no layout, so nothing ever resizes: an observer that never reports (Fluent's MessageBar uses one). */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
g.ResizeObserver ??= NoLayoutResizeObserver;

/**
 * What jsdom lacks and Fluent UI v9 calls while rendering (MessageBar's reflow watches its size with
 * ResizeObserver). jsdom lays nothing out, so an observer that never reports is what a browser would say
 * about a box that never changes size. Import first in a component test.
 */
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

const w = globalThis as { ResizeObserver?: unknown };
if (typeof w.ResizeObserver !== "function") w.ResizeObserver = InertResizeObserver;

/**
 * The undici agent reply-from forwards through, with one addition: each upstream request can be
 * cancelled. reply-from (12.x) passes no abort signal to undici, so a client that hung up left its OMSPAN
 * request running — OMSPAN kept working for nobody, and the pool queued the next users behind those
 * orphans. Here the route registers an AbortSignal under a one-time id it puts in an internal request
 * header; the dispatcher takes the header off (OMSPAN never sees it) and hands undici the signal.
 */
import { randomUUID } from "node:crypto";
import { Agent, type Dispatcher } from "undici";

/** The internal header carrying the signal's id from the route to the dispatcher; never sent upstream. */
export const SIGNAL_HEADER = "x-omspan-abort-id";

type RequestOptions = Omit<Dispatcher.RequestOptions, "headers"> & { headers?: Record<string, string | string[] | undefined> };
type Callback = (err: Error | null, data?: Dispatcher.ResponseData) => void;

/** What reply-from needs of an undici instance: `request` (callback form), plus closing. */
export class AbortableDispatcher {
  private readonly agent: Agent;
  private readonly signals = new Map<string, AbortSignal>();

  constructor(options: Agent.Options) {
    this.agent = new Agent(options);
  }

  /** Registers `signal` for the next request that carries the returned id in SIGNAL_HEADER. */
  register(signal: AbortSignal): string {
    const id = randomUUID();
    this.signals.set(id, signal);
    return id;
  }

  /** Forgets an id whose request never went out (the client left first). */
  forget(id: string): void {
    this.signals.delete(id);
  }

  request(opts: RequestOptions, callback: Callback): void {
    const headers: Record<string, string | string[] | undefined> = { ...opts.headers };
    const id = headers[SIGNAL_HEADER];
    delete headers[SIGNAL_HEADER];
    const signal = typeof id === "string" ? this.signals.get(id) : undefined;
    if (typeof id === "string") this.signals.delete(id);
    this.agent.request({ ...opts, headers, signal }, callback);
  }

  /** A GET of the proxy's own (the shared cache's downloads), not through reply-from; `signal` cancels it. */
  fetch(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const u = new URL(url);
    return this.agent.request({ origin: u.origin, path: u.pathname, method: "GET", headers, signal });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

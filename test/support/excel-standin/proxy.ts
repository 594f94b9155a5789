/**
 * The proxy base of the stand-in: properties are readable only after `load` and `sync` (otherwise
 * PropertyNotLoaded, as in Office.js); writes and method calls are queued and run at `sync`.
 */
import type { StandinContext } from "./context";
import { StandinError } from "./model";

export type LoadArg = string | string[] | { select?: string | string[] } | undefined;

/** `"a, b"`, `["a","b"]`, `{select}` → property paths (`items/name` kept whole). */
export function loadList(arg: LoadArg): string[] | undefined {
  if (arg === undefined) return undefined;
  const raw = typeof arg === "string" || Array.isArray(arg) ? arg : arg.select;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : raw.split(",")).map((s) => s.trim()).filter(Boolean);
}

export abstract class ProxyBase {
  protected readonly loaded = new Map<string, unknown>();
  constructor(
    protected readonly ctx: StandinContext,
    readonly type: string,
  ) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new StandinError(
        "PropertyNotLoaded",
        `${this.type}.${prop}: the property is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  /** The property values to answer a load with (props undefined = the scalar defaults). */
  protected abstract snapshot(props: string[] | undefined): Record<string, unknown>;

  load(arg?: LoadArg): this {
    const props = loadList(arg);
    this.ctx.enqueue({
      name: `${this.type}.load`,
      payload: props ?? null,
      run: () => {
        const snap = this.snapshot(props);
        for (const [k, v] of Object.entries(snap)) this.loaded.set(k, v);
        return snap;
      },
    });
    return this;
  }

  protected call(name: string, payload: unknown, run: () => unknown): void {
    this.ctx.enqueue({ name, payload, run });
  }

  /** Lets later code read a property as loaded (the answer to a nested `items/…` load). */
  setLoaded(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }
}

/** Splits `items/name` loads into the child's property names. */
export function childProps(props: string[] | undefined): string[] | undefined {
  if (!props) return undefined;
  const sub = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
  return sub.length ? sub : props.includes("items") ? [] : undefined;
}

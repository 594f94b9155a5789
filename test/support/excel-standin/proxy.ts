/**
 * The base of the workbook's objects on the host side. office.js (the client, office-js.ts) sends actions;
 * the host (host.ts) calls the matching member here: navigation properties and methods give other objects,
 * property setters and methods queue operations that run when the request is applied, and `snapshot`
 * answers a load. Names follow Office.js's camelCase (office.js's PascalCase wire names, first letter lower).
 */
import type { StandinContext } from "./context";
import { StandinError } from "./errors";

export abstract class ProxyBase {
  constructor(
    protected readonly ctx: StandinContext,
    readonly type: string,
  ) {}

  /**
   * The answer to a load of `props` (undefined: the default scalar properties), camelCase as Office.js names
   * them; `null` for a null object. Runs when the request is applied.
   */
  abstract snapshot(props: string[] | undefined): Record<string, unknown> | null;

  /** Queues an operation; its return value (if any) is the action's answer. */
  protected call(name: string, run: () => unknown): void {
    this.ctx.enqueue({ name, run });
  }
}

/** Objects that stand for something that may not exist (getItemOrNullObject, ranges of a deleted sheet). */
export interface Resolvable {
  resolve(): unknown;
}

/** A collection answers a load with its items' snapshots. */
export interface ItemSnapshots {
  /** Each item's snapshot for the item properties asked (undefined: their defaults). */
  itemSnapshots(props: string[] | undefined): Record<string, unknown>[];
}

export const isCollection = (o: unknown): o is ItemSnapshots => typeof (o as ItemSnapshots)?.itemSnapshots === "function";

/** The properties a snapshot keeps: those asked (with isNullObject), or all. */
export function pick(all: Record<string, unknown>, props: string[] | undefined): Record<string, unknown> {
  if (!props) return all;
  const out: Record<string, unknown> = {};
  for (const p of props) {
    if (p === "isNullObject") continue;
    if (!(p in all)) throw new StandinError("PropertyNotLoaded", `the stand-in has no property ${p}`);
    out[p] = all[p];
  }
  return out;
}


/**
 * The host side of the stand-in: what Excel does with office.js's requests. Each request (the RichApi
 * protocol: ObjectPaths and Actions, exactly the text office.js sent) is replayed on the workbook's objects
 * (book.ts, range.ts, layout.ts), applied in order, and answered in the same protocol, so office.js itself
 * reads every answer. Before anything runs, the request is refused as Excel on the web refuses it:
 *  - in cell-edit mode, unless the batch asked `delayForCellEdit` (then it waits until editing ends);
 *  - over 5 MB, as office.js sent it (RequestPayloadSizeLimitExceeded); an answer over 5 MB fails too
 *    (ResponsePayloadSizeLimitExceeded), after the operations ran.
 * A failing action stops the batch there (the actions before it stay applied) and office.js raises the error
 * with the statement that failed.
 */
import { DELAY_FOR_CELL_EDIT_FLAG, type BridgeMessage, type BridgeResult } from "./office-js";
import { PAYLOAD_LIMIT, StandinContext, type KeptObject, type StandinState } from "./context";
import { StandinError } from "./model";
import { ProxyBase, isCollection } from "./proxy";
import { WorkbookProxy } from "./book";
import { RangeAreasProxy, RangeProxy, type RangeRef } from "./range";

interface ObjectPathInfo {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  readonly QueryInfo?: { Select?: string[]; Expand?: string[] };
}

interface RequestBody {
  readonly Actions: ActionInfo[];
  readonly ObjectPaths: Record<string, ObjectPathInfo>;
}

const enum PathType { GlobalObject = 1, NewObject = 2, Method = 3, Property = 4, Indexer = 5, ReferenceId = 6 }
const enum ActionType { Instantiate = 1, Query = 2, Method = 3, SetProperty = 4, Trace = 5, EnsureUnchanged = 8 }

/** Office's host error codes the bridge answers with (RichApiMessageUtility). */
const CELL_EDIT_MODE = 5004;
const REQUEST_TOO_LARGE = 5103;
const RESPONSE_TOO_LARGE = 5104;

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A snapshot (camelCase) as the wire answers it (PascalCase; collections' items under `_Items`). */
function wireValue(snap: Record<string, unknown> | null): unknown {
  if (snap === null) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(snap)) {
    if (k === "isNullObject") continue;
    if (k === "items" && Array.isArray(v)) out._Items = v.map((item) => wireValue(item as Record<string, unknown>));
    else out[pascal(k)] = v;
  }
  return out;
}

/** The properties a Query asks for, as the stand-in's snapshot takes them (undefined: the defaults). */
function selected(q: ActionInfo["QueryInfo"]): string[] | undefined {
  const s = q?.Select;
  if (!s || s.length === 0 || s.includes("*")) return undefined;
  return s;
}

/** Excel's work on one request, in the order office.js queued it. */
class RequestReplay {
  private readonly objects = new Map<number, unknown>();
  /** Objects this request asked Excel to keep (answered with a reference id at their next instantiation). */
  private readonly keep = new Set<unknown>();
  constructor(
    private readonly ctx: StandinContext,
    private readonly body: RequestBody,
    private readonly refs: Map<string, KeptObject>,
  ) {}

  /** The object an object path stands for, made on first use (parents first, as office.js instantiates them). */
  private object(id: number): unknown {
    if (this.objects.has(id)) return this.objects.get(id);
    const info = this.body.ObjectPaths[String(id)];
    if (!info) throw new StandinError("InvalidObjectPath", `object path ${id} is not in the request`);
    const made = this.make(info);
    this.objects.set(id, made);
    return made;
  }

  private args(a: ActionInfo["ArgumentInfo"]): unknown[] {
    const values = a?.Arguments ?? [];
    const refs = a?.ReferencedObjectPathIds ?? [];
    // An argument left out travels as null; the objects' own defaults apply to undefined.
    return values.map((v, i) => (refs[i] ? this.object(refs[i]!) : v === null ? undefined : v));
  }

  private make(info: ObjectPathInfo): unknown {
    if (info.ObjectPathType === PathType.GlobalObject) return new WorkbookProxy(this.ctx);
    if (info.ObjectPathType === PathType.ReferenceId) {
      const kept = this.refs.get(info.Name);
      if (!kept) throw new StandinError("InvalidObjectPath", `The object with reference ${info.Name} is no longer kept.`);
      // A kept range stands for the cells it held when kept (Excel would also follow them through shifts).
      return kept.kind === "range" ? new RangeProxy(this.ctx, () => kept.ref as RangeRef) : new RangeAreasProxy(this.ctx, () => kept.refs as RangeRef[]);
    }
    const parent = this.object(info.ParentObjectPathId!) as Record<string, unknown>;
    const member = (name: string) => {
      if (parent === null || parent === undefined || !(name in parent)) {
        throw new StandinError("NotImplemented", `the stand-in has no ${name} on ${(parent as unknown as ProxyBase | null)?.type ?? "this object"}`);
      }
      return parent[name];
    };
    switch (info.ObjectPathType) {
      case PathType.Property:
        return member(camel(info.Name));
      case PathType.Method:
        return (member(camel(info.Name)) as (...a: unknown[]) => unknown).apply(parent, this.args(info.ArgumentInfo));
      case PathType.Indexer:
        return (member("getItem") as (k: unknown) => unknown).call(parent, info.ArgumentInfo?.Arguments?.[0]);
      default:
        throw new StandinError("NotImplemented", `object path type ${info.ObjectPathType}`);
    }
  }

  /** Keeps a range (or ranges) as they are now and answers the reference id office.js will use for it. */
  private kept(target: unknown): unknown {
    const what = (target as { resolve(): unknown }).resolve();
    if (what === null) return null;
    const id = `ref-${nextReference++}`;
    this.refs.set(id, Array.isArray(what) ? { kind: "areas", refs: what } : { kind: "range", ref: what });
    return { _ReferenceId: id };
  }

  /**
   * Queues the work of every action; the answers come when the context applies it. An object that refuses a
   * call at once (a bad argument) stops the replay there: that action fails after the ones before it ran.
   */
  replay(): { code: string; message: string; action: number } | undefined {
    for (let index = 0; index < this.body.Actions.length; index++) {
      try {
        this.replayOne(this.body.Actions[index]!, index);
      } catch (e) {
        const err = e as StandinError;
        if (!(err instanceof StandinError) || err.code === "NotImplemented" || err.code === "InvalidObjectPath") throw e;
        return { code: err.code, message: err.message, action: index };
      }
    }
    return undefined;
  }

  private replayOne(action: ActionInfo, index: number): void {
    this.ctx.action = index;
    if (action.ActionType === ActionType.Trace || action.ActionType === ActionType.EnsureUnchanged) return;
    const target = this.object(action.ObjectPathId);
    switch (action.ActionType) {
      case ActionType.Instantiate: {
        // Excel resolves the path here: getItem of a missing sheet fails the batch even if nothing uses it.
        const keep = this.keep.has(target);
        this.ctx.enqueue({ name: "instantiate", hidden: true, run: () => (keep ? this.kept(target) : instantiated(target)) });
        return;
      }
      case ActionType.Query:
        this.ctx.enqueue({
          name: `${(target as ProxyBase).type}.load`,
          run: () => {
            const props = selected(action.QueryInfo);
            if (isCollection(target)) return { _Items: target.itemSnapshots(props).map((s) => wireValue(s)) };
            return wireValue((target as ProxyBase).snapshot(props)) ?? null;
          },
        });
        return;
      case ActionType.SetProperty: {
        const [value] = action.ArgumentInfo?.Arguments ?? [];
        const name = camel(action.Name);
        if (!(name in (target as object))) throw new StandinError("NotImplemented", `the stand-in cannot set ${name} on ${(target as ProxyBase).type}`);
        (target as Record<string, unknown>)[name] = value;
        return;
      }
      case ActionType.Method: {
        // Excel.run keeps each range for the run's later requests: office.js re-instantiates it next, and the
        // answer's reference id becomes its path from then on.
        if (action.Name === "_KeepReference") return void this.keep.add(target);
        if (action.Name === "_RemoveReference") return void this.refs.delete(String(action.ArgumentInfo?.Arguments?.[0]));
        const name = camel(action.Name);
        const fn = (target as Record<string, unknown>)[name];
        if (typeof fn !== "function") throw new StandinError("NotImplemented", `the stand-in has no method ${name} on ${(target as ProxyBase).type}`);
        fn.apply(target, this.args(action.ArgumentInfo));
        return;
      }
      default:
        throw new StandinError("NotImplemented", `action type ${action.ActionType}`);
    }
  }
}

/** Where the next reference id comes from (unique across stand-ins, like Excel's). */
let nextReference = 1;

/** The answer to an Instantiate: null for a null object, the id for objects that have one (office.js re-paths them by it). */
function instantiated(target: unknown): unknown {
  const r = (target as { resolve?: () => unknown })?.resolve;
  if (typeof r !== "function") return undefined;
  const what = r.call(target) as { id?: unknown } | null;
  if (what === null) return null;
  return typeof what?.id === "string" ? { Id: what.id } : undefined;
}

export interface HostOptions {
  /** Whether the user is editing a cell now (a request then fails or waits). */
  editing(): Promise<void> | undefined;
  /** Which Excel.run a request belongs to (from office.js's custom data, tagged by the stand-in's run). */
  runOf(customData: string): number;
}

/** Answers one office.js request against the stand-in's workbook. */
export function answerRequest(state: StandinState, opts: HostOptions, message: BridgeMessage, reply: (r: BridgeResult) => void): void {
  const [customData, , , , text, , flags] = message;
  const fail = (code: number, msg: string) => reply({ status: "failed", error: { code, message: msg } });
  const editEnds = opts.editing();
  if (editEnds) {
    if (!(flags & DELAY_FOR_CELL_EDIT_FLAG)) {
      record(state, { run: opts.runOf(customData), ops: [], requestBytes: Buffer.byteLength(text, "utf8"), flags, error: "InvalidOperationInCellEditMode" });
      queueMicrotask(() => fail(CELL_EDIT_MODE, "Excel is in cell-editing mode."));
      return;
    }
    void editEnds.then(() => answerRequest(state, opts, message, reply));
    return;
  }
  queueMicrotask(() => {
    try {
      answerNow(state, opts, text, customData, flags, reply);
    } catch (e) {
      // A stand-in bug must fail the batch, never leave office.js waiting for an answer.
      console.error("Excel stand-in: the request could not be answered", e);
      reply({ status: "failed", error: { code: 5001, message: `the Excel stand-in failed: ${(e as Error)?.stack ?? String(e)}` } });
    }
  });
}

function answerNow(state: StandinState, opts: HostOptions, text: string, customData: string, flags: number, reply: (r: BridgeResult) => void): void {
  const fail = (code: number, msg: string) => reply({ status: "failed", error: { code, message: msg } });
  // Everything here is Excel's side of a sync (reading the request, doing it, answering): benchmarks subtract it.
  const t0 = performance.now();
  {
    const requestBytes = Buffer.byteLength(text, "utf8");
    const run = opts.runOf(customData);
    if (requestBytes > PAYLOAD_LIMIT) {
      record(state, { run, ops: [], requestBytes, flags, error: "RequestPayloadSizeLimitExceeded" });
      fail(REQUEST_TOO_LARGE, "The request payload size has exceeded the limit.");
      return;
    }
    const ctx = new StandinContext(state);
    const body = JSON.parse(text) as RequestBody;
    let ops: string[] = [];
    let refused: { code: string; message: string; action: number } | undefined;
    try {
      refused = new RequestReplay(ctx, body, state.refs ?? new Map()).replay();
      ops = ctx.opNames;
    } catch (e) {
      // The stand-in cannot play this request: say so loudly rather than pretend it worked.
      const err = e as StandinError;
      record(state, { run, ops, requestBytes, flags, error: err.code ?? "NotImplemented" });
      reply(success({ Error: { Code: err.code ?? "NotImplemented", Message: err.message, HttpStatusCode: 501 } }));
      return;
    }
    if (state.failWhen?.({ index: state.syncs.length, ops })) {
      record(state, { run, ops, requestBytes, flags, error: "GeneralException" });
      reply(success({ Error: { Code: "GeneralException", Message: "An internal error has occurred.", HttpStatusCode: 500 } }));
      return;
    }
    const ran = ctx.apply();
    const applied = ran.error || !refused ? ran : { ...ran, error: refused };
    const results = [...applied.answers].map(([i, value]) => ({ ActionId: body.Actions[i]!.Id, Value: value }));
    const answer: Record<string, unknown> = { Results: results };
    if (applied.error) {
      answer.Error = { Code: applied.error.code, Message: applied.error.message, ActionIndex: applied.error.action, HttpStatusCode: 400 };
    }
    const responseText = JSON.stringify(answer);
    const responseBytes = Buffer.byteLength(responseText, "utf8");
    const tooLarge = !applied.error && responseBytes > PAYLOAD_LIMIT;
    record(state, { run, ops, requestBytes, responseBytes, flags, applyMs: performance.now() - t0, error: applied.error?.code ?? (tooLarge ? "ResponsePayloadSizeLimitExceeded" : undefined) });
    if (tooLarge) fail(RESPONSE_TOO_LARGE, "The response payload size has exceeded the limit.");
    else reply({ status: "succeeded", value: { data: [200, [], responseText] } });
  }
}

const success = (answer: Record<string, unknown>): BridgeResult => ({ status: "succeeded", value: { data: [200, [], JSON.stringify(answer)] } });

function record(
  state: StandinState,
  r: { run: number; ops: string[]; requestBytes: number; flags: number; responseBytes?: number; applyMs?: number; error?: string },
): void {
  state.syncs.push({
    index: state.syncs.length,
    run: r.run,
    ops: r.ops,
    requestBytes: r.requestBytes,
    responseBytes: r.responseBytes ?? 0,
    flags: r.flags,
    calcSuspended: r.ops.includes("suspendApiCalculationUntilNextSync"),
    screenSuspended: r.ops.includes("suspendScreenUpdatingUntilNextSync"),
    applyMs: r.applyMs ?? 0,
    ...(r.error ? { error: r.error } : {}),
  });
}

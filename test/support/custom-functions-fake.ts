/**
 * The stand-in for Excel's custom-functions runtime. Excel cannot run here, so this calls the entry
 * points of src/functions/functions.ts the way Excel does, as far as the project depends on it:
 * - the metadata is generated from the JSDoc with the same generator the build uses, and each function
 *   is called by its id through the generated associations;
 * - a matrix parameter (`any[][]`) gets a 2D array: a typed value or a single cell as a 1×1 range;
 * - an omitted optional argument is null (Microsoft's documented rule);
 * - an empty *referenced* cell is 0 on Excel for Windows and null on Excel on the web (office-js #4702);
 * - a data-type cell (entity, linked data, formatted number) is handed over as its object when the
 *   metadata says `allowCustomDataForDataTypeAny` (what the generator writes), else as its basic value;
 * - a call with fewer than the required or more than the declared arguments never reaches the function
 *   (Excel refuses the formula);
 * - `CustomFunctions.Error` exists, with the `code` Excel shows (`#VALUE!`, `#N/A`, `#DIV/0!`) and the
 *   message only where Excel shows one (#VALUE!, #N/A);
 * - on the web, a result over 5 MB never reaches the cell, which stays `#BUSY!` (office-js #2786, #2222,
 *   #4654): the fake answers "#BUSY!" for it.
 */
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" } as const;

/** The error codes whose custom message Excel shows (the ErrorCode reference); others show none. */
const WITH_MESSAGE = new Set<string>([ErrorCode.invalidValue, ErrorCode.notAvailable]);

/**
 * Excel's CustomFunctions.Error as it would show in the cell: `code` is the cell error, `message` what
 * its error indicator shows — nothing for codes that take no custom message (#DIV/0!, #NUM!).
 */
export class FakeCellError extends Error {
  constructor(readonly code: string, message?: string) {
    super(WITH_MESSAGE.has(code) ? message : "");
  }
}

/** Installs the `CustomFunctions` global the functions map errors through. */
export function installCustomFunctionsFake(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: FakeCellError,
    ErrorCode,
    associate(): void {},
  };
}

export type Platform = "windows" | "web";

/** Excel on the web's limit for a custom function's result, and what the cell shows past it. */
export const RESULT_LIMIT = 5 * 1024 * 1024;
export const STILL_BUSY = "#BUSY!";

/** An argument as it sits in a formula. */
export type Arg = unknown | CellRef | RangeRef | typeof OMITTED;

/** A reference to one cell holding `value` (`EMPTY` for an empty cell). */
export interface CellRef {
  readonly kind: "cell";
  readonly value: unknown;
}
/** A reference to a range, row by row (`EMPTY` for empty cells). */
export interface RangeRef {
  readonly kind: "range";
  readonly rows: readonly (readonly unknown[])[];
}

export const EMPTY: unique symbol = Symbol("empty cell");
/** An argument left out between separators, `=F(a; ; c)`. */
export const OMITTED: unique symbol = Symbol("omitted");

export const cell = (value: unknown): CellRef => ({ kind: "cell", value });
export const range = (rows: readonly (readonly unknown[])[]): RangeRef => ({ kind: "range", rows });
/** A range one column wide (satker down). */
export const down = (...values: unknown[]): RangeRef => range(values.map((v) => [v]));
/** A range one row wide (akun across). */
export const across = (...values: unknown[]): RangeRef => range([values]);

/** An entity data type cell (Microsoft 365): its basic value is the error #VALUE!, its text what the cell shows. */
export const entity = (text: string) => ({ type: "Entity", text, basicType: "Error", basicValue: "#VALUE!", properties: {} });
/** A formatted number data type cell. */
export const formattedNumber = (n: number, numberFormat = "0") => ({ type: "Double", basicType: "Double", basicValue: n, numberFormat });

interface ParamMeta {
  readonly name: string;
  readonly optional?: boolean;
  readonly dimensionality?: "matrix";
}
interface FunctionMeta {
  readonly id: string;
  readonly parameters: readonly ParamMeta[];
  readonly result: { readonly dimensionality?: "matrix" };
}

const isRef = (v: unknown): v is CellRef | RangeRef =>
  typeof v === "object" && v !== null && ((v as CellRef).kind === "cell" || (v as RangeRef).kind === "range");

export class CustomFunctionsRuntime {
  /** How empty referenced cells arrive. */
  platform: Platform = "web";
  private constructor(
    readonly metadata: { allowCustomDataForDataTypeAny?: boolean; functions: readonly FunctionMeta[] },
    private readonly entries: ReadonlyMap<string, (...args: unknown[]) => unknown>,
  ) {}

  /** Generates the metadata from functions.ts (as the build does) and binds each id to its entry point. */
  static async load(): Promise<CustomFunctionsRuntime> {
    installCustomFunctionsFake();
    const file = path.join(__dirname, "../../src/functions/functions.ts");
    const generated = await generateCustomFunctionsMetadata(file);
    if (generated.errors.length) throw new Error(`metadata: ${generated.errors.join("; ")}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the CustomFunctions global exists
    const mod = require("../../src/functions/functions") as Record<string, (...args: unknown[]) => unknown>;
    const entries = new Map<string, (...args: unknown[]) => unknown>();
    for (const a of generated.associate) {
      const fn = mod[a.functionName];
      if (typeof fn !== "function") throw new Error(`no export ${a.functionName} for ${a.id}`);
      entries.set(a.id, fn);
    }
    return new CustomFunctionsRuntime(JSON.parse(generated.metadataJson), entries);
  }

  /** What reaches the cell: on the web, a result over 5 MB never does (the cell stays #BUSY!). */
  static delivered(result: unknown, platform: Platform): unknown {
    return platform === "web" && Buffer.byteLength(JSON.stringify(result) ?? "", "utf8") > RESULT_LIMIT ? STILL_BUSY : result;
  }

  meta(id: string): FunctionMeta {
    const m = this.metadata.functions.find((f) => f.id === id);
    if (!m) throw new Error(`#NAME? — no function ${id}`);
    return m;
  }

  /** A cell's value as Excel hands it to a parameter. */
  private value(v: unknown): unknown {
    if (v === EMPTY) return this.platform === "windows" ? 0 : null;
    if (typeof v === "object" && v !== null && "basicValue" in v && !this.metadata.allowCustomDataForDataTypeAny) {
      return (v as { basicValue: unknown }).basicValue;
    }
    return v;
  }

  private argument(p: ParamMeta, a: unknown): unknown {
    if (a === OMITTED) return null;
    const matrix = p.dimensionality === "matrix";
    if (isRef(a) && a.kind === "range") {
      if (!matrix && (a.rows.length !== 1 || a.rows[0]!.length !== 1)) {
        throw new Error(`stand-in: a range given to the single-value parameter ${p.name} (Excel would lift it; not modelled)`);
      }
      const rows = a.rows.map((r) => r.map((v) => this.value(v)));
      return matrix ? rows : rows[0]![0];
    }
    const v = this.value(isRef(a) ? (a as CellRef).value : a);
    return matrix ? [[v]] : v;
  }

  /**
   * `=OMSPAN.<id>(args…)` as Excel evaluates it: the function's answer (a matrix for matrix results), or
   * the rejection Excel would show as the cell's error.
   */
  call(id: string, ...args: Arg[]): Promise<unknown> {
    const m = this.meta(id);
    const required = m.parameters.filter((p) => !p.optional).length;
    if (args.length < required || args.length > m.parameters.length) {
      return Promise.reject(new Error(`Excel refuses =OMSPAN.${id} with ${args.length} arguments`));
    }
    const handed = m.parameters.map((p, i) => (i < args.length ? this.argument(p, args[i]) : null));
    return Promise.resolve(this.entries.get(id)!(...handed)).then((r) => CustomFunctionsRuntime.delivered(r, this.platform));
  }

  /** The single value a 1×1 answer shows in its cell. */
  async value1(id: string, ...args: Arg[]): Promise<unknown> {
    const r = await this.call(id, ...args);
    if (Array.isArray(r)) {
      if (r.length !== 1 || r[0].length !== 1) throw new Error(`${id} spilled ${r.length}×${r[0]?.length}, not one value`);
      return r[0][0];
    }
    return r;
  }
}

/**
 * What the report-template tests share: a simulator profile with the tables a template's layout reads
 * (pulled through the core's Store) and the same data as raw pages for the independent reference, and
 * the evaluation of a built grid with that reference.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { dataSource, formulaSpec } from "../../src/omspan/formulas";
import type { DatasetData } from "../../src/omspan/store/store";
import { Store, type Connection } from "../../src/omspan/store/store";
import type { ReportGrid, TemplateData } from "../../src/omspan/templates";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { referenceOmspan, type ReportRaw } from "./report-reference";
import { SheetEvaluator, type OmspanCall, type Scalar } from "./sheet-evaluator";
import { rawRealisasi } from "./stack";
import type { Raw } from "./sums-reference";

export const REPORT_YEAR = 2026;

export interface ReportProfile {
  readonly sim: RunningSimulator;
  readonly conn: Connection;
  readonly data: TemplateData;
  readonly raw: ReportRaw;
  /** The reference's OMSPAN answers, grouped once. */
  readonly reference: OmspanCall;
  /** The formula catalogue's answers over the same pulls (what the cells compute in Excel). */
  readonly catalogue: OmspanCall;
}

/** OMSPAN calls answered by the formula catalogue over datasets already pulled; a cell's error as its code. */
export function catalogueOmspan(held: readonly DatasetData[]): OmspanCall {
  const source = dataSource(...held);
  return (name, args) => {
    try {
      const value = formulaSpec(name).prepare(args).run(source);
      if (Array.isArray(value)) throw new Error(`OMSPAN.${name} spilled where the report expects one value`);
      return typeof value === "object" ? { error: value.name } : value;
    } catch (err) {
      return { error: (err as Error).name };
    }
  };
}

async function rawGet(sim: RunningSimulator, key: string, route: string): Promise<Raw[]> {
  const res = await fetch(`${sim.baseUrl}${route}`, { headers: { Authorization: `Bearer ${key}` } });
  return (await res.json()) as Raw[];
}

export async function loadReportProfile(profile: "demo" | "full"): Promise<ReportProfile> {
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile });
  const key = await sim.mintKey({ year: REPORT_YEAR });
  const conn = { baseUrl: sim.baseUrl, key };
  const store = new Store((c) => new OmspanClient(c));
  const held = await Promise.all((["dipa", "dana", "ikpa-satker", "realisasi"] as const).map((d) => store.get(conn, d)));
  const [dipa, dana, ikpa] = held;
  const raw: ReportRaw = {
    dipa: await rawGet(sim, key, "DipaBelanjaKL/BELANJA"),
    realisasi: await rawRealisasi(sim.baseUrl, key),
    dana: await rawGet(sim, key, "DataFA"),
    ikpaSatker: await rawGet(sim, key, "CapaianIKSatkerRe"),
  };
  return {
    sim,
    conn,
    raw,
    reference: referenceOmspan(raw),
    catalogue: catalogueOmspan(held),
    data: { dipa: dipa!.table, dana: dana!.table, "ikpa-satker": ikpa!.table },
  };
}

/** Evaluates a grid's cells, OMSPAN calls answered by `omspan`. */
export function evaluateGrid(grid: ReportGrid, omspan: OmspanCall): (r: number, c: number) => Scalar {
  const ev = new SheetEvaluator((r, c) => {
    const cell = grid.cells[r]?.[c];
    return cell?.formula ?? cell?.value;
  }, omspan);
  return (r, c) => ev.valueAt(r, c);
}

/** A Kanwil, one of its land offices, and the first central unit of a profile. */
export function pickSatker(raw: ReportRaw): { central: string; kanwil: string; kantah: string } {
  const codes = [...new Set(raw.dipa.map((r) => r.KDSATKER!))].sort();
  const kanwil = codes.find((c) => !c.startsWith("6000") && c.endsWith("001"))!;
  const kantah = codes.find((c) => c !== kanwil && c.slice(0, 3) === kanwil.slice(0, 3))!;
  return { central: codes[0]!, kanwil, kantah };
}

/**
 * Errors: no OMSPAN cell (an `=OMSPAN.…` formula, or a cell of an OMSPAN table) shows an error, no
 * formula that depends on one does (followed through other formulas and across sheets), and no report
 * sheet holds `#REF!` (a row or sheet deleted under a formula). A cell still calculating (#BUSY!,
 * #GETTING_DATA) is named apart: run Siap Rapat again once Excel has finished.
 */
import { inArea, parseFormula, referencesOf, type Area } from "../sheet-calc";
import type { CheckContext } from "./context";
import type { CellRef } from "./model";
import { isOmspanFormula } from "./report-layout";
import { errorOf, type SheetGrid } from "./sheet-grid";
import { label, type Finding } from "./types";

const CALCULATING = new Set(["#BUSY!", "#GETTING_DATA"]);

class Dependencies {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly ctx: CheckContext, private readonly tables: readonly { sheet: string; area: Area }[]) {}

  /** Whether the formula in a cell reads an OMSPAN cell, directly or through other formulas. */
  readsOmspan(grid: SheetGrid, row: number, col: number): boolean {
    const key = `${grid.name.toLowerCase()}!${row},${col}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.memo.set(key, false); // a cycle reads nothing new
    let refs: ReturnType<typeof referencesOf>;
    try {
      refs = referencesOf(parseFormula(grid.formula(row, col) ?? ""));
    } catch {
      return false;
    }
    const found = refs.some((ref) => {
      const g = ref.sheet === undefined ? grid : this.ctx.grid(ref.sheet);
      if (!g) return false;
      if (this.tables.some((t) => t.sheet.toLowerCase() === g.name.toLowerCase() && overlaps(t.area, ref.area))) return true;
      const bottom = Math.min(ref.area.bottom, g.rowEnd - 1);
      for (let r = ref.area.top; r <= bottom; r++) {
        for (let c = ref.area.left; c <= ref.area.right; c++) {
          const f = g.formula(r, c);
          if (f && (isOmspanFormula(f) || this.readsOmspan(g, r, c))) return true;
        }
      }
      return false;
    });
    this.memo.set(key, found);
    return found;
  }
}

const overlaps = (a: Area, b: Area) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function grouped(ctx: CheckContext, check: Finding["check"], severity: Finding["severity"], cells: Map<string, { refs: CellRef[]; codes: Set<string> }>, text: (n: number, sheet: string, codes: string) => { en: string; id: string }): Finding[] {
  return [...cells.values()].map(({ refs, codes }) => ctx.finding(check, severity, text(refs.length, refs[0]!.sheet, [...codes].join(", ")), refs));
}

function add(map: Map<string, { refs: CellRef[]; codes: Set<string> }>, ref: CellRef, code: string): void {
  let e = map.get(ref.sheet);
  if (!e) map.set(ref.sheet, (e = { refs: [], codes: new Set() }));
  e.refs.push(ref);
  e.codes.add(code);
}

export function errorChecks(ctx: CheckContext): { omspan: Finding[]; dependent: Finding[]; ref: Finding[] } {
  const tables = ctx.model.tables.map((t) => ({ sheet: t.sheet, area: t.area }));
  const deps = new Dependencies(ctx, tables);
  const reports = new Set(ctx.model.reports.map((r) => r.sheet.toLowerCase()));
  const omspan = new Map<string, { refs: CellRef[]; codes: Set<string> }>();
  const busy = new Map<string, { refs: CellRef[]; codes: Set<string> }>();
  const dependent = new Map<string, { refs: CellRef[]; codes: Set<string> }>();
  const ref = new Map<string, { refs: CellRef[]; codes: Set<string> }>();
  for (const grid of ctx.grids.values()) {
    const own = tables.filter((t) => t.sheet.toLowerCase() === grid.name.toLowerCase());
    const isReport = reports.has(grid.name.toLowerCase());
    for (const c of grid.cells()) {
      if (c.formula) ctx.count(isOmspanFormula(c.formula) ? "errors.omspan" : "errors.dependent");
      if (isReport) ctx.count("errors.ref");
      const code = errorOf(c.value);
      if (isReport && (code === "#REF!" || c.formula?.toUpperCase().includes("#REF!"))) add(ref, grid.ref(c.row, c.col), "#REF!");
      if (!code) continue;
      const at = grid.ref(c.row, c.col);
      if (isOmspanFormula(c.formula) || own.some((t) => inArea(t.area, c.row, c.col))) add(CALCULATING.has(code) ? busy : omspan, at, code);
      else if (c.formula && deps.readsOmspan(grid, c.row, c.col)) add(CALCULATING.has(code) ? busy : dependent, at, code);
    }
  }
  return {
    omspan: [
      ...grouped(ctx, "errors.omspan", "stop", omspan, (n, s, codes) =>
        label(`${n} OMSPAN cell(s) on ${s} show an error (${codes})`, `${n} sel OMSPAN di ${s} menampilkan galat (${codes})`),
      ),
      ...grouped(ctx, "errors.omspan", "warn", busy, (n, s) =>
        label(`${n} cell(s) on ${s} were still calculating: run Siap Rapat again when Excel has finished`, `${n} sel di ${s} masih dihitung: jalankan Siap Rapat lagi setelah Excel selesai`),
      ),
    ],
    dependent: grouped(ctx, "errors.dependent", "stop", dependent, (n, s, codes) =>
      label(`${n} formula(s) on ${s} that read OMSPAN cells show an error (${codes})`, `${n} rumus di ${s} yang membaca sel OMSPAN menampilkan galat (${codes})`),
    ),
    ref: grouped(ctx, "errors.ref", "stop", ref, (n, s) =>
      label(`${n} cell(s) of the report ${s} refer to #REF! (a row, column or sheet they read was deleted)`, `${n} sel laporan ${s} merujuk #REF! (baris, kolom, atau lembar yang dibacanya terhapus)`),
    ),
  };
}

/** Helpers for the table tests: deps over a real Store, a sheet's table read back from the stand-in. */
import { Store, type Connection } from "../../src/omspan/store/store";
import type { Lang } from "../../src/omspan/i18n";
import type { TableDeps } from "../../src/excel/omspan-tables";
import type { ExcelStandin } from "./excel-standin";
import { boxAddress } from "./excel-standin";

export function tableDeps(conn: () => Connection, lang: Lang = "id", store = new Store()): TableDeps & { store: Store } {
  return { store, connection: conn, lang: () => lang };
}

/** The stand-in's table by name: its address, header and body values, and body number formats. */
export function tableContent(xl: ExcelStandin, name: string) {
  const t = xl.model.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  const address = boxAddress(t.sheet.name, t.box);
  const rows = xl.values(address);
  const formats: string[][] = [];
  for (let r = 1; r < t.box.rows; r++) {
    const line: string[] = [];
    for (let c = 0; c < t.box.cols; c++) line.push(t.sheet.get(t.box.r0 + r, t.box.c0 + c)?.nf ?? "General");
    formats.push(line);
  }
  return { address, header: rows[0]!, body: rows.slice(1), formats, table: t };
}

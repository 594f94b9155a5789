/**
 * "Remember on this computer": the connection kept in OfficeRuntime.storage (per user, per add-in, on
 * this machine) — never in the workbook, whose settings and properties travel with the file.
 * OfficeRuntime is defined only once Office's host script has loaded, so `load` first waits for
 * Office.onReady (src/excel/office-ready.ts): read earlier, the vault would find nothing and a reopened
 * workbook would say "not connected".
 */
import type { KeyVault } from "../omspan/store/session";
import type { Connection } from "../omspan/store/store";
import { officeReady } from "./office-ready";

const ITEM = "omspan.connection";

function storage(): OfficeRuntime.Storage | undefined {
  return typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage ? OfficeRuntime.storage : undefined;
}

export const officeKeyVault: KeyVault = {
  async load(): Promise<Connection | null> {
    await officeReady();
    const s = storage();
    if (!s) return null;
    const text = await s.getItem(ITEM);
    if (!text) return null;
    try {
      const v = JSON.parse(text) as Partial<Connection>;
      return typeof v.baseUrl === "string" && typeof v.key === "string" ? { baseUrl: v.baseUrl, key: v.key } : null;
    } catch {
      return null;
    }
  },
  async save(conn: Connection): Promise<void> {
    await storage()?.setItem(ITEM, JSON.stringify(conn));
  },
  async clear(): Promise<void> {
    await storage()?.removeItem(ITEM);
  },
};

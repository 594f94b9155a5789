/**
 * The real office.js on the client side of the stand-in. `@microsoft/office-js`'s Excel-on-the-web library
 * (`dist/excel-web-16.00.debug.js`) runs in a Node `vm` context, so every proxy, `load`, `sync`, null object,
 * PropertyNotLoaded and InvalidObjectPath check is Office.js's own, and each request is the very JSON string
 * office.js hands to Office's host bridge (`OSF.DDA.RichApi.executeRichApiRequestAsync`): its length is what
 * Excel on the web's 5 MB limit counts. The bridge is ours (host.ts): it replays the request on the workbook
 * model and answers in the RichApi protocol, so office.js also parses the answers itself.
 *
 * The library is loaded once per module registry (a jest test file), then shared by every stand-in the file
 * installs. The context gets this realm's `Error` and `Promise`, so office.js's errors are `instanceof Error`
 * here and its promises are native.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

/** What the bridge receives: office.js's message array (see RichApiMessageUtility.buildRequestMessageSafeArray). */
export type BridgeMessage = [customData: string, method: string, path: string, headers: string[], body: string, appPermission: number, flags: number, ...rest: unknown[]];

/** What the bridge answers: success with the response body text, or an Office error code (5004 cell edit, 5103 too large…). */
export type BridgeResult =
  | { status: "succeeded"; value: { data: [status: number, headers: string[], body: string] } }
  | { status: "failed"; error: { code: number; message: string } };

export type Bridge = (message: BridgeMessage, reply: (r: BridgeResult) => void) => void;

export interface OfficeJs {
  /** office.js's `Excel` namespace: `run`, the proxy classes and every enum. */
  readonly Excel: typeof Excel;
  readonly OfficeExtension: typeof OfficeExtension;
  /** Points the host bridge at a handler (one installed stand-in at a time). */
  setBridge(bridge: Bridge | undefined): void;
}

let loaded: OfficeJs | undefined;

export function officeJs(): OfficeJs {
  if (loaded) return loaded;
  const file = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist", "excel-web-16.00.debug.js");
  const sandbox: Record<string, unknown> = { console, setTimeout, clearTimeout, Promise, Error, navigator: { userAgent: "node" } };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  let bridge: Bridge | undefined;
  const osf = sandbox.OSF as { DDA: { RichApi?: Record<string, unknown> } };
  osf.DDA.RichApi = {
    ...osf.DDA.RichApi,
    executeRichApiRequestAsync(message: BridgeMessage, reply: (r: BridgeResult) => void) {
      if (!bridge) throw new Error("no Excel stand-in is installed");
      bridge(message, reply);
    },
  };
  loaded = {
    Excel: sandbox.Excel as typeof Excel,
    OfficeExtension: sandbox.OfficeExtension as typeof OfficeExtension,
    setBridge: (b) => void (bridge = b),
  };
  return loaded;
}

/** office.js's request flag for `Excel.run({ delayForCellEdit: true }, …)` (onBeforeExcelRun). */
export const DELAY_FOR_CELL_EDIT_FLAG = 64;

/**
 * The Data view's pull, over the shared runtime's session and store: the same store the formulas use,
 * so a preview warms the cells' data and the insert after it pulls nothing again.
 */
import { session } from "../../shared-runtime";
import type { DataActions } from "./data-actions";

export const sessionPull: DataActions["pull"] = (dataset, params, opts) =>
  session.store.get(session.connection(), dataset, { params, signal: opts.signal, onProgress: opts.onProgress });

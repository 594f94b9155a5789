/**
 * React's view of the shared store's status (answers and their as-of, stale or not, frozen or not) and of
 * the settings kept on this computer: the pane re-renders whenever either changes, whoever changed it —
 * a cell whose pull failed and was answered from a snapshot, the ribbon's refresh, the pane itself.
 */
import { useSyncExternalStore } from "react";
import type { Settings } from "../omspan/settings";
import type { StoreStatus } from "../omspan/store/store";
import { session, settings } from "../shared-runtime";

export function useStoreStatus(): StoreStatus {
  return useSyncExternalStore(session.store.subscribe, session.store.status);
}

export function usePaneSettings(): Settings {
  return useSyncExternalStore(settings.subscribe, settings.get);
}

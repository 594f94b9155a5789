/**
 * The add-in's own settings on this computer (not the workbook's: they follow the user, not the file),
 * one validated object. Read synchronously at start, before any cell asks the store, because one of them
 * decides how the store answers a workbook opening: "pull fresh data when a workbook opens" (off: answer
 * from the newest snapshot at once and pull only on Refresh).
 *
 * Kept in the page's Web Storage (`localStorage`, per origin and user on this computer), which the shared
 * runtime's pane and functions share; where there is none (Node, a locked-down webview) they live in
 * memory for the session.
 */
import { z } from "zod";

export const Settings = z.object({
  /** Pull fresh data when a workbook opens, instead of answering from the newest snapshot. */
  pullOnOpen: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

const ITEM = "omspan.settings";

/** Where settings are kept; `load` is synchronous on purpose (see the file comment). */
export interface SettingsVault {
  load(): unknown;
  save(value: Settings): void;
}

/** The page's localStorage when it works, else memory. */
export function webStorageSettings(): SettingsVault {
  let memory: unknown;
  const storage = (): Storage | undefined => {
    try {
      return typeof localStorage !== "undefined" ? localStorage : undefined;
    } catch {
      return undefined; // a sandboxed page throws on access
    }
  };
  return {
    load() {
      const s = storage();
      if (!s) return memory;
      try {
        const text = s.getItem(ITEM);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    save(value) {
      memory = value;
      try {
        storage()?.setItem(ITEM, JSON.stringify(value));
      } catch {
        // Full or refused: the setting holds for this session.
      }
    },
  };
}

/** The settings of this runtime, for `useSyncExternalStore` (`subscribe` / `get`). */
export class SettingsStore {
  private value: Settings;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly vault: SettingsVault) {
    const parsed = Settings.safeParse(vault.load() ?? {});
    this.value = parsed.success ? parsed.data : Settings.parse({});
  }

  get = (): Settings => this.value;

  set(patch: Partial<Settings>): void {
    this.value = Settings.parse({ ...this.value, ...patch });
    this.vault.save(this.value);
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

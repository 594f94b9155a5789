/**
 * The Rumus and Segarkan views' behaviour over the shared runtime's session, for the shell to pass as
 * props: Excel's adapters inside Excel, the server-only parts in preview mode (no Excel: no selection,
 * no insertion, no tables). The views themselves never import the session or Excel.
 */
import { useEffect, useState } from "react";
import { insertFormulaAtActiveCell, readSelection } from "../excel/active-cell";
import { excelListSeparator } from "../excel/list-separator";
import { listSeparatorFor, type ListSeparator } from "../omspan/formulas";
import type { Lang } from "../omspan/i18n";
import { session } from "../shared-runtime";
import type { FormulasViewProps } from "./formulas/FormulasView";
import { previewFormulaValue } from "./formulas/preview-value";
import { excelRefreshActions, type RefreshActions } from "./refresh/refresh-actions";
import type { Pin } from "../omspan/snapshots/pin";
import { settings } from "../shared-runtime";
import type { FreezeActions } from "./snapshots/FreezeCard";
import type { SnapshotSettingsActions } from "./snapshots/SnapshotSettings";
import { goToCell, keepPresentedVersion, onSiapRapatDone, siapRapat } from "../excel/siap-rapat";
import type { SiapRapatActions } from "./siap-rapat/SiapRapatCard";

type Mode = "office" | "preview";

const browserLocale = (): string | undefined => (typeof navigator === "undefined" ? undefined : navigator.language);

/** Excel's argument separator (read once from Excel's culture), or the browser locale's in preview. */
export function useListSeparator(mode: Mode): ListSeparator {
  const [sep, setSep] = useState<ListSeparator>(() => listSeparatorFor(browserLocale()));
  useEffect(() => {
    if (mode !== "office") return;
    let live = true;
    void excelListSeparator(browserLocale()).then((s) => live && setSep(s));
    return () => void (live = false);
  }, [mode]);
  return sep;
}

/** FormulasView's behaviour props (add `lang` and `listSeparator`). */
export function formulaBehaviour(mode: Mode): Pick<FormulasViewProps, "evaluate" | "readSelection" | "insertFormula"> {
  const evaluate: FormulasViewProps["evaluate"] = (name, args) => previewFormulaValue(session, name, args);
  return mode === "office" ? { evaluate, readSelection, insertFormula: insertFormulaAtActiveCell } : { evaluate };
}

const refreshActions = new Map<Lang, RefreshActions>();

/**
 * RefreshView's `actions`: undefined in preview mode (the view then says Excel is needed). One object per
 * language, so that re-rendering the shell does not make the view read the tables again.
 */
export function refreshBehaviour(mode: Mode, lang: Lang): RefreshActions | undefined {
  if (mode !== "office") return undefined;
  let actions = refreshActions.get(lang);
  if (!actions) {
    const excel = excelRefreshActions({ store: session.store, connection: () => session.connection(), lang: () => lang });
    // A frozen workbook refuses refresh before anything is forgotten (FrozenError says how to unfreeze).
    actions = {
      ...excel,
      refresh: async (target, onProgress) => {
        session.store.assertNotFrozen();
        return excel.refresh(target, onProgress);
      },
    };
    refreshActions.set(lang, actions);
  }
  return actions;
}

/** Where a frozen workbook's pin is kept (the Excel side: its registry sheet, as `pinRows`); null clears it. */
export interface PinKeeper {
  save(pin: Pin | null): Promise<void>;
}

/**
 * The freeze card's behaviour: pin the shared store and keep the pin in the workbook. A pin the workbook
 * could not keep is undone (it would be lost when the file closes). Without a keeper the freeze holds
 * for this runtime only.
 */
export function freezeBehaviour(keeper?: PinKeeper): FreezeActions {
  return {
    async freeze() {
      const pin = await session.store.freeze();
      try {
        await keeper?.save(pin);
      } catch (err) {
        session.store.unfreeze();
        throw err;
      }
    },
    async unfreeze() {
      await keeper?.save(null);
      session.store.unfreeze();
    },
  };
}

/** Koneksi's "Kept data": the open policy (remembered on this computer) and this key's snapshots. */
export function snapshotSettingsBehaviour(connected: boolean): SnapshotSettingsActions {
  return {
    setPullOnOpen: (on) => settings.set({ pullOnOpen: on }),
    ...(connected ? { usage: () => session.snapshotUsage(), clear: () => session.clearSnapshots() } : {}),
  };
}

/** The Siap Rapat card's behaviour inside Excel: run (refresh, check, sheet), keep the presented version then freeze, go to a cell. */
export function siapRapatBehaviour(lang: Lang, freeze: FreezeActions): SiapRapatActions {
  const deps = { store: session.store, connection: () => session.connection(), lang: () => lang };
  return {
    run: () => siapRapat(deps),
    keep: (sheets) => keepPresentedVersion(deps, sheets, () => freeze.freeze()),
    goTo: goToCell,
    subscribe: onSiapRapatDone,
  };
}

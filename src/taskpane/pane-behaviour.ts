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
    actions = excelRefreshActions({ store: session.store, connection: () => session.connection(), lang: () => lang });
    refreshActions.set(lang, actions);
  }
  return actions;
}

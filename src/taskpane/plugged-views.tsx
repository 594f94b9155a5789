/**
 * The Rumus, Segarkan and Laporan tabs as the shell receives them (App's `views`): each view gets the
 * pane's current language and the behaviour for this host — Excel's adapters inside Excel, the
 * server-only parts in preview mode, where each view says what needs Excel.
 */
import { useMemo } from "react";
import { excelPinKeeper } from "../excel/pin-keeper";
import { reconcileAdapter } from "../excel/reconcile-build";
import { reportAdapter } from "../excel/report-build";
import type { Lang } from "../omspan/i18n";
import { session } from "../shared-runtime";
import type { PaneViews } from "./App";
import { FormulasView } from "./formulas/FormulasView";
import { formulaBehaviour, freezeBehaviour, refreshBehaviour, siapRapatBehaviour, useListSeparator } from "./pane-behaviour";
import { SiapRapatCard } from "./siap-rapat/SiapRapatCard";
import { FreezeCard } from "./snapshots/FreezeCard";
import { useStoreStatus } from "./use-store-status";
import { RefreshView } from "./refresh/RefreshView";
import { ReportChooser } from "./reports/ReportChooser";
import { useSessionState } from "./use-session";

type Mode = "office" | "preview";

function FormulasTab({ lang, mode }: { lang: Lang; mode: Mode }) {
  const listSeparator = useListSeparator(mode);
  const behaviour = useMemo(() => formulaBehaviour(mode), [mode]);
  return <FormulasView lang={lang} listSeparator={listSeparator} {...behaviour} />;
}

function ReportsTab({ lang, mode }: { lang: Lang; mode: Mode }) {
  const connected = useSessionState().status === "connected";
  // The layout preview needs only the server; building the sheet needs Excel.
  const adapter = useMemo(
    () => reportAdapter({ store: session.store, connection: () => session.connection(), lang: () => lang }),
    [lang],
  );
  const reconcile = useMemo(() => reconcileAdapter({ store: session.store, connection: () => session.connection(), lang: () => lang }), [lang]);
  return (
    <ReportChooser
      lang={lang}
      load={connected ? adapter.load : undefined}
      build={connected && mode === "office" ? adapter.build : undefined}
      reconcile={connected && mode === "office" ? reconcile : undefined}
    />
  );
}

/** Freeze only inside Excel: it pins a workbook, and keeps the pin in the workbook's registry sheet. */
const freezeActions = freezeBehaviour(excelPinKeeper);

const siapRapatByLang = new Map<Lang, ReturnType<typeof siapRapatBehaviour>>();
/** One behaviour object per language (a re-render must not resubscribe). */
function siapRapatActions(lang: Lang) {
  let a = siapRapatByLang.get(lang);
  if (!a) siapRapatByLang.set(lang, (a = siapRapatBehaviour(lang, freezeActions)));
  return a;
}

function RefreshTab({ lang, mode }: { lang: Lang; mode: Mode }) {
  const { frozen } = useStoreStatus();
  return (
    <>
      {mode === "office" && <FreezeCard frozen={frozen} actions={freezeActions} lang={lang} />}
      <SiapRapatCard lang={lang} actions={mode === "office" ? siapRapatActions(lang) : undefined} />
      <RefreshView lang={lang} actions={refreshBehaviour(mode, lang)} />
    </>
  );
}

export function pluggedViews(mode: Mode): PaneViews {
  return {
    formulas: ({ lang }) => <FormulasTab lang={lang} mode={mode} />,
    refresh: ({ lang }) => <RefreshTab lang={lang} mode={mode} />,
    reports: ({ lang }) => <ReportsTab lang={lang} mode={mode} />,
  };
}

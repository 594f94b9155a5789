/**
 * The task pane: header (title, language control, the preview badge outside Excel), a warning when this
 * Excel lacks a requirement set, and the tabs — Koneksi, Data, and the Rumus / Segarkan / Laporan views
 * the add-in plugs in through `views` (a tab is shown only when its view is given). Behaviour arrives as
 * props and hooks; nothing here touches Excel.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Label, Select, Tab, TabList, Text, Title3, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Lang } from "../omspan/i18n";
import { ClaimsCard } from "./ClaimsCard";
import { ConnectionPanel } from "./ConnectionPanel";
import { DataView } from "./data/DataView";
import type { DataActions } from "./data/data-actions";
import { HelpCard } from "./HelpCard";
import type { HostInfo } from "./office-host";
import { PreviewBadge } from "./PreviewBadge";
import { RequirementsWarning } from "./RequirementsWarning";
import { stringsFor } from "./strings";
import { useSessionState, type SessionActions } from "./use-session";
import { StaleBanner } from "./snapshots/StaleBanner";
import { SnapshotSettings, type SnapshotSettingsActions } from "./snapshots/SnapshotSettings";
import { usePaneSettings, useStoreStatus } from "./use-store-status";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    maxWidth: "560px",
    minWidth: 0,
    boxSizing: "border-box",
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  titleRow: { display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
  language: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  subtitle: { color: tokens.colorNeutralForeground3 },
  tabs: { flexWrap: "wrap" },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
});

/** A plugged-in view: a node, or a function of the pane's current language. */
export type PaneView = ReactNode | ((ctx: { lang: Lang }) => ReactNode);

/** The views other parts of the add-in provide; an absent one has no tab. */
export interface PaneViews {
  formulas?: PaneView;
  refresh?: PaneView;
  reports?: PaneView;
}

type TabId = "connection" | "data" | keyof PaneViews;

interface Props {
  host: HostInfo;
  actions: SessionActions;
  defaultBaseUrl: string;
  data: DataActions;
  views?: PaneViews;
  /** Koneksi's "Kept data" (the open policy, this key's snapshots); absent: not shown. */
  keptData?: (connected: boolean) => SnapshotSettingsActions;
}

export function App({ host, actions, defaultBaseUrl, data, views = {}, keptData }: Props) {
  const styles = useStyles();
  const state = useSessionState();
  const storeStatus = useStoreStatus();
  const paneSettings = usePaneSettings();
  const connected = state.status === "connected";
  const keptActions = useMemo(() => keptData?.(connected), [keptData, connected]);
  const [lang, setLang] = useState<Lang>(host.lang);
  const [tab, setTab] = useState<TabId>("connection");
  const langId = useId("language");
  useEffect(() => setLang(host.lang), [host.lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const t = stringsFor(lang);
  const plugged = (["formulas", "refresh", "reports"] as const).filter((k) => views[k] !== undefined && views[k] !== null);
  const label: Record<TabId, string> = {
    connection: t.tabConnection, data: t.tabData, formulas: t.tabFormulas, refresh: t.tabRefresh, reports: t.tabReports,
  };
  const render = (v: PaneView) => (typeof v === "function" ? v({ lang }) : v);
  return (
    <main className={styles.root} lang={lang}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <Title3 as="h1">{t.title}</Title3>
          <div className={styles.language}>
            <Label htmlFor={langId} size="small">{t.languageLabel}</Label>
            <Select id={langId} size="small" value={lang} onChange={(_, d) => setLang(d.value as Lang)} data-testid="language">
              <option value="id">Indonesia</option>
              <option value="en">English</option>
            </Select>
          </div>
        </div>
        <Text className={styles.subtitle}>{t.subtitle}</Text>
        {host.mode === "preview" && <PreviewBadge t={t} />}
      </header>
      {host.missingSets.length > 0 && <RequirementsWarning missing={host.missingSets} t={t} />}
      <StaleBanner status={storeStatus} lang={lang} />
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as TabId)}
        aria-label={t.tabsLabel}
        size="small"
      >
        {(["connection", "data", ...plugged] as TabId[]).map((id) => (
          <Tab key={id} value={id} id={`tab-${id}`} aria-controls={`panel-${id}`}>
            {label[id]}
          </Tab>
        ))}
      </TabList>
      <section className={styles.panel} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "connection" && (
          <>
            <ConnectionPanel
              state={state}
              actions={actions}
              defaultBaseUrl={defaultBaseUrl}
              lang={lang}
              canRemember={host.canRemember}
              t={t}
            />
            {state.status === "connected" && state.claims && (
              <ClaimsCard claims={state.claims} baseUrl={state.baseUrl} lang={lang} t={t} />
            )}
            {keptActions && <SnapshotSettings pullOnOpen={paneSettings.pullOnOpen} actions={keptActions} lang={lang} />}
            <HelpCard t={t} />
          </>
        )}
        {tab === "data" && <DataView connected={state.status === "connected"} actions={data} lang={lang} t={t} />}
        {tab !== "connection" && tab !== "data" && views[tab] !== undefined && render(views[tab])}
      </section>
    </main>
  );
}

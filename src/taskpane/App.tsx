/**
 * The task pane: header (with the preview badge outside Excel), a warning when this Excel lacks a
 * requirement set, connection, the key's claims once connected, and the formula help. Behaviour arrives as props and hooks; nothing here touches Excel.
 */
import { Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { ClaimsCard } from "./ClaimsCard";
import { ConnectionPanel } from "./ConnectionPanel";
import { HelpCard } from "./HelpCard";
import { FormulasView } from "./formulas/FormulasView";
import { formulaBehaviour, useListSeparator } from "./pane-behaviour";
import type { HostInfo } from "./office-host";
import { PreviewBadge } from "./PreviewBadge";
import { RequirementsWarning } from "./RequirementsWarning";
import { stringsFor } from "./strings";
import { useSessionState, type SessionActions } from "./use-session";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    maxWidth: "560px",
    boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  subtitle: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  host: HostInfo;
  actions: SessionActions;
  defaultBaseUrl: string;
}

export function App({ host, actions, defaultBaseUrl }: Props) {
  const styles = useStyles();
  const state = useSessionState();
  const t = stringsFor(host.lang);
  const listSeparator = useListSeparator(host.mode);
  return (
    <main className={styles.root} lang={host.lang}>
      <header className={styles.header}>
        <Title3 as="h1">{t.title}</Title3>
        <Text className={styles.subtitle}>{t.subtitle}</Text>
        {host.mode === "preview" && <PreviewBadge t={t} />}
      </header>
      {host.missingSets.length > 0 && <RequirementsWarning missing={host.missingSets} t={t} />}
      <section aria-label={t.connectionHeading}>
        <ConnectionPanel
          state={state}
          actions={actions}
          defaultBaseUrl={defaultBaseUrl}
          lang={host.lang}
          canRemember={host.canRemember}
          t={t}
        />
      </section>
      {state.status === "connected" && state.claims && (
        <ClaimsCard claims={state.claims} baseUrl={state.baseUrl} lang={host.lang} t={t} />
      )}
      <HelpCard t={t} />
      {/* Until the shell's tabs arrive (issue 12): the Rumus view, so the browser test can reach it. */}
      <FormulasView lang={host.lang} listSeparator={listSeparator} {...formulaBehaviour(host.mode)} />
    </main>
  );
}

/**
 * Task pane entry. Runs in the shared runtime's page (taskpane.html), loaded before the functions and
 * commands entries. Waits for Office only to learn the host and language — briefly in a plain browser,
 * longer inside Office (its URL says so), showing a spinner meanwhile — and renders again if Office
 * answers after the pane settled for preview mode (src/taskpane/office-host.ts).
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, Spinner } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { displayLang } from "../excel/display-language";
import { paneInsert } from "../excel/pane-insert";
import { App } from "./App";
import type { DataActions } from "./data/data-actions";
import { sessionPull } from "./data/session-data";
import { fluentTheme, useThemeKind } from "./use-theme";
import { watchHost, type HostInfo } from "./office-host";
import { currentHostHint } from "../excel/office-ready";
import { session, sessionReady } from "../shared-runtime";
import { stringsFor } from "./strings";
import { sessionActions } from "./use-session";
import { pluggedViews } from "./plugged-views";
import { snapshotSettingsBehaviour } from "./pane-behaviour";

/** The proxy normally shares the add-in's origin (the server hosts both), under /omspan/. */
function defaultBaseUrl(): string {
  return new URL("/omspan/", location.origin).href;
}

/** Office's theme inside Excel, the system's in preview (src/taskpane/use-theme.ts). */
function Themed({ host, children }: { host?: HostInfo; children: ReactNode }) {
  const kind = useThemeKind(host?.theme);
  return (
    <FluentProvider theme={fluentTheme(kind)} style={{ minHeight: "100vh" }}>
      {children}
    </FluentProvider>
  );
}

/** Pull through the shared store; insert only inside Excel (preview mode says Excel is needed). */
function dataActions(host: HostInfo): DataActions {
  if (host.mode !== "office") return { pull: sessionPull };
  const deps = { store: session.store, connection: () => session.connection(), lang: displayLang };
  return { pull: sessionPull, insert: paneInsert(deps) };
}

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  const root = createRoot(container);
  const hint = currentHostHint();
  if (hint) {
    // Inside Office the wait for onReady can be long on a cold start: say that something is happening.
    root.render(
      <Themed>
        <Spinner label={stringsFor(hint.lang).starting} data-testid="starting" />
      </Themed>,
    );
  }
  const show = (host: HostInfo): void => {
    document.documentElement.lang = host.lang;
    root.render(
      <Themed host={host}>
        <App
          host={host}
          actions={sessionActions}
          defaultBaseUrl={defaultBaseUrl()}
          data={dataActions(host)}
          views={pluggedViews(host.mode)}
          keptData={snapshotSettingsBehaviour}
        />
      </Themed>,
    );
  };
  // sessionReady: a remembered connection is restored first, so the form opens with its address filled.
  await watchHost(show, { alongWith: sessionReady });
}

main().catch((err: unknown) => {
  console.error("OMSPAN: the task pane failed to start", err);
});

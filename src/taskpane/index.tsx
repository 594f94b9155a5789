/**
 * Task pane entry. Runs in the shared runtime's page (taskpane.html), loaded before the functions and
 * commands entries. Waits for Office only to learn the host and language — briefly in a plain browser,
 * longer inside Office (its URL says so), showing a spinner meanwhile — and renders again if Office
 * answers after the pane settled for preview mode (src/taskpane/office-host.ts).
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { watchHost, type HostInfo } from "./office-host";
import { currentHostHint } from "../excel/office-ready";
import { sessionReady } from "../shared-runtime";
import { stringsFor } from "./strings";
import { sessionActions } from "./use-session";

/** The proxy normally shares the add-in's origin (the server hosts both), under /omspan/. */
function defaultBaseUrl(): string {
  return new URL("/omspan/", location.origin).href;
}

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  const root = createRoot(container);
  const hint = currentHostHint();
  if (hint) {
    // Inside Office the wait for onReady can be long on a cold start: say that something is happening.
    root.render(
      <FluentProvider theme={webLightTheme}>
        <Spinner label={stringsFor(hint.lang).starting} data-testid="starting" />
      </FluentProvider>,
    );
  }
  const show = (host: HostInfo): void => {
    document.documentElement.lang = host.lang;
    root.render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} actions={sessionActions} defaultBaseUrl={defaultBaseUrl()} />
      </FluentProvider>,
    );
  };
  // sessionReady: a remembered connection is restored first, so the form opens with its address filled.
  await watchHost(show, { alongWith: sessionReady });
}

main().catch((err: unknown) => {
  console.error("OMSPAN: the task pane failed to start", err);
});

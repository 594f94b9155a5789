/**
 * Task pane entry. Runs in the shared runtime's page (taskpane.html), loaded before the functions and
 * commands entries. Waits for Office (at most ~1.5 s) only to learn the host and language; outside Office it
 * renders in preview mode so the pane can be tried, and tested, in a plain browser.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost } from "./office-host";
import { sessionReady } from "../shared-runtime";
import { sessionActions } from "./use-session";

/** The proxy normally shares the add-in's origin (the server hosts both), under /omspan/. */
function defaultBaseUrl(): string {
  return new URL("/omspan/", location.origin).href;
}

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  // sessionReady: a remembered connection is restored first, so the form opens with its address filled.
  const [host] = await Promise.all([detectHost(), sessionReady]);
  document.documentElement.lang = host.lang;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} actions={sessionActions} defaultBaseUrl={defaultBaseUrl()} />
    </FluentProvider>,
  );
}

main().catch((err: unknown) => {
  console.error("OMSPAN: the task pane failed to start", err);
});

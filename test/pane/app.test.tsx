/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The pane shell and the Koneksi tab: the tabs (plugged-in views only when given), the language
 * control, the session's states as Koneksi shows them (disconnected, connecting, connected with claims,
 * error) and "forget key" through the real shared-runtime session.
 */
import "../support/jsdom-globals";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type PaneViews } from "../../src/taskpane/App";
import type { HostInfo } from "../../src/taskpane/office-host";
import { ConnectionPanel } from "../../src/taskpane/ConnectionPanel";
import { ClaimsCard } from "../../src/taskpane/ClaimsCard";
import type { SessionActions, SessionState } from "../../src/taskpane/use-session";
import { stringsFor } from "../../src/taskpane/strings";
import { KeyRefusedError } from "../../src/omspan/errors";
import { localizeError } from "../../src/omspan/messages";
import type { KeyClaims } from "../../src/omspan/claims";
import { Session } from "../../src/omspan/store/session";

/** The tabs' accessible names, in order (Fluent also renders a hidden copy of each label to reserve its bold width). */
const tabNames = () => screen.getAllByRole("tab").map((t) => t.querySelector(".fui-Tab__content")?.textContent);

const host = (over: Partial<HostInfo> = {}): HostInfo => ({ mode: "preview", lang: "id", canRemember: false, missingSets: [], ...over });
const noActions: SessionActions = { connect: async () => undefined, disconnect: async () => undefined, forgetKey: async () => undefined };

function showApp(views?: PaneViews, h = host()) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={h} actions={noActions} defaultBaseUrl="http://127.0.0.1:9/omspan/" data={{ pull: () => Promise.reject(new Error("unused")) }} views={views} />
    </FluentProvider>,
  );
}

test("Koneksi and Data always; Rumus, Segarkan, Laporan only when their view is plugged in", async () => {
  const user = userEvent.setup();
  const { unmount } = showApp();
  expect(tabNames()).toEqual(["Koneksi", "Data"]);
  unmount();
  showApp({ formulas: <p>formula builder</p>, reports: ({ lang }) => <p>reports in {lang}</p> });
  expect(tabNames()).toEqual(["Koneksi", "Data", "Rumus", "Laporan"]);
  await user.click(screen.getByRole("tab", { name: "Rumus" }));
  expect(screen.getByText("formula builder")).toBeTruthy();
  await user.click(screen.getByRole("tab", { name: "Laporan" }));
  expect(screen.getByText("reports in id")).toBeTruthy();
  expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe("tab-reports");
});

test("the language follows the host and is switchable in the pane, views included", async () => {
  const user = userEvent.setup();
  showApp({ refresh: ({ lang }) => <p>refresh in {lang}</p> }, host({ lang: "en" }));
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(stringsFor("en").title);
  expect(document.documentElement.lang).toBe("en");
  await user.selectOptions(screen.getByLabelText("Language"), "id");
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(stringsFor("id").title);
  expect(tabNames()).toEqual(["Koneksi", "Data", "Segarkan"]);
  expect(document.documentElement.lang).toBe("id");
  expect(screen.getByLabelText("Bahasa")).toBeTruthy();
  await user.click(screen.getByRole("tab", { name: "Segarkan" }));
  expect(screen.getByText("refresh in id")).toBeTruthy();
});

test("the Data tab before connecting says to connect first", async () => {
  const user = userEvent.setup();
  showApp();
  await user.click(screen.getByRole("tab", { name: "Data" }));
  expect(screen.getByTestId("data-not-connected")).toBeTruthy();
});

const claims: KeyClaims = { usr: "operator.satker", uid: "u-1", kds: "600001", kdt: "2026", issuedAt: new Date("2026-01-05T08:00:00Z") } as KeyClaims;

function panel(state: SessionState, actions: SessionActions = noActions, canRemember = true) {
  const t = stringsFor("en");
  return render(
    <FluentProvider theme={webLightTheme}>
      <ConnectionPanel state={state} actions={actions} defaultBaseUrl="http://127.0.0.1:9/omspan/" lang="en" canRemember={canRemember} t={t} />
    </FluentProvider>,
  );
}

test("Koneksi disconnected: Connect waits for a key; no Disconnect, no Forget key", async () => {
  const user = userEvent.setup();
  panel({ status: "disconnected" });
  const connect = screen.getByRole("button", { name: "Connect & test" }) as HTMLButtonElement;
  expect(connect.disabled).toBe(true);
  await user.type(screen.getByLabelText(/^API key/), "a.b.c");
  expect(connect.disabled).toBe(false);
  expect(screen.queryByRole("button", { name: "Disconnect" })).toBeNull();
  expect(screen.queryByRole("button", { name: "Forget key" })).toBeNull();
});

test("Koneksi connecting: a spinner, fields disabled", () => {
  panel({ status: "connecting", baseUrl: "http://127.0.0.1:9/omspan/" });
  expect(screen.getByTestId("connecting")).toBeTruthy();
  expect((screen.getByLabelText(/^API key/) as HTMLInputElement).disabled).toBe(true);
});

test("Koneksi error: the core's message for the session's error", () => {
  const error = new KeyRefusedError("Signature verification failed");
  panel({ status: "error", baseUrl: "http://127.0.0.1:9/omspan/", error });
  expect(screen.getByTestId("connection-error").textContent).toContain(localizeError(error, "en"));
});

test("Koneksi connected and remembered: Forget key forgets the copy and says so", async () => {
  const user = userEvent.setup();
  let forgot = 0;
  const actions = { ...noActions, forgetKey: async () => void forgot++ };
  const { rerender } = panel({ status: "connected", baseUrl: "http://127.0.0.1:9/omspan/", claims, remembered: true }, actions);
  expect(screen.getByRole("button", { name: "Disconnect" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Forget key" }));
  expect(forgot).toBe(1);
  rerender(
    <FluentProvider theme={webLightTheme}>
      <ConnectionPanel state={{ status: "connected", baseUrl: "http://127.0.0.1:9/omspan/", claims, remembered: false }} actions={actions}
        defaultBaseUrl="" lang="en" canRemember t={stringsFor("en")} />
    </FluentProvider>,
  );
  expect(screen.getByTestId("key-forgotten").textContent).toBe(stringsFor("en").keyForgotten);
  expect(screen.queryByRole("button", { name: "Forget key" })).toBeNull();
});

test("the claims card: who the key belongs to, with the Connected badge in the card's flow", () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <ClaimsCard claims={claims} baseUrl="http://127.0.0.1:9/omspan/" lang="en" t={stringsFor("en")} />
    </FluentProvider>,
  );
  expect(screen.getByTestId("connected").textContent).toBe("Connected");
  const terms = [...document.querySelectorAll("dt")].map((d) => d.textContent);
  expect(terms).toEqual(["User", "User ID", "Satker", "Fiscal year", "Issued"]);
  expect([...document.querySelectorAll("dd")].map((d) => d.textContent).slice(0, 4)).toEqual(["operator.satker", "u-1", "600001", "2026"]);
});

test("forget key through the real session: the vault is cleared, the connection stays", async () => {
  const vault = { saved: 1, load: async () => null, save: async () => undefined, clear: async () => void (vault.saved = 0) };
  const session = new Session({ vault });
  await act(async () => {
    (session as unknown as { state: SessionState }).state = { status: "connected", baseUrl: "http://x/", claims, remembered: true };
    await session.forgetKey();
  });
  expect(vault.saved).toBe(0);
  expect(session.getSnapshot()).toMatchObject({ status: "connected", remembered: false });
});

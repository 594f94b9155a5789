/** @jest-environment jsdom */
/**
 * The pane's bad-day parts, in both languages: the stale banner (the oldest stale answer's time, a line
 * per dataset when several), the info line of a workbook opened from kept data, nothing when all is
 * fresh or frozen; the freeze card (state, freeze / unfreeze, a refused freeze's message); the kept-data
 * settings (the open policy switch, usage, removing).
 */
import "../support/jsdom-globals";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { formatAsOfTime } from "../../src/omspan/store/as-of";
import { CannotFreezeError } from "../../src/omspan/errors";
import type { Pin } from "../../src/omspan/snapshots/pin";
import type { HeldAnswer, StoreStatus } from "../../src/omspan/store/store";
import { FreezeCard } from "../../src/taskpane/snapshots/FreezeCard";
import { SnapshotSettings } from "../../src/taskpane/snapshots/SnapshotSettings";
import { StaleBanner } from "../../src/taskpane/snapshots/StaleBanner";
import { textOf } from "../support/pane-dom";

const wrap = (node: ReactNode) => render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
const at = (iso: string) => new Date(iso);
const answer = (dataset: HeldAnswer["dataset"], fetchedAt: string, extra: Partial<HeldAnswer["asOf"]> = {}): HeldAnswer => ({
  dataset,
  params: {},
  asOf: { fetchedAt: at(fetchedAt), snapshotId: "0".repeat(32), ...extra },
});

test("stale: the banner names the oldest stale answer's time, in Indonesian and English, with a line per dataset", () => {
  const status: StoreStatus = {
    answers: [
      answer("realisasi", "2026-12-02T09:04:00Z", { source: "snapshot", stale: { reason: "unreachable", at: new Date() } }),
      answer("dipa", "2026-12-01T02:00:00Z", { source: "snapshot", stale: { reason: "timeout", at: new Date() } }),
      answer("dana", "2026-12-03T02:00:00Z", { source: "pull" }),
    ],
  };
  const { unmount } = wrap(<StaleBanner status={status} lang="id" />);
  const banner = screen.getByTestId("stale-banner");
  expect(textOf(banner)).toContain(`OMSPAN tidak dapat dihubungi — menampilkan data yang ditarik ${formatAsOfTime(at("2026-12-01T02:00:00Z"))}`);
  expect(textOf(banner)).toContain(`Realisasi belanja: ditarik ${formatAsOfTime(at("2026-12-02T09:04:00Z"))}`);
  expect(textOf(banner)).not.toContain("Ketersediaan");
  unmount();
  wrap(<StaleBanner status={{ answers: status.answers.slice(0, 1) }} lang="en" />);
  expect(textOf(screen.getByTestId("stale-banner"))).toContain(`OMSPAN cannot be reached — showing data pulled ${formatAsOfTime(at("2026-12-02T09:04:00Z"))}`);
});

test("offline with nothing answered yet; opened from kept data; fresh or frozen shows nothing", () => {
  const { unmount } = wrap(<StaleBanner status={{ answers: [], offline: { reason: "unreachable", at: new Date() } }} lang="en" />);
  expect(textOf(screen.getByTestId("stale-banner"))).toMatch(/formulas answer from the data kept on this computer/);
  unmount();
  const kept = { answers: [answer("realisasi", "2026-12-02T09:04:00Z", { source: "snapshot" })] };
  const second = wrap(<StaleBanner status={kept} lang="id" />);
  expect(textOf(screen.getByTestId("snapshot-banner"))).toMatch(/Menampilkan data tersimpan yang ditarik .*Segarkan untuk menarik data baru/);
  second.unmount();
  const pin: Pin = { version: 1, frozenAt: "2026-12-02T10:00:00.000Z", entries: [{ dataset: "realisasi", params: {}, snapshotId: "0".repeat(32), fetchedAt: "2026-12-02T09:04:00.000Z" }] };
  const third = wrap(<StaleBanner status={{ answers: [answer("realisasi", "2026-12-02T09:04:00Z", { source: "pin" })], frozen: pin }} lang="en" />);
  expect(screen.queryByTestId("stale-banner")).toBeNull();
  expect(screen.queryByTestId("snapshot-banner")).toBeNull();
  third.unmount();
  wrap(<StaleBanner status={{ answers: [answer("dipa", "2026-12-02T09:04:00Z", { source: "pull" })] }} lang="en" />);
  expect(screen.queryByTestId("stale-banner")).toBeNull();
});

test("the freeze card: freeze, its state, unfreeze; a refused freeze says why", async () => {
  const user = userEvent.setup();
  const pin: Pin = { version: 1, frozenAt: "2026-12-02T10:00:00.000Z", entries: [{ dataset: "realisasi", params: {}, snapshotId: "0".repeat(32), fetchedAt: "2026-12-02T09:04:00.000Z" }] };
  const actions = { freeze: jest.fn(async () => undefined), unfreeze: jest.fn(async () => undefined) };
  const view = wrap(<FreezeCard actions={actions} lang="en" />);
  expect(textOf(screen.getByTestId("freeze-state"))).toBe("Not frozen");
  await user.click(screen.getByRole("button", { name: "Freeze" }));
  expect(actions.freeze).toHaveBeenCalledTimes(1);
  view.rerender(
    <FluentProvider theme={webLightTheme}>
      <FreezeCard frozen={pin} actions={actions} lang="id" />
    </FluentProvider>,
  );
  expect(textOf(screen.getByTestId("freeze-state"))).toBe(`Dibekukan pada data yang ditarik ${formatAsOfTime(at("2026-12-02T09:04:00Z"))}`);
  await user.click(screen.getByRole("button", { name: "Cairkan" }));
  expect(actions.unfreeze).toHaveBeenCalledTimes(1);
  view.unmount();
  const refusing = { freeze: async () => Promise.reject(new CannotFreezeError({ en: "no OMSPAN data has been pulled yet", id: "belum ada data OMSPAN yang ditarik" })), unfreeze: async () => undefined };
  wrap(<FreezeCard actions={refusing} lang="id" />);
  await user.click(screen.getByRole("button", { name: "Bekukan" }));
  expect(textOf(await screen.findByTestId("freeze-error"))).toMatch(/Tidak dapat membekukan.*belum ada data OMSPAN yang ditarik/);
});

test("kept-data settings: the open-policy switch, usage, removing", async () => {
  const user = userEvent.setup();
  const actions = { setPullOnOpen: jest.fn(), usage: jest.fn(async () => ({ count: 2, bytes: 3 * 1024 * 1024 })), clear: jest.fn(async () => 2) };
  const view = wrap(<SnapshotSettings pullOnOpen={false} actions={actions} lang="en" />);
  const toggle = screen.getByRole("switch", { name: "Pull fresh data when a workbook opens" });
  expect((toggle as HTMLInputElement).checked).toBe(false);
  await user.click(toggle);
  expect(actions.setPullOnOpen).toHaveBeenCalledWith(true);
  expect(textOf(await screen.findByTestId("snapshot-usage"))).toBe("2 snapshot(s) of this key on this computer (3.0 MB)");
  await user.click(screen.getByRole("button", { name: "Remove kept data" }));
  expect(actions.clear).toHaveBeenCalledTimes(1);
  await waitFor(() => expect(screen.getByText("This key's kept data was removed from this computer.")).toBeTruthy());
  view.unmount();
  wrap(<SnapshotSettings pullOnOpen actions={{ setPullOnOpen: () => undefined }} lang="id" />);
  expect((screen.getByRole("switch", { name: "Tarik data baru saat buku kerja dibuka" }) as HTMLInputElement).checked).toBe(true);
  expect(screen.queryByTestId("snapshot-usage")).toBeNull();
});

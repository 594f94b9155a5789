/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The settings kept on this computer: "pull fresh data when a workbook opens" survives a restart (Web
 * Storage), a damaged stored value falls back to the default, and the shared runtime's store follows
 * the setting — at start, before any cell asks, and as soon as the pane changes it.
 */
import "../support/jsdom-globals";
import { SettingsStore, webStorageSettings } from "../../src/omspan/settings";

beforeEach(() => localStorage.clear());

test("kept across restarts; a damaged value reads as the default", () => {
  const first = new SettingsStore(webStorageSettings());
  expect(first.get()).toEqual({ pullOnOpen: false });
  const seen: boolean[] = [];
  first.subscribe(() => seen.push(first.get().pullOnOpen));
  first.set({ pullOnOpen: true });
  expect(seen).toEqual([true]);
  expect(new SettingsStore(webStorageSettings()).get()).toEqual({ pullOnOpen: true });
  localStorage.setItem("omspan.settings", "{not json");
  expect(new SettingsStore(webStorageSettings()).get()).toEqual({ pullOnOpen: false });
  localStorage.setItem("omspan.settings", JSON.stringify({ pullOnOpen: "yes" }));
  expect(new SettingsStore(webStorageSettings()).get()).toEqual({ pullOnOpen: false });
});

test("the shared runtime's open policy comes from the setting, at start and when it changes", () => {
  localStorage.setItem("omspan.settings", JSON.stringify({ pullOnOpen: true }));
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rt = require("../../src/shared-runtime") as typeof import("../../src/shared-runtime");
    expect(rt.session.store.openFrom).toBe("pull");
    rt.settings.set({ pullOnOpen: false });
    expect(rt.session.store.openFrom).toBe("snapshot");
    expect(JSON.parse(localStorage.getItem("omspan.settings")!)).toEqual({ pullOnOpen: false });
  });
});

/**
 * The pane's theme inside Excel follows Office's (Office.context.officeTheme's body background): dark
 * backgrounds give the dark theme, light ones the light theme; no theme, or Office not ready, gives
 * undefined (the pane then follows prefers-color-scheme). Through the HostInfo the pane renders with.
 */
import { officeThemeKind } from "../../src/excel/office-theme";
import { detectHost } from "../../src/taskpane/office-host";
import { installOfficeStandin, type OfficeStandin } from "../support/office-standin";

let office: OfficeStandin | undefined;
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

test.each([
  ["#262626", "dark"], // Office's Black theme
  ["#3b3a39", "dark"], // Dark Gray
  ["#ffffff", "light"], // White / Colorful
  ["#e6e6e6", "light"], // Light gray
])("a body background of %s is %s", async (bg, kind) => {
  office = installOfficeStandin({ officeTheme: { bodyBackgroundColor: bg } });
  await expect(detectHost(1000)).resolves.toMatchObject({ mode: "office", theme: kind });
  expect(officeThemeKind()).toBe(kind);
});

test("no theme from Office, or Office not yet ready, or no Office: undefined", async () => {
  expect(officeThemeKind()).toBeUndefined();
  office = installOfficeStandin({ ready: "manual", officeTheme: { bodyBackgroundColor: "#262626" } });
  expect(officeThemeKind()).toBeUndefined();
  office.ready();
  expect(officeThemeKind()).toBe("dark");
  office.uninstall();
  office = installOfficeStandin();
  await expect(detectHost(1000)).resolves.toMatchObject({ mode: "office", theme: undefined });
});

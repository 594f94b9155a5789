/**
 * Whether Office shows a dark or a light theme, read from Office.context.officeTheme (the body
 * background colour Office hands the add-in). Undefined where Office gives no theme (a plain browser,
 * or a host without the property): the pane then follows the system's prefers-color-scheme.
 */
export type ThemeKind = "light" | "dark";

/** Relative luminance of `#rrggbb` (0 black … 1 white), or undefined for anything else. */
function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** "dark" when Office's body background is dark, "light" when light, undefined when Office does not say. */
export function officeThemeKind(): ThemeKind | undefined {
  try {
    if (typeof Office === "undefined") return undefined;
    const bg = Office.context?.officeTheme?.bodyBackgroundColor;
    const l = bg ? luminance(bg) : undefined;
    return l === undefined ? undefined : l < 0.4 ? "dark" : "light";
  } catch {
    // Office.context throws before Office.onReady in some hosts.
    return undefined;
  }
}

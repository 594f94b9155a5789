/**
 * The pane's theme: Office's inside Excel (HostInfo.theme), else the system's prefers-color-scheme,
 * followed live so a preview switches when the system does.
 */
import { useEffect, useState } from "react";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { ThemeKind } from "../excel/office-theme";

const QUERY = "(prefers-color-scheme: dark)";

function systemKind(): ThemeKind {
  return typeof matchMedia === "function" && matchMedia(QUERY).matches ? "dark" : "light";
}

/** The theme kind to show: Office's when it gave one, else the system's. */
export function useThemeKind(office?: ThemeKind): ThemeKind {
  const [system, setSystem] = useState<ThemeKind>(systemKind);
  useEffect(() => {
    if (office || typeof matchMedia !== "function") return;
    const mq = matchMedia(QUERY);
    const on = () => setSystem(mq.matches ? "dark" : "light");
    mq.addEventListener?.("change", on);
    return () => mq.removeEventListener?.("change", on);
  }, [office]);
  return office ?? system;
}

export function fluentTheme(kind: ThemeKind): Theme {
  return kind === "dark" ? webDarkTheme : webLightTheme;
}

/**
 * The one place the pane asks "am I inside Office?". Outside Office the pane still renders (preview mode):
 * offline the CDN office.js never loads and `Office` is undefined; in a plain browser office.js loads but
 * `Office.onReady` answers with a null host (or, on some builds, not at all — hence the timeout).
 */
import { displayLang } from "../excel/display-language";
import { langFromTag, type Lang } from "../omspan/i18n";

export interface HostInfo {
  /** "office" inside an Office host; "preview" in a plain browser. */
  mode: "office" | "preview";
  lang: Lang;
  /**
   * Whether "Remember on this computer" can work: OfficeRuntime.storage (where the connection would be
   * kept) exists, which it does not outside Office. Read after Office.onReady, since Excel's host script defines it.
   */
  canRemember: boolean;
}

const READY_TIMEOUT_MS = 1500;

/** The same test the key vault (src/excel/key-vault.ts) makes before it stores anything. */
function officeStorageAvailable(): boolean {
  return typeof OfficeRuntime !== "undefined" && Boolean(OfficeRuntime.storage);
}

function browserLanguage(): string | undefined {
  return typeof navigator === "undefined" ? undefined : navigator.language;
}

/** Resolves once Office is ready, or after `timeoutMs` with preview mode. Never rejects. */
export async function detectHost(timeoutMs = READY_TIMEOUT_MS): Promise<HostInfo> {
  const preview = (): HostInfo => ({
    mode: "preview",
    lang: langFromTag(browserLanguage()),
    canRemember: officeStorageAvailable(),
  });
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return preview();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info === null || !info.host) return preview();
    return { mode: "office", lang: displayLang(), canRemember: officeStorageAvailable() };
  } catch (err) {
    // A broken office.js must not leave a blank pane: say so in the console and fall back to preview.
    console.error("OMSPAN: Office.onReady failed; showing the pane in preview mode", err);
    return preview();
  } finally {
    clearTimeout(timer);
  }
}

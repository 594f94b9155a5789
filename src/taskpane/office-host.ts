/**
 * The one place the pane asks "am I inside Office?". Outside Office the pane still renders (preview mode):
 * offline the CDN office.js never loads and `Office` is undefined; in a plain browser office.js loads but
 * `Office.onReady` answers with a null host (or, on some builds, not at all — hence the bound).
 *
 * Inside Office a cold desktop start can delay onReady by seconds. The page's `_host_Info` parameter
 * says we are in Office before onReady does, so there the pane waits longer (src/excel/office-ready.ts);
 * and whenever onReady still comes after the pane settled for preview, `watchHost` shows it again in
 * Office mode — language, "remember", requirement check — instead of staying in preview.
 */
import { displayLang } from "../excel/display-language";
import { officeThemeKind, type ThemeKind } from "../excel/office-theme";
import { currentHostHint, officeReady, officeReadyWithin, readyTimeoutMs, within } from "../excel/office-ready";
import { missingRequirementSets, type RequirementSet } from "../excel/requirements";
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
  /** Requirement sets this Excel says it lacks (src/excel/requirements.ts); empty in preview. */
  missingSets: RequirementSet[];
  /** Office's theme inside Excel; undefined in preview (the pane follows the system's preference). */
  theme?: ThemeKind;
}

/** The same test the key vault (src/excel/key-vault.ts) makes before it stores anything. */
function officeStorageAvailable(): boolean {
  return typeof OfficeRuntime !== "undefined" && Boolean(OfficeRuntime.storage);
}

function browserLanguage(): string | undefined {
  return typeof navigator === "undefined" ? undefined : navigator.language;
}

/** Preview: the language from Office's URL when there is one, else the browser's. */
function previewHost(): HostInfo {
  return {
    mode: "preview",
    lang: currentHostHint()?.lang ?? langFromTag(browserLanguage()),
    canRemember: officeStorageAvailable(),
    missingSets: [],
  };
}

function officeHost(): HostInfo {
  return {
    mode: "office",
    lang: displayLang(),
    canRemember: officeStorageAvailable(),
    missingSets: missingRequirementSets(),
    theme: officeThemeKind(),
  };
}

/**
 * Resolves once Office is ready, or after `timeoutMs` (long inside Office, short in a plain browser)
 * with preview mode. Never rejects.
 */
export async function detectHost(timeoutMs = readyTimeoutMs()): Promise<HostInfo> {
  const answer = await officeReadyWithin(timeoutMs);
  return answer !== "timeout" && answer?.host ? officeHost() : previewHost();
}

/**
 * Calls `show` with the host as soon as it is known — after `alongWith` too (the session's restore, so
 * the form opens filled), waiting for either no longer than for Office — and once more if Office answers
 * after the pane settled for preview. Resolves after the last call it will make: never, if Office never
 * answers (a plain browser), so nothing should wait on it but `show`.
 */
export async function watchHost(
  show: (host: HostInfo) => void,
  opts: { timeoutMs?: number; alongWith?: Promise<unknown> } = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? readyTimeoutMs();
  const [first] = await Promise.all([detectHost(timeoutMs), within(opts.alongWith ?? Promise.resolve(), timeoutMs)]);
  show(first);
  if (first.mode === "office") return;
  const late = await officeReady();
  if (late?.host) show(officeHost());
}

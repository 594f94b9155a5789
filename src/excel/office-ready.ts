/**
 * The one place that asks Office whether it is ready. Office.js defines `Office`, `Office.actions` and
 * `CustomFunctions` while its script loads, but `Office.context`, `OfficeRuntime.storage` and the Excel
 * APIs work only once `Office.onReady` has answered — which on a cold desktop start can take seconds.
 *
 * Whether we are inside Office at all is known before that: Office opens the add-in's page with a
 * `_host_Info` query parameter (`Excel$Win32$16.01$en-US$…` on Windows and Mac, `Excel|Web|16.00|…` on
 * the web; office.js reads the same parameter). With it, callers wait longer for onReady; without it (a
 * plain browser: preview) they give up quickly, and still take a late answer when it comes.
 */
import { langFromTag, type Lang } from "../omspan/i18n";

/** What onReady answered with. `host` is null when office.js loaded in a plain browser. */
export interface OfficeReadyInfo {
  host: string | null;
  platform: string | null;
}

/** What the page's URL says about its host, before Office.js has answered. */
export interface HostHint {
  /** e.g. "excel" */
  host: string;
  /** e.g. "win32", "mac", "web" */
  platform: string;
  /** Office's UI language from the URL, as one of ours. */
  lang: Lang;
}

/** How long to wait for onReady before deciding "preview" outside Office (no `_host_Info`). */
export const PREVIEW_READY_TIMEOUT_MS = 1500;
/** How long to wait inside Office, where a cold start of Excel can delay onReady for seconds. */
export const OFFICE_READY_TIMEOUT_MS = 15_000;

/** Reads `_host_Info` from a query string (`?a=b&_host_Info=…`), as office.js splits it: by `$`, else by `|`. */
export function hostHintFromSearch(search: string | undefined): HostHint | null {
  if (!search) return null;
  let value: string | null;
  try {
    value = new URLSearchParams(search).get("_host_Info");
  } catch {
    return null;
  }
  if (!value) return null;
  let parts = value.split("$");
  if (parts.length < 3) parts = value.split("|");
  const host = (parts[0] ?? "").trim().toLowerCase();
  if (host === "") return null;
  return { host, platform: (parts[1] ?? "").toLowerCase(), lang: langFromTag(parts[3]) };
}

/** The hint of the page this code runs in (none in Node, where there is no `location`). */
export function currentHostHint(): HostHint | null {
  const loc = (globalThis as { location?: { search?: string } }).location;
  return hostHintFromSearch(loc?.search);
}

/** The bound for waiting on onReady: long inside Office, short in a plain browser. */
export function readyTimeoutMs(hint: HostHint | null = currentHostHint()): number {
  return hint ? OFFICE_READY_TIMEOUT_MS : PREVIEW_READY_TIMEOUT_MS;
}

let asked: Promise<OfficeReadyInfo | null> | undefined;

/**
 * Office.onReady, asked once per runtime. Null when there is no Office here (`Office` undefined: the CDN
 * script did not load) or onReady failed; never rejects. Pending for as long as Office takes.
 */
export function officeReady(): Promise<OfficeReadyInfo | null> {
  asked ??= ask();
  return asked;
}

async function ask(): Promise<OfficeReadyInfo | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  try {
    const info = await Office.onReady();
    // HostType/PlatformType are string enums ("Excel", "PC"); a plain browser answers null for both.
    return { host: info?.host ? String(info.host) : null, platform: info?.platform ? String(info.platform) : null };
  } catch (err) {
    console.error("OMSPAN: Office.onReady failed", err);
    return null;
  }
}

/** What `promise` settles with, or "timeout" after `timeoutMs` (the promise itself carries on). */
export async function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** officeReady(), or "timeout" after `timeoutMs` (the answer may still come later through officeReady()). */
export function officeReadyWithin(timeoutMs: number): Promise<OfficeReadyInfo | null | "timeout"> {
  return within(officeReady(), timeoutMs);
}

/** Office's display language as one of ours; the browser's language in preview mode, English in Node. */
import { langFromTag, type Lang } from "../omspan/i18n";

export function displayLang(): Lang {
  try {
    if (typeof Office !== "undefined" && Office.context?.displayLanguage) {
      return langFromTag(Office.context.displayLanguage);
    }
  } catch {
    // Office.context throws before Office.onReady in some hosts: fall through to the browser's language.
  }
  return langFromTag(typeof navigator !== "undefined" ? navigator.language : "en");
}

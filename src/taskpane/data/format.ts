/** Numbers and moments as the pane's language writes them (1.234.567 in Indonesian, 1,234,567 in English). */
import type { Lang } from "../../omspan/i18n";

const locale = (lang: Lang) => (lang === "id" ? "id-ID" : "en-GB");

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(locale(lang));
}

export function formatAmount(n: number, lang: Lang): string {
  return n.toLocaleString(locale(lang), { maximumFractionDigits: 2 });
}

export function formatMoment(d: Date, lang: Lang): string {
  return d.toLocaleString(locale(lang), { dateStyle: "medium", timeStyle: "short" });
}

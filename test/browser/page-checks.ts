/**
 * What every pane view must pass in the browser: nothing wider than the pane, and no serious or critical
 * axe finding.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Nothing wider than the pane: the page never scrolls sideways (a failure names the widest elements). */
export async function expectNoOverflow(page: Page): Promise<void> {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll("*")]
      .map((e) => ({ e, right: e.getBoundingClientRect().right }))
      .filter((x) => x.right > client + 0.5 && x.e.children.length === 0)
      .slice(0, 5)
      .map((x) => `${x.e.tagName.toLowerCase()}${x.e.getAttribute("data-testid") ? `[${x.e.getAttribute("data-testid")}]` : ""} right=${Math.round(x.right)} "${(x.e.textContent ?? "").slice(0, 60)}"`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(scroll > client ? { scroll, client, wide } : "fits").toBe("fits");
}

/**
 * Fluent's keyboard library (Tabster) puts an invisible `<i data-tabster-dummy tabindex=0 aria-hidden>`
 * at each end of a TabList to redirect focus: flagged by aria-hidden-focus, and by design
 * (microsoft/fluentui#27517, microsoft/tabster#288; Accessibility Insights suppresses exactly these).
 * Only those nodes, and only for that rule, are left out.
 */
function tabsterBumper(rule: string, html: string): boolean {
  return rule === "aria-hidden-focus" && /^<i [^>]*data-tabster-dummy/.test(html);
}

export async function expectAccessible(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !tabsterBumper(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html}`).join(", ")}`);
  expect(bad).toEqual([]);
}

/**
 * Siap Rapat in the pane: the button (the same work as the ribbon's), the result as a checklist — each
 * check with its status, each finding with *Go to* its cells — and, on the user's word, *Keep the
 * presented version and freeze*. Behaviour arrives as props (pane-behaviour.ts: Excel's adapters);
 * a result the ribbon produced arrives through `subscribe`.
 */
import { useEffect, useState } from "react";
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import { statusWord, type CellRef, type CheckReport, type CheckStatus } from "../../omspan/siap-rapat";
import { siapRapatStrings } from "./strings";

export interface SiapRapatView {
  readonly report: CheckReport;
  readonly presentable: readonly string[];
  readonly frozen: boolean;
}

export interface SiapRapatActions {
  run(): Promise<SiapRapatView>;
  keep(sheets: readonly string[]): Promise<{ readonly copies: readonly string[] }>;
  goTo(cell: CellRef): Promise<void>;
  /** Results of runs started elsewhere (the ribbon); returns the unsubscribe function. */
  subscribe?(listener: (v: SiapRapatView) => void): () => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  finding: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "baseline", flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3 },
});

const COLOR: Readonly<Record<CheckStatus, "success" | "danger" | "warning" | "informative" | "subtle">> = { ok: "success", stop: "danger", warn: "warning", info: "informative", skipped: "subtle" };

export function SiapRapatCard({ actions, lang }: { actions?: SiapRapatActions; lang: Lang }) {
  const styles = useStyles();
  const t = siapRapatStrings(lang);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<SiapRapatView | undefined>(undefined);
  const [kept, setKept] = useState<readonly string[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => actions?.subscribe?.((v) => setView(v)), [actions]);

  async function act(job: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await job();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={t.heading} data-testid="siap-rapat-card">
      <Title3 as="h2">{t.heading}</Title3>
      <Text size={200} className={styles.hint}>{t.hint}</Text>
      {!actions && <Text>{t.needsExcel}</Text>}
      {actions && (
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy} onClick={() => void act(async () => { setKept(undefined); setView(await actions.run()); })} data-testid="siap-rapat-run">
            {t.run}
          </Button>
          {busy && <Spinner size="tiny" label={t.running} />}
        </div>
      )}
      {view && (
        <>
          {view.frozen && <Text size={200}>{t.frozenNote}</Text>}
          <Text weight="semibold" data-testid="siap-rapat-verdict">{view.report.counts.stop ? t.notReady(view.report.counts.stop) : t.ready}</Text>
          <ul className={styles.list} data-testid="siap-rapat-checklist">
            {view.report.outcomes.map((o) => (
              <li key={o.id}>
                <div className={styles.row}>
                  <Badge appearance="tint" color={COLOR[o.status]}>{statusWord(o.status, lang)}</Badge>
                  <Text>{o.title[lang]}</Text>
                </div>
                {o.note && <Text size={200} className={styles.hint}>{o.note[lang]}</Text>}
                {o.findings.length > 0 && (
                  <ul className={styles.list}>
                    {o.findings.map((f, i) => (
                      <li key={i} className={styles.finding}>
                        <Text size={200}>{f.message[lang]}</Text>
                        {f.cells[0] && (
                          <Button size="small" appearance="subtle" disabled={!actions} onClick={() => void act(() => actions!.goTo(f.cells[0]!))}>
                            {t.goTo} {f.cells[0].sheet}!{f.cells[0].address}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {actions && !view.frozen && (
            <div className={styles.row}>
              <Button disabled={busy || view.presentable.length === 0} onClick={() => void act(async () => setKept((await actions.keep(view.presentable)).copies))} data-testid="siap-rapat-keep">
                {t.keep}
              </Button>
              <Text size={200} className={styles.hint}>{t.keepHint}</Text>
            </div>
          )}
          {kept && <Text data-testid="siap-rapat-kept">{t.kept(kept.join(", "))}</Text>}
        </>
      )}
      {error !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.failed}</MessageBarTitle>
            {localizeError(error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** What the last refresh changed, per table and in OMSPAN formulas, with the button to the report sheet. */
import { useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { RefreshSummary } from "./refresh-actions";
import type { RefreshStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

interface Props {
  summary: RefreshSummary;
  lang: Lang;
  t: RefreshStrings;
  showSheet(name: string): Promise<void>;
}

export function RefreshSummaryCard({ summary, lang, t, showSheet }: Props) {
  const styles = useStyles();
  const [openError, setOpenError] = useState<unknown>(undefined);
  const number = new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US", { maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const report = summary.reportSheet;

  async function open(sheet: string): Promise<void> {
    setOpenError(undefined);
    try {
      await showSheet(sheet);
    } catch (err) {
      setOpenError(err);
    }
  }

  return (
    <section className={styles.root} aria-labelledby="omspan-summary-heading" data-testid="refresh-summary">
      <Text as="h3" weight="semibold" id="omspan-summary-heading">
        {t.summaryHeading}
      </Text>
      {summary.tables.length === 0 && <Text>{t.noTables}</Text>}
      <ul className={styles.list}>
        {summary.tables.map((o) => (
          <li key={`${o.table}-${o.sheet ?? ""}`} data-testid={`outcome-${o.table}`}>
            <Text weight="semibold">{o.table}</Text>: {o.status === "failed" && o.changed ? t.failedChanged : t.status[o.status]}
            {o.diff && <> · {t.diff(o.diff.added, o.diff.removed, o.diff.changed)}</>}
            {o.diff?.totals.map((x) => <span key={x.key}> · {t.totalChange(x.header, number.format(x.delta))}</span>)}
            {o.notes.map((n, i) => <span key={i}> · {n[lang]}</span>)}
            {o.error && <> · {o.error}</>}
          </li>
        ))}
      </ul>
      <Text>{t.formulas(summary.formulas.cells, summary.formulas.changes.length)}</Text>
      {summary.formulas.unsettled > 0 && <Text>{t.unsettled(summary.formulas.unsettled)}</Text>}
      {summary.warnings.map((w) => (
        <MessageBar key={w} intent="warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      {report && (
        <Button appearance="secondary" onClick={() => void open(report)}>
          {t.openReport(report)}
        </Button>
      )}
      {openError !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.openReportError}</MessageBarTitle>
            {localizeError(openError, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

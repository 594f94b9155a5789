/**
 * The banner above every tab when cells do not show a fresh pull: a warning when OMSPAN could not be
 * reached and older data answers ("OMSPAN cannot be reached — showing data pulled 2026-12-02 16:04",
 * the oldest such answer's time), an info line when a workbook opened from kept snapshots. Nothing when
 * every answer is fresh, or frozen (the freeze card says that). Behaviour-free: the status is a prop.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { asOfStatus, formatAsOfTime } from "../../omspan/store/as-of";
import { DATASETS } from "../../omspan/datasets/catalog";
import type { Lang } from "../../omspan/i18n";
import type { HeldAnswer, StoreStatus } from "../../omspan/store/store";
import { snapshotStrings } from "./strings";

const useStyles = makeStyles({
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

interface Props {
  status: StoreStatus;
  lang: Lang;
}

const oldest = (xs: readonly HeldAnswer[]) => xs.reduce((a, b) => (b.asOf.fetchedAt < a.asOf.fetchedAt ? b : a));

export function StaleBanner({ status, lang }: Props) {
  const styles = useStyles();
  const t = snapshotStrings(lang);
  const stale = status.answers.filter((a) => asOfStatus(a.asOf) === "stale");
  const kept = status.answers.filter((a) => asOfStatus(a.asOf) === "snapshot");
  const shown = stale.length ? stale : kept;
  const lines = shown.length > 1 && (
    <ul className={styles.lines}>
      {shown.map((a) => (
        <li key={`${a.dataset}${JSON.stringify(a.params)}`}>{t.datasetLine(DATASETS[a.dataset].label[lang], formatAsOfTime(a.asOf.fetchedAt))}</li>
      ))}
    </ul>
  );
  if (stale.length || status.offline) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="stale-banner">
        <MessageBarBody>
          <MessageBarTitle>{stale.length ? t.staleTitle(formatAsOfTime(oldest(stale).asOf.fetchedAt)) : t.offlineTitle}</MessageBarTitle>
          {t.staleBody}
          {lines}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!kept.length || status.frozen) return null;
  return (
    <MessageBar intent="info" layout="multiline" data-testid="snapshot-banner">
      <MessageBarBody>
        <MessageBarTitle>{t.snapshotTitle(formatAsOfTime(oldest(kept).asOf.fetchedAt))}</MessageBarTitle>
        {t.snapshotBody}
        {lines}
      </MessageBarBody>
    </MessageBar>
  );
}

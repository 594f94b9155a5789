/**
 * Koneksi's "Kept data": the open policy ("pull fresh data when a workbook opens", remembered on this
 * computer), how much this key keeps here, and removing it. Everything arrives as props.
 */
import { useEffect, useState } from "react";
import { Button, MessageBar, MessageBarBody, Switch, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import { snapshotStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface SnapshotSettingsActions {
  setPullOnOpen(on: boolean): void;
  /** This key's snapshots here (only when connected). */
  usage?(): Promise<{ count: number; bytes: number }>;
  clear?(): Promise<unknown>;
}

interface Props {
  pullOnOpen: boolean;
  actions: SnapshotSettingsActions;
  lang: Lang;
}

export function SnapshotSettings({ pullOnOpen, actions, lang }: Props) {
  const styles = useStyles();
  const t = snapshotStrings(lang);
  const [usage, setUsage] = useState<{ count: number; bytes: number } | undefined>(undefined);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; err: unknown } | undefined>(undefined);
  const { usage: readUsage } = actions;

  useEffect(() => {
    let live = true;
    void readUsage?.().then((u) => live && setUsage(u), () => undefined);
    return () => void (live = false);
  }, [readUsage, outcome]);

  async function clear(): Promise<void> {
    try {
      await actions.clear?.();
      setOutcome({ ok: true });
    } catch (err) {
      setOutcome({ ok: false, err });
    }
  }

  return (
    <section className={styles.root} aria-label={t.settingsHeading} data-testid="snapshot-settings">
      <Title3 as="h2">{t.settingsHeading}</Title3>
      <Switch checked={pullOnOpen} label={t.pullOnOpen} onChange={(_, d) => actions.setPullOnOpen(d.checked)} data-testid="pull-on-open" />
      <Text size={200} className={styles.hint}>
        {t.pullOnOpenHint}
      </Text>
      {usage && usage.count > 0 && (
        <>
          <Text size={200} data-testid="snapshot-usage">{t.usage(usage.count, (usage.bytes / 1024 / 1024).toFixed(1))}</Text>
          {actions.clear && (
            <Button size="small" onClick={() => void clear()}>
              {t.clear}
            </Button>
          )}
        </>
      )}
      {outcome?.ok && (
        <MessageBar intent="success">
          <MessageBarBody>{t.cleared}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.ok && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t.clearFailed}: {localizeError(outcome.err, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

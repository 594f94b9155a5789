/**
 * Freeze for the meeting: the state (frozen to the data of when, or not) and the one button that changes
 * it. What freezing does — pin the store, keep the pin in the workbook — arrives as `onFreeze` /
 * `onUnfreeze` (pane-behaviour.ts); a failure (nothing pulled yet, data not kept) shows its message.
 */
import { useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { formatAsOfTime } from "../../omspan/store/as-of";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import { pinAsOf, type Pin } from "../../omspan/snapshots/pin";
import { snapshotStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface FreezeActions {
  freeze(): Promise<void>;
  unfreeze(): Promise<void>;
}

interface Props {
  frozen?: Pin;
  actions: FreezeActions;
  lang: Lang;
}

export function FreezeCard({ frozen, actions, lang }: Props) {
  const styles = useStyles();
  const t = snapshotStrings(lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; err: unknown } | undefined>(undefined);

  async function run(what: "freeze" | "unfreeze"): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await actions[what]();
    } catch (err) {
      setError({ title: what === "freeze" ? t.freezeFailed : t.unfreezeFailed, err });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={t.freezeHeading} data-testid="freeze-card">
      <Title3 as="h2">{t.freezeHeading}</Title3>
      <div className={styles.row}>
        <Text weight="semibold" data-testid="freeze-state">
          {frozen ? t.frozenState(formatAsOfTime(new Date(pinAsOf(frozen)))) : t.notFrozen}
        </Text>
        <Button appearance={frozen ? "primary" : "secondary"} disabled={busy} onClick={() => void run(frozen ? "unfreeze" : "freeze")}>
          {frozen ? t.unfreeze : t.freeze}
        </Button>
      </div>
      <Text size={200} className={styles.hint}>
        {t.freezeHint}
      </Text>
      {error && (
        <MessageBar intent="error" data-testid="freeze-error">
          <MessageBarBody>
            <MessageBarTitle>{error.title}</MessageBarTitle>
            {localizeError(error.err, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/**
 * "Insert as table" into a new sheet or at the selected cell, through the table writer; in preview mode
 * (no Excel) it says that Excel is needed instead.
 */
import { useState } from "react";
import {
  Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, Text, makeStyles, tokens,
} from "@fluentui/react-components";
import type { InsertResult } from "../../excel/table-outcome";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { Strings } from "../strings";
import type { InsertTarget } from "./data-actions";
import { formatCount } from "./format";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

interface Props {
  insert?: (target: InsertTarget) => Promise<InsertResult>;
  disabled: boolean;
  lang: Lang;
  t: Strings;
}

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; result: InsertResult } | { kind: "error"; error: unknown };

export function InsertControls({ insert, disabled, lang, t }: Props) {
  const styles = useStyles();
  const [target, setTarget] = useState<InsertTarget>("new-sheet");
  const [state, setState] = useState<State>({ kind: "idle" });
  if (!insert) {
    return (
      <MessageBar intent="info" data-testid="insert-needs-excel">
        <MessageBarBody>{t.insertNeedsExcel}</MessageBarBody>
      </MessageBar>
    );
  }
  async function run(): Promise<void> {
    setState({ kind: "busy" });
    try {
      setState({ kind: "done", result: await insert!(target) });
    } catch (error) {
      setState({ kind: "error", error });
    }
  }
  const busy = state.kind === "busy";
  return (
    <div className={styles.root}>
      <Field label={t.insertTarget}>
        <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as InsertTarget)} disabled={busy || disabled}>
          <Radio value="new-sheet" label={t.insertNewSheet} />
          <Radio value="selection" label={t.insertAtSelection} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={busy || disabled}>
          {t.insertButton}
        </Button>
        {busy && <Spinner size="tiny" label={t.inserting} />}
      </div>
      {state.kind === "done" && (
        <Text role="status" data-testid="inserted">
          {t.inserted(state.result.table, state.result.address, formatCount(state.result.rows, lang))}
        </Text>
      )}
      {state.kind === "error" && (
        <MessageBar intent="error" data-testid="insert-error">
          <MessageBarBody>
            <MessageBarTitle>{t.insertFailed}</MessageBarTitle>
            {localizeError(state.error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/**
 * The query of the Data view in the one filter grammar: satker, akun, period, filter pairs (only those
 * the chosen dataset has), and PNBP's date. Each field shows the core's own message for its problem.
 */
import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { datasetSpec } from "../../omspan/datasets/catalog";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { QueryField } from "../../omspan/tables";
import type { OmspanError } from "../../omspan/errors";
import type { DatasetId } from "../../omspan/routes";
import type { Strings } from "../strings";

export interface QueryText {
  satker: string;
  akun: string;
  from: string;
  to: string;
  filter: string;
  /** PNBP date as yyyy-mm-dd (the date input's form). */
  date: string;
}

export const EMPTY_QUERY: QueryText = { satker: "", akun: "", from: "", to: "", filter: "", date: "" };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  period: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: tokens.spacingHorizontalS },
  input: { minWidth: 0, width: "100%" },
});

interface Props {
  dataset: DatasetId;
  value: QueryText;
  onChange(next: QueryText): void;
  problems: Partial<Record<QueryField, OmspanError>>;
  disabled: boolean;
  lang: Lang;
  t: Strings;
}

export function QueryFields({ dataset, value, onChange, problems, disabled, lang, t }: Props) {
  const styles = useStyles();
  const spec = datasetSpec(dataset);
  const msg = (f: QueryField) => (problems[f] ? localizeError(problems[f], lang) : undefined);
  const text = (f: keyof QueryText, label: string, hint?: string, type: "text" | "date" = "text") => (
    <Field
      label={label}
      hint={hint}
      validationState={msg(f as QueryField) ? "error" : "none"}
      validationMessage={msg(f as QueryField)}
    >
      <Input
        className={styles.input}
        name={f}
        type={type}
        value={value[f]}
        disabled={disabled}
        onChange={(_, d) => onChange({ ...value, [f]: d.value })}
      />
    </Field>
  );
  return (
    <div className={styles.root}>
      {dataset === "pnbp" && text("date", t.pnbpDateLabel, t.pnbpDateHint, "date")}
      {spec.satkerColumn && text("satker", t.satkerLabel, t.satkerHint)}
      {spec.akunColumn && text("akun", t.akunLabel, t.akunHint)}
      {spec.dateColumn && (
        <div className={styles.period}>
          {text("from", t.fromLabel, undefined, "date")}
          {text("to", t.toLabel, undefined, "date")}
        </div>
      )}
      {text("filter", t.filterLabel, t.filterHint)}
    </div>
  );
}

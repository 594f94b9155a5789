/**
 * The ledger's columns as found by their headers, each one the user can correct: the header row among the
 * first rows, then per field the column (its letter and header text); satker and reference may be none.
 */
import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetter } from "../../omspan/templates/grid";
import type { LedgerField } from "../../omspan/reconcile";
import type { Columns } from "./reconcile-form";
import { reconcileWords } from "./reconcile-strings";
import type { Lang } from "../../omspan/i18n";

const useStyles = makeStyles({ grid: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS } });

const FIELDS: readonly LedgerField[] = ["akun", "date", "amount", "satker", "reference"];
const OPTIONAL = new Set<LedgerField>(["satker", "reference"]);

export interface LedgerColumnsFieldsProps {
  readonly lang: Lang;
  readonly rows: readonly (readonly unknown[])[];
  /** The sheet row number of the first row. */
  readonly firstRow: number;
  readonly value: Columns;
  readonly onChange: (c: Columns) => void;
}

export function LedgerColumnsFields({ lang, rows, firstRow, value, onChange }: LedgerColumnsFieldsProps) {
  const styles = useStyles();
  const w = reconcileWords(lang);
  const header = rows[value.headerRow] ?? [];
  const width = Math.max(0, ...rows.slice(0, 10).map((r) => r.length));
  const label = (c: number) => `${columnLetter(c)} — ${String(header[c] ?? "").trim() || "…"}`;
  return (
    <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
      <legend>{w.columns}</legend>
      <div className={styles.grid}>
        <Field label={w.headerRow}>
          <Select value={String(value.headerRow)} onChange={(_, d) => onChange({ ...value, headerRow: Number(d.value) })}>
            {rows.slice(0, 10).map((_, i) => (
              <option key={i} value={String(i)}>
                {firstRow + i}
              </option>
            ))}
          </Select>
        </Field>
        {FIELDS.map((f) => (
          <Field key={f} label={w.fields[f]}>
            <Select
              value={value.mapping[f] === undefined ? "" : String(value.mapping[f])}
              onChange={(_, d) => onChange({ ...value, mapping: { ...value.mapping, [f]: d.value === "" ? undefined : Number(d.value) } })}
            >
              {(OPTIONAL.has(f) || value.mapping[f] === undefined) && <option value="">{w.none}</option>}
              {Array.from({ length: width }, (_, c) => (
                <option key={c} value={String(c)}>
                  {label(c)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

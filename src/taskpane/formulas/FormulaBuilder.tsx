/**
 * Build one formula: choose the function, fill its arguments (typed, or from the selected cell in
 * Excel), see the core's message under the argument it concerns, ask for the value it will return, and
 * insert it into the active cell. Behaviour arrives as props: nothing here touches Excel or the network.
 */
import { useEffect, useMemo, useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FORMULAS, cellErrorKind, formulaSpec, type CellValue, type Grid, type ListSeparator } from "../../omspan/formulas";
import { isOmspanError } from "../../omspan/errors";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { SelectionInfo } from "../../excel/active-cell";
import { argValues, blankArg, builtFormula, checkArgs, type BuilderArg } from "./builder-args";
import { FormulaValue } from "./FormulaValue";
import type { FormulaStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  argRow: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "flex-end", flexWrap: "wrap" },
  argInput: { flexGrow: 1, minWidth: "140px" },
  formula: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere", backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

export interface FormulaBuilderProps {
  lang: Lang;
  listSeparator: ListSeparator;
  t: FormulaStrings;
  /** The chosen function (after `OMSPAN.`), or "" for none. */
  name: string;
  onName(name: string): void;
  evaluate(name: string, args: readonly unknown[]): Promise<CellValue | Grid>;
  readSelection?: () => Promise<SelectionInfo>;
  insertFormula?: (formula: string) => Promise<string>;
}

/** An error the cell itself would show (#DIV/0!, no data), as opposed to "cannot ask" (no key, unreachable…). */
const isCellError = (e: unknown) => isOmspanError(e) && (e.code === "division-by-zero" || e.code === "no-data");

type ValueState = { s: "idle" } | { s: "loading" } | { s: "done"; value: CellValue | Grid } | { s: "error"; error: unknown };
type InsertState = { s: "idle" } | { s: "busy" } | { s: "done"; address: string } | { s: "error"; error: unknown };

export function FormulaBuilder(props: FormulaBuilderProps) {
  const { lang, listSeparator, t, name, onName, evaluate, readSelection, insertFormula } = props;
  const styles = useStyles();
  const spec = name ? formulaSpec(name) : undefined;
  const [args, setArgs] = useState<BuilderArg[]>([]);
  const [value, setValue] = useState<ValueState>({ s: "idle" });
  const [insert, setInsert] = useState<InsertState>({ s: "idle" });
  const [selectionError, setSelectionError] = useState<unknown>(undefined);

  // A new function starts with blank arguments.
  useEffect(() => {
    setArgs(spec ? spec.params.map(() => blankArg) : []);
    setValue({ s: "idle" });
    setInsert({ s: "idle" });
  }, [spec]);

  const checked = useMemo(() => (spec && args.length ? checkArgs(spec.name, args, lang) : undefined), [spec, args, lang]);

  function setArg(i: number, a: BuilderArg): void {
    setArgs((old) => old.map((x, j) => (j === i ? a : x)));
    setValue({ s: "idle" });
    setInsert({ s: "idle" });
  }

  async function fromSelection(i: number): Promise<void> {
    if (!readSelection) return;
    setSelectionError(undefined);
    try {
      const sel = await readSelection();
      setArg(i, { kind: "ref", address: sel.address, values: sel.values });
    } catch (err) {
      setSelectionError(err);
    }
  }

  async function showValue(): Promise<void> {
    if (!spec || !checked?.prepared) return;
    setValue({ s: "loading" });
    try {
      setValue({ s: "done", value: await evaluate(spec.name, argValues(args)) });
    } catch (err) {
      setValue({ s: "error", error: err });
    }
  }

  async function onInsert(): Promise<void> {
    if (!spec || !insertFormula) return;
    setInsert({ s: "busy" });
    try {
      setInsert({ s: "done", address: await insertFormula(builtFormula(spec.name, args, ",")) });
    } catch (err) {
      setInsert({ s: "error", error: err });
    }
  }

  const valid = Boolean(checked?.prepared);
  return (
    <div className={styles.root}>
      <Field label={t.functionLabel}>
        <Select value={name} onChange={(_, d) => onName(d.value)}>
          <option value="">{t.pickFunction}</option>
          {Object.keys(FORMULAS).map((n) => (
            <option key={n} value={n}>
              OMSPAN.{n}
            </option>
          ))}
        </Select>
      </Field>
      {!spec && <Text data-testid="builder-empty">{t.emptyBuilder}</Text>}
      {spec &&
        spec.params.map((p, i) => {
          const a = args[i] ?? blankArg;
          const problem = checked?.problems[p.name];
          return (
            <div className={styles.argRow} key={`${spec.name}-${p.name}`}>
              <Field
                className={styles.argInput}
                label={i >= spec.required ? `${p.name} (${t.optional})` : p.name}
                hint={p.help[lang]}
                validationState={problem ? "error" : "none"}
                validationMessage={problem}
              >
                <Input
                  value={a.kind === "ref" ? a.address : a.text}
                  onChange={(_, d) => setArg(i, { kind: "text", text: d.value })}
                />
              </Field>
              {readSelection && (
                <Button onClick={() => void fromSelection(i)} aria-label={t.fromSelectionOf(p.name)}>
                  {t.fromSelection}
                </Button>
              )}
            </div>
          );
        })}
      {selectionError !== undefined && (
        <MessageBar intent="error" data-testid="selection-error">
          <MessageBarBody>
            <MessageBarTitle>{t.selectionError}</MessageBarTitle>
            {localizeError(selectionError, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {spec && checked?.problems[""] && (
        <Text role="alert" data-testid="call-problem">
          {checked.problems[""]}
        </Text>
      )}
      {spec && (
        <Field label={t.formulaLabel}>
          <code className={styles.formula} data-testid="built-formula">
            {builtFormula(spec.name, args, listSeparator)}
          </code>
        </Field>
      )}
      {spec && (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={!valid || value.s === "loading"} onClick={() => void showValue()}>
            {t.showValue}
          </Button>
          <Button disabled={!valid || !insertFormula || insert.s === "busy"} onClick={() => void onInsert()}>
            {t.insert}
          </Button>
          {value.s === "loading" && <Spinner size="tiny" label={t.calculating} data-testid="calculating" />}
          {insert.s === "busy" && <Spinner size="tiny" label={t.inserting} />}
        </div>
      )}
      {value.s === "done" && (
        <Field label={t.valueLabel}>
          <FormulaValue value={value.value} lang={lang} t={t} />
        </Field>
      )}
      {value.s === "error" && (
        <MessageBar intent="error" data-testid="value-error">
          <MessageBarBody>
            <MessageBarTitle>{isCellError(value.error) ? `${t.cellError}: ${cellErrorKind(value.error)}` : t.valueError}</MessageBarTitle>
            {localizeError(value.error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {insert.s === "done" && (
        <MessageBar intent="success" data-testid="inserted">
          <MessageBarBody>{t.inserted(insert.address)}</MessageBarBody>
        </MessageBar>
      )}
      {insert.s === "error" && (
        <MessageBar intent="error" data-testid="insert-error">
          <MessageBarBody>
            <MessageBarTitle>{t.insertError}</MessageBarTitle>
            {localizeError(insert.error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

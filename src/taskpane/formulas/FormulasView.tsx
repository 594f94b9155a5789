/**
 * The Rumus view: the function catalogue and the formula builder. Self-contained — the shell passes the
 * language, Excel's argument separator and the behaviour (value preview, selection, insertion); in
 * preview mode (no Excel) `readSelection` and `insertFormula` are absent and the view says Excel is needed.
 */
import { useState } from "react";
import { MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { CellValue, Grid, ListSeparator } from "../../omspan/formulas";
import type { Lang } from "../../omspan/i18n";
import type { SelectionInfo } from "../../excel/active-cell";
import { FormulaBuilder } from "./FormulaBuilder";
import { FunctionCatalogue } from "./FunctionCatalogue";
import { formulaStrings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3 },
});

export interface FormulasViewProps {
  lang: Lang;
  /** Excel's argument separator: excelListSeparator() in Excel, listSeparatorFor(navigator.language) in preview. */
  listSeparator: ListSeparator;
  /** The value a formula will return (previewFormulaValue over the shared session). */
  evaluate(name: string, args: readonly unknown[]): Promise<CellValue | Grid>;
  /** Reads Excel's selection (src/excel/active-cell.ts); absent in preview mode. */
  readSelection?: () => Promise<SelectionInfo>;
  /** Writes a formula (`,` form) into the active cell, answering its address; absent in preview mode. */
  insertFormula?: (formula: string) => Promise<string>;
}

export function FormulasView(props: FormulasViewProps) {
  const { lang, listSeparator } = props;
  const styles = useStyles();
  const t = formulaStrings(lang);
  const [name, setName] = useState("");
  const inExcel = Boolean(props.insertFormula);
  return (
    <div className={styles.root} lang={lang}>
      <section aria-labelledby="omspan-builder-heading">
        <Title3 as="h2" id="omspan-builder-heading">
          {t.builderHeading}
        </Title3>
        {!inExcel && (
          <MessageBar intent="info" data-testid="excel-needed">
            <MessageBarBody>{t.excelNeeded}</MessageBarBody>
          </MessageBar>
        )}
        <Text className={styles.note} size={200}>
          {t.separatorNote(listSeparator)}
        </Text>
        <FormulaBuilder {...props} t={t} name={name} onName={setName} />
      </section>
      <section aria-labelledby="omspan-catalogue-heading">
        <Title3 as="h2" id="omspan-catalogue-heading">
          {t.catalogueHeading}
        </Title3>
        <FunctionCatalogue lang={lang} listSeparator={listSeparator} t={t} onUse={setName} />
      </section>
    </div>
  );
}

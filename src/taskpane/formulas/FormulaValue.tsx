/** The value a built formula will return: one value, or the first rows of what it spills. */
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CellValue, Grid } from "../../omspan/formulas";
import type { Lang } from "../../omspan/i18n";
import { formatCellValue } from "./format-value";
import type { FormulaStrings } from "./strings";

const SHOWN_ROWS = 5;
const SHOWN_COLS = 6;

const useStyles = makeStyles({
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  // The grid scrolls inside itself, never the pane.
  scroll: { maxWidth: "100%", overflowX: "auto" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS, whiteSpace: "nowrap" },
});

interface Props {
  value: CellValue | Grid;
  lang: Lang;
  t: FormulaStrings;
}

export function FormulaValue({ value, lang, t }: Props) {
  const styles = useStyles();
  if (!Array.isArray(value)) {
    return (
      <Text className={styles.value} data-testid="formula-value" role="status">
        {formatCellValue(value, lang)}
      </Text>
    );
  }
  const cols = value[0]?.length ?? 0;
  return (
    <div role="status" data-testid="formula-grid">
      <Text>{t.gridValue(value.length, cols)}</Text>
      <div className={styles.scroll} tabIndex={0} aria-label={t.valueLabel}>
        <table className={styles.table}>
          <tbody>
            {value.slice(0, SHOWN_ROWS).map((row, r) => (
              <tr key={r}>
                {row.slice(0, SHOWN_COLS).map((v, c) => (
                  <td key={c} className={styles.cell}>
                    {formatCellValue(v, lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {value.length > SHOWN_ROWS && <Text size={200}>{t.moreRows(value.length - SHOWN_ROWS)}</Text>}
    </div>
  );
}

/**
 * The preview of a query: its row count and amount total (both from the core's previewTable), the
 * outcome of the pull (rows, time, as-of), and the first rows in a few columns that fit 320 px.
 */
import { Caption1, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import { datasetSpec } from "../../omspan/datasets/catalog";
import { formatDay } from "../../omspan/convert";
import type { Lang } from "../../omspan/i18n";
import type { AsOf } from "../../omspan/store/store";
import type { TablePreview } from "../../omspan/tables";
import type { DatasetId } from "../../omspan/routes";
import type { Strings } from "../strings";
import { formatAmount, formatCount, formatMoment } from "./format";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", columnGap: tokens.spacingHorizontalM, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere", fontVariantNumeric: "tabular-nums" },
  // The few columns shown fit 320 px unwrapped; the wrapper scrolls only if a value is unusually long.
  scroller: { overflowX: "auto", maxWidth: "100%" },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: "left",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "nowrap",
  },
  number: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
});

/** Up to four columns that say most about a row: satker, akun, date, amount (else the first ones). */
function shownColumns(dataset: DatasetId, preview: TablePreview): number[] {
  const spec = datasetSpec(dataset);
  const wanted = [spec.satkerColumn, spec.akunColumn, spec.dateColumn, spec.amountColumn].filter(Boolean);
  const idx = wanted.map((k) => preview.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0);
  return idx.length >= 2 ? idx : preview.columns.slice(0, 3).map((_, i) => i);
}

interface Props {
  dataset: DatasetId;
  preview: TablePreview;
  asOf: AsOf;
  seconds: number;
  pulledRows: number;
  lang: Lang;
  t: Strings;
}

export function PreviewResult({ dataset, preview, asOf, seconds, pulledRows, lang, t }: Props) {
  const styles = useStyles();
  const cols = shownColumns(dataset, preview);
  const show = (v: string | number) => (typeof v === "number" ? formatAmount(v, lang) : v);
  return (
    <Card data-testid="preview">
      <CardHeader header={<Text weight="semibold" as="h2">{t.previewHeading}</Text>} />
      <dl className={styles.facts}>
        <dt className={styles.term}>{t.rowCount}</dt>
        <dd className={styles.value} data-testid="row-count">{formatCount(preview.rowCount, lang)}</dd>
        {preview.total !== undefined && (
          <>
            <dt className={styles.term}>{t.total}</dt>
            <dd className={styles.value} data-testid="total">{formatAmount(preview.total, lang)}</dd>
          </>
        )}
        {asOf.maxDate !== undefined && (
          <>
            <dt className={styles.term}>{t.dataUpTo}</dt>
            <dd className={styles.value}>{formatDay(asOf.maxDate)}</dd>
          </>
        )}
      </dl>
      <Caption1 data-testid="outcome">
        {t.outcome(formatCount(pulledRows, lang), seconds.toFixed(1), formatMoment(asOf.fetchedAt, lang))}
      </Caption1>
      {preview.rowCount === 0 ? (
        <Text data-testid="no-rows">{t.noRows}</Text>
      ) : (
        <div className={styles.scroller} role="region" aria-label={t.firstRows} tabIndex={0}>
        <table className={styles.table} aria-label={t.firstRows}>
          <thead>
            <tr>
              {cols.map((i) => (
                <th key={i} scope="col" className={styles.cell}>{preview.columns[i]!.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {cols.map((i) => (
                  <td key={i} className={typeof row[i] === "number" ? `${styles.cell} ${styles.number}` : styles.cell}>
                    {show(row[i]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </Card>
  );
}

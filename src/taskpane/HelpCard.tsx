/**
 * The one formula of the first release, shown in both argument-separator styles: Excel in an Indonesian
 * locale separates arguments with ";" and an English one with ",". Pasting the wrong style is the most
 * common first mistake, so both are spelled out.
 */
import { Caption1, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "./strings";

const useStyles = makeStyles({
  code: {
    display: "block",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: "all",
    overflowWrap: "anywhere",
  },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export const FORMULA_ID = '=OMSPAN.REALISASI("<satker>"; "<akun>")';
export const FORMULA_EN = '=OMSPAN.REALISASI("<satker>", "<akun>")';

export function HelpCard({ t }: { t: Strings }) {
  const styles = useStyles();
  return (
    <Card data-testid="help">
      <CardHeader header={<Text weight="semibold">{t.helpHeading}</Text>} description={t.helpIntro} />
      <div className={styles.item}>
        <Caption1>{t.helpIndonesianExcel}</Caption1>
        <code className={styles.code}>{FORMULA_ID}</code>
      </div>
      <div className={styles.item}>
        <Caption1>{t.helpEnglishExcel}</Caption1>
        <code className={styles.code}>{FORMULA_EN}</code>
      </div>
      <Caption1>{t.helpArguments}</Caption1>
    </Card>
  );
}

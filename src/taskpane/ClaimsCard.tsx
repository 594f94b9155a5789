/**
 * Who the connected key belongs to. The claims are read from the key itself (only OMSPAN can verify it);
 * the connection test is what proved it works.
 */
import { Badge, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { KeyClaims } from "../omspan/claims";
import type { Lang } from "../omspan/i18n";
import type { Strings } from "./strings";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, wordBreak: "break-all" },
});

interface Props {
  claims: KeyClaims;
  baseUrl?: string;
  lang: Lang;
  t: Strings;
}

export function ClaimsCard({ claims, baseUrl, lang, t }: Props) {
  const styles = useStyles();
  const issued = claims.issuedAt.toLocaleString(lang === "id" ? "id-ID" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const rows: Array<[string, string]> = [
    [t.claimUser, claims.usr],
    [t.claimUid, claims.uid],
    [t.claimSatker, claims.kds],
    [t.claimFiscalYear, claims.kdt],
    [t.claimIssuedAt, issued],
  ];
  return (
    <Card data-testid="claims">
      <CardHeader
        header={<Text weight="semibold">{t.claimsHeading}</Text>}
        description={baseUrl}
        action={
          <Badge appearance="filled" color="success" data-testid="connected">
            {t.connected}
          </Badge>
        }
      />
      <dl className={styles.grid}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: "contents" }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/**
 * Who the connected key belongs to. The claims are read from the key itself (only OMSPAN can verify it);
 * the connection test is what proved it works.
 */
import { Badge, Caption1, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { KeyClaims } from "../omspan/claims";
import type { Lang } from "../omspan/i18n";
import type { Strings } from "./strings";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere", minWidth: 0 },
  // The badge wraps under the heading rather than being pushed off the card's edge at 320 px.
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  address: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
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
      <div className={styles.head}>
        <Text weight="semibold" as="h2">{t.claimsHeading}</Text>
        <Badge appearance="filled" color="success" data-testid="connected">
          {t.connected}
        </Badge>
      </div>
      {baseUrl && <Caption1 className={styles.address}>{baseUrl}</Caption1>}
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

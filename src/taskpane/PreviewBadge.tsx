/** Tells the user the pane is running outside Excel, where formulas cannot be used. */
import { Badge, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function PreviewBadge({ t }: { t: Strings }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status" data-testid="preview-mode">
      <Badge appearance="tint" color="warning">
        {t.previewBadge}
      </Badge>
      <Caption1>{t.previewHint}</Caption1>
    </div>
  );
}

/** Names the Office requirement sets this Excel lacks (src/excel/requirements.ts), so a user on an old build knows why. */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { describeSets, type RequirementSet } from "../excel/requirements";
import type { Strings } from "./strings";

export function RequirementsWarning({ missing, t }: { missing: readonly RequirementSet[]; t: Strings }) {
  return (
    <MessageBar intent="warning" data-testid="requirements-missing">
      <MessageBarBody>
        <MessageBarTitle>{t.requirementsTitle}</MessageBarTitle>
        {t.requirementsBody} {describeSets(missing)}
      </MessageBarBody>
    </MessageBar>
  );
}

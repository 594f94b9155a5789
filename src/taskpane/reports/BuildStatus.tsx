/**
 * What a report build shows while and after it writes: the rows written so far, then the sheet it made
 * or why it failed. Shared by the report chooser and Rekonsiliasi, whose words differ but not the shape.
 */
import { Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from "@fluentui/react-components";
import type { ReportOutcome } from "../../excel/report-build";
import type { ReportWriteProgress } from "../../excel/report-writer";

export interface BuildStatusWords {
  readonly progress: (rowsWritten: number, rowCount: number) => string;
  readonly built: (sheet: string) => string;
  readonly failed: string;
}

export function BuildStatus({ building, progress, outcome, w }: { building: boolean; progress?: ReportWriteProgress; outcome?: ReportOutcome; w: BuildStatusWords }) {
  return (
    <>
      {building && progress && progress.rowCount > 0 && (
        <Field validationMessage={w.progress(progress.rowsWritten, progress.rowCount)} validationState="none">
          <ProgressBar value={progress.rowsWritten / progress.rowCount} />
        </Field>
      )}
      {outcome?.ok && (
        <MessageBar intent="success">
          <MessageBarBody>{w.built(outcome.sheet)}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.ok && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{w.failed}</MessageBarTitle>
            {outcome.error}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/**
 * Proxy address + API key → session.connect, which checks the key's shape and makes one small request.
 * The key lives in this component's state only while typed: it is cleared once the session holds it, so
 * the secret has one home (the session in the shared runtime).
 */
import { useState, type FormEvent } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { localizeError } from "../omspan/messages";
import type { Lang } from "../omspan/i18n";
import type { SessionActions, SessionState } from "./use-session";
import type { Strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

interface Props {
  state: SessionState;
  actions: SessionActions;
  defaultBaseUrl: string;
  lang: Lang;
  /** False where nothing can be remembered (no OfficeRuntime.storage: preview outside Office). */
  canRemember: boolean;
  t: Strings;
}

export function ConnectionPanel({ state, actions, defaultBaseUrl, lang, canRemember, t }: Props) {
  const styles = useStyles();
  const [baseUrl, setBaseUrl] = useState(state.baseUrl ?? defaultBaseUrl);
  const [key, setKey] = useState("");
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  // The error of the last attempt made here; the session's own error covers failures found elsewhere.
  const [attemptError, setAttemptError] = useState<unknown>(undefined);
  const [forgotten, setForgotten] = useState(false);

  const connecting = busy || state.status === "connecting";
  const error = attemptError ?? (state.status === "error" ? state.error : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setAttemptError(undefined);
    try {
      await actions.connect({ baseUrl: baseUrl.trim(), key, remember: canRemember && remember });
      setKey("");
    } catch (err) {
      setAttemptError(err);
    } finally {
      setBusy(false);
    }
  }

  async function onDisconnect(): Promise<void> {
    setAttemptError(undefined);
    try {
      await actions.disconnect();
    } catch (err) {
      setAttemptError(err);
    }
  }

  async function onForget(): Promise<void> {
    setAttemptError(undefined);
    try {
      await actions.forgetKey();
      setForgotten(true);
    } catch (err) {
      setAttemptError(err);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void onSubmit(e)} aria-label={t.connectionHeading}>
      <Field label={t.proxyLabel} hint={t.proxyHint} required>
        <Input
          name="baseUrl"
          type="url"
          value={baseUrl}
          onChange={(_, d) => setBaseUrl(d.value)}
          disabled={connecting}
        />
      </Field>
      <Field label={t.keyLabel} hint={t.keyHint} required>
        <Input
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(_, d) => setKey(d.value)}
          disabled={connecting}
        />
      </Field>
      {/* The title is the hover tooltip; on the Field, because a disabled input gets no pointer events. */}
      <Field
        hint={canRemember ? t.rememberHint : t.rememberUnavailable}
        title={canRemember ? undefined : t.rememberUnavailable}
      >
        <Checkbox
          name="remember"
          label={t.remember}
          checked={canRemember && remember}
          onChange={(_, d) => setRemember(d.checked === true)}
          disabled={connecting || !canRemember}
        />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={connecting || key.trim() === ""}>
          {t.connect}
        </Button>
        {state.status === "connected" && (
          <Button type="button" onClick={() => void onDisconnect()} disabled={connecting}>
            {t.disconnect}
          </Button>
        )}
        {state.status === "connected" && state.remembered && (
          <Button type="button" appearance="subtle" onClick={() => void onForget()} disabled={connecting} title={t.forgetKeyHint}>
            {t.forgetKey}
          </Button>
        )}
        {connecting && <Spinner size="tiny" label={t.connecting} data-testid="connecting" />}
      </div>
      {forgotten && !state.remembered && (
        <MessageBar intent="success" data-testid="key-forgotten">
          <MessageBarBody>{t.keyForgotten}</MessageBarBody>
        </MessageBar>
      )}
      {error !== undefined && !connecting && (
        <MessageBar intent="error" data-testid="connection-error">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {localizeError(error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

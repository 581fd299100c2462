// The PostgreSQL server form, shared by the admin's Datenbank settings and the first-run choice on the sign-in screen:
// host, port, database, user, password, TLS mode and CA file, with Test connection and Save, a translated answer for
// each outcome (a refused password at the password field), field problems at their fields. What Test and Save call is
// the caller's (the settings' admin channels or the first-run ones); so is what stands above the fields (`head`).
// With onLeave, Esc (and the caller's Back) leave the form, asking first when something was typed (discard guard).
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../main/api/types.ts';
import { DEFAULT_POSTGRES_PORT, SSL_MODES, type SslMode } from '../../../../main/vocabulary/connection.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { useChanged, useDiscardGuard, type DiscardGuard } from '../use-discard-guard.tsx';

export interface ServerDraft {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  caFile: string;
  sslmode: SslMode;
}

export interface ServerInput {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
  caFile: string;
}

/** What Save answered: saved (the caller's message is shown), or not, with the test that stopped it. */
export interface SaveOutcome {
  saved: boolean;
  test: ConnectionTestResult | null;
}

export const EMPTY_SERVER: ServerDraft = { host: '', port: String(DEFAULT_POSTGRES_PORT), database: 'ombudsdesk', user: '', password: '', caFile: '', sslmode: 'verify-full' };

interface Props {
  /** The id of the heading that names the form. */
  labelledBy: string;
  initial: ServerDraft;
  /** Show the server fields and Test connection (the settings hide them while "this computer only" is chosen). */
  server?: boolean;
  /** Above the fields, inside the form (the settings' engine choice). */
  head?: ReactNode;
  /** A password is stored for this server: an empty field keeps it. */
  hasStoredPassword?: boolean;
  secretsAvailable: boolean;
  test(input: ServerInput): Promise<ConnectionTestResult>;
  /** Saves; input is null when the server fields are hidden. */
  save(input: ServerInput | null): Promise<SaveOutcome>;
  /** The translation key of the notice after a save. */
  savedMessage: string;
  /** Esc leaves the form this way (asking first when something was typed); the guard is handed back for a Back button. */
  onLeave?: (() => void) | undefined;
  onGuard?: ((guard: DiscardGuard) => void) | undefined;
  /** Focus the first field when the form appears. */
  autoFocus?: boolean | undefined;
  className?: string | undefined;
}

export function ServerForm({ labelledBy, initial, server = true, head, hasStoredPassword, secretsAvailable, test, save, savedMessage, onLeave, onGuard, autoFocus, className }: Props) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<ServerDraft>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();
  // Which user name the field wants: a desk's own database login (the admin's user list shows it), or the owner's.
  const userHintId = `${useId()}-user-hint`;
  const changed = useChanged({ ...fields });
  const guard = useDiscardGuard(changed && !saved, 'firstRun.discard');
  useEffect(() => {
    onGuard?.(guard);
  });

  // Another engine chosen above: the last answer no longer applies (adjusted while rendering, not in an effect).
  const [shownFor, setShownFor] = useState(server);
  if (shownFor !== server) {
    setShownFor(server);
    setTested(null);
    setSaved(false);
  }

  const set = (field: keyof ServerDraft) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setProblems((current) => without(current, field));
    setTested(null);
    setSaved(false);
  };

  /** The server fields checked; null (and the first problem focused) when one is missing or wrong. */
  function check(form: HTMLFormElement | null): ServerInput | null {
    const found: Problems = {};
    for (const field of ['host', 'database', 'user'] as const) if (!fields[field].trim()) found[field] = `settings.connection.${field}Required`;
    const port = Number(fields.port.trim());
    if (!/^\d+$/.test(fields.port.trim()) || port < 1 || port > 65535) found.port = 'settings.connection.portInvalid';
    setProblems(found);
    if (hasProblems(found)) {
      focusFirstInvalid(form);
      return null;
    }
    return { host: fields.host.trim(), port, database: fields.database.trim(), user: fields.user.trim(), password: fields.password, sslmode: fields.sslmode, caFile: fields.caFile.trim() };
  }

  /** Shows a test's answer: a refused password at the password field (focused), anything else in the status line. */
  function answer(result: ConnectionTestResult, form: HTMLFormElement | null) {
    if (result.outcome === 'wrong_password') {
      setTested(null);
      setProblems((current) => ({ ...current, password: 'settings.connection.outcome.wrong_password' }));
      focusFirstInvalid(form);
    } else setTested(result);
  }

  async function runTest(form: HTMLFormElement | null) {
    setError(null);
    setSaved(false);
    const input = check(form);
    if (!input) return;
    try {
      const result = await run(() => test(input));
      if (result) answer(result, form);
    } catch (failure) {
      setError(failure);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    setSaved(false);
    const input = server ? check(form) : null;
    if (server && !input) return;
    try {
      const outcome = await run(() => save(input));
      if (!outcome) return;
      if (outcome.test) answer(outcome.test, form);
      if (!outcome.saved) return;
      setFields((current) => ({ ...current, password: '' }));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <>
      <form
        noValidate
        onSubmit={submit}
        aria-labelledby={labelledBy}
        className={`settings-form connection-form${className ? ` ${className}` : ''}`}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !onLeave) return;
          event.preventDefault();
          guard.ask(onLeave);
        }}
      >
        {head}
        {server && (
          <>
            <TextField label={t('settings.connection.host')} value={fields.host} onChange={set('host')} error={problems.host} required autoComplete="off" autoFocus={autoFocus} />
            <TextField label={t('settings.connection.port')} value={fields.port} onChange={set('port')} error={problems.port} required />
            <TextField label={t('settings.connection.database')} value={fields.database} onChange={set('database')} error={problems.database} required autoComplete="off" />
            <TextField label={t('settings.connection.user')} value={fields.user} onChange={set('user')} error={problems.user} required autoComplete="off" describedBy={userHintId} />
            <p className="hint field-hint" id={userHintId}>
              {t('settings.connection.userHint')}
            </p>
            <TextField
              label={t('settings.connection.password')}
              value={fields.password}
              onChange={set('password')}
              error={problems.password}
              type="password"
              autoComplete="new-password"
              placeholder={hasStoredPassword ? t('settings.connection.passwordKept') : undefined}
            />
            <SelectField
              label={t('settings.connection.sslmode')}
              value={fields.sslmode}
              onChange={(value) => {
                setFields((current) => ({ ...current, sslmode: value as SslMode }));
                setTested(null);
              }}
              choices={SSL_MODES.map((mode) => ({ value: mode, label: t(`settings.connection.ssl.${mode}`) }))}
            />
            <TextField label={t('settings.connection.caFile')} value={fields.caFile} onChange={set('caFile')} error={problems.caFile} autoComplete="off" placeholder="/etc/ssl/ombudsdesk-ca.pem" />
            {!secretsAvailable && <p className="hint">{t('errors.secret_storage_unavailable')}</p>}
          </>
        )}
        <div className="actions">
          {server && (
            <button type="button" disabled={busy} aria-busy={busy} onClick={(event) => void runTest(event.currentTarget.form)}>
              {t('settings.connection.test')}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('settings.connection.save')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {tested && <p className="notice">{t(`settings.connection.outcome.${tested.outcome}`, { version: tested.serverVersion ?? '' })}</p>}
        {saved && <p className="notice">{t(savedMessage)}</p>}
      </div>
      <ErrorMessage error={error} />
      {guard.dialog}
    </>
  );
}

// This computer's database (issue 11): its own SQLite office, or a shared PostgreSQL server with a connection form, a
// Test-connection button and a translated answer for each outcome. Saved choices take effect at the next start. The
// admin reaches it in the settings after sign-in (a first-run screen before sign-in is not built: a new computer starts
// on its own office, its admin signs in, chooses the server here and restarts).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionInfo, ConnectionTestResult } from '../../../../main/api/types.ts';
import { DEFAULT_POSTGRES_PORT, SSL_MODES, type SslMode } from '../../../../main/vocabulary/connection.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';

type Engine = 'sqlite' | 'postgres';

export function ConnectionSettings() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const [engine, setEngine] = useState<Engine>('sqlite');
  const [fields, setFields] = useState({ host: '', port: String(DEFAULT_POSTGRES_PORT), database: 'ombudsdesk', user: '', password: '', caFile: '' });
  const [sslmode, setSslmode] = useState<SslMode>('verify-full');
  const [problems, setProblems] = useState<Problems>({});
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();

  useEffect(() => {
    call('getConnection').then((value) => {
      setInfo(value);
      const stored = value.stored;
      if (stored?.engine === 'postgres') {
        setEngine('postgres');
        setFields({ host: stored.host, port: String(stored.port), database: stored.database, user: stored.user, password: '', caFile: stored.caFile ?? '' });
        setSslmode(stored.sslmode);
      } else setEngine(stored?.engine ?? value.running);
    }, setError);
  }, []);

  if (!info) return <ErrorMessage error={error} />;

  const set = (field: keyof typeof fields) => (value: string) => {
    setFields({ ...fields, [field]: value });
    setProblems(without(problems, field));
    setTested(null);
    setSaved(false);
  };

  /** The server fields checked; null (and the first problem focused) when one is missing or wrong. */
  function server(form: HTMLFormElement | null) {
    const found: Problems = {};
    for (const field of ['host', 'database', 'user'] as const) if (!fields[field].trim()) found[field] = `settings.connection.${field}Required`;
    const port = Number(fields.port.trim());
    if (!/^\d+$/.test(fields.port.trim()) || port < 1 || port > 65535) found.port = 'settings.connection.portInvalid';
    setProblems(found);
    if (hasProblems(found)) {
      focusFirstInvalid(form);
      return null;
    }
    return { host: fields.host.trim(), port, database: fields.database.trim(), user: fields.user.trim(), password: fields.password, sslmode, caFile: fields.caFile.trim() };
  }

  async function test(form: HTMLFormElement | null) {
    setError(null);
    setSaved(false);
    const input = server(form);
    if (!input) return;
    try {
      const result = await run(() => call('testConnection', input));
      if (result) setTested(result);
    } catch (failure) {
      setError(failure);
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const input = engine === 'postgres' ? server(event.currentTarget) : null;
    if (engine === 'postgres' && !input) return;
    try {
      const next = await run(() => call('saveConnection', input ? { engine: 'postgres', ...input } : { engine: 'sqlite' }));
      if (!next) return;
      setInfo(next);
      setFields((current) => ({ ...current, password: '' }));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  }

  const storedServer = info.stored?.engine === 'postgres' ? info.stored : null;
  return (
    <section className="settings-section" aria-labelledby="connection-title">
      <h2 id="connection-title">{t('settings.connection.title')}</h2>
      <p className="hint">{t(info.running === 'postgres' ? 'settings.connection.runningPostgres' : 'settings.connection.runningSqlite')}</p>
      <form noValidate onSubmit={save} aria-labelledby="connection-title" className="settings-form connection-form">
        <fieldset>
          <legend>{t('settings.connection.engine')}</legend>
          {(['sqlite', 'postgres'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="engine"
                value={choice}
                checked={engine === choice}
                onChange={() => {
                  setEngine(choice);
                  setTested(null);
                  setSaved(false);
                }}
              />
              <span>{t(`settings.connection.${choice}`)}</span>
            </label>
          ))}
        </fieldset>
        {engine === 'postgres' && (
          <>
            <TextField label={t('settings.connection.host')} value={fields.host} onChange={set('host')} error={problems.host} required autoComplete="off" />
            <TextField label={t('settings.connection.port')} value={fields.port} onChange={set('port')} error={problems.port} required />
            <TextField label={t('settings.connection.database')} value={fields.database} onChange={set('database')} error={problems.database} required autoComplete="off" />
            <TextField label={t('settings.connection.user')} value={fields.user} onChange={set('user')} error={problems.user} required autoComplete="off" />
            <TextField
              label={t('settings.connection.password')}
              value={fields.password}
              onChange={set('password')}
              error={problems.password}
              type="password"
              autoComplete="new-password"
              placeholder={storedServer?.hasPassword ? t('settings.connection.passwordKept') : undefined}
            />
            <SelectField
              label={t('settings.connection.sslmode')}
              value={sslmode}
              onChange={(value) => {
                setSslmode(value as SslMode);
                setTested(null);
              }}
              choices={SSL_MODES.map((mode) => ({ value: mode, label: t(`settings.connection.ssl.${mode}`) }))}
            />
            <TextField label={t('settings.connection.caFile')} value={fields.caFile} onChange={set('caFile')} error={problems.caFile} autoComplete="off" placeholder="/etc/ssl/ombudsdesk-ca.pem" />
            {!info.secretsAvailable && <p className="hint">{t('errors.secret_storage_unavailable')}</p>}
          </>
        )}
        <div className="actions">
          {engine === 'postgres' && (
            <button type="button" disabled={busy} aria-busy={busy} onClick={(event) => void test(event.currentTarget.form)}>
              {t('settings.connection.test')}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('settings.connection.save')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {tested && (
          <p className="notice">
            {t(`settings.connection.outcome.${tested.outcome}`, { version: tested.serverVersion ?? '' })}
          </p>
        )}
        {saved && <p className="notice">{t('settings.connection.saved')}</p>}
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

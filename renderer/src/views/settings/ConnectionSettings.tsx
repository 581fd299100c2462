// This computer's database (issue 11): its own SQLite office, or a shared PostgreSQL server with a connection form, a
// Test-connection button and a translated answer for each outcome (the form is ServerForm, shared with the first-run
// choice on the sign-in screen). Saved choices take effect at the next start.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionInfo } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { EMPTY_SERVER, ServerForm, type ServerDraft } from './ServerForm.tsx';

type Engine = 'sqlite' | 'postgres';

export function ConnectionSettings() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const [engine, setEngine] = useState<Engine>('sqlite');
  const [initial, setInitial] = useState<ServerDraft>(EMPTY_SERVER);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('getConnection').then((value) => {
      const stored = value.stored;
      if (stored?.engine === 'postgres') {
        setEngine('postgres');
        setInitial({ host: stored.host, port: String(stored.port), database: stored.database, user: stored.user, password: '', caFile: stored.caFile ?? '', sslmode: stored.sslmode });
      } else setEngine(stored?.engine ?? value.running);
      setInfo(value);
    }, setError);
  }, []);

  if (!info) return <ErrorMessage error={error} />;

  const storedServer = info.stored?.engine === 'postgres' ? info.stored : null;
  return (
    <section className="settings-section" aria-labelledby="connection-title">
      <h2 id="connection-title">{t('settings.connection.title')}</h2>
      <p className="hint">{t(info.running === 'postgres' ? 'settings.connection.runningPostgres' : 'settings.connection.runningSqlite')}</p>
      <ServerForm
        labelledBy="connection-title"
        initial={initial}
        server={engine === 'postgres'}
        hasStoredPassword={storedServer?.hasPassword ?? false}
        secretsAvailable={info.secretsAvailable}
        test={(input) => call('testConnection', input)}
        save={async (input) => {
          setInfo(await call('saveConnection', input ? { engine: 'postgres', ...input } : { engine: 'sqlite' }));
          return { saved: true, test: null };
        }}
        savedMessage="settings.connection.saved"
        head={
          <fieldset>
            <legend>{t('settings.connection.engine')}</legend>
            {(['sqlite', 'postgres'] as const).map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name="engine" value={choice} checked={engine === choice} onChange={() => setEngine(choice)} />
                <span>{t(`settings.connection.${choice}`)}</span>
              </label>
            ))}
          </fieldset>
        }
      />
    </section>
  );
}

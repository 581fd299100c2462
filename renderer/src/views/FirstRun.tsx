// The first-run choice (issue 11, item 3): on a brand-new installation, before the sign-in, where the office's data
// lives. "This computer only" (SQLite) goes straight on to the sign-in; "Shared server (PostgreSQL)" opens the same
// server form as the admin's Datenbank settings (ServerForm), whose Save tests the server, stores the connection
// (password sealed) and restarts the app onto it. Main answers these calls only while the start is pristine.
// Keyboard: the arrow keys move between the two cards, Enter continues; Esc in the server form goes back (asking first
// when something was typed).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { EMPTY_SERVER, ServerForm } from './settings/ServerForm.tsx';
import type { DiscardGuard } from './use-discard-guard.tsx';

type Engine = 'sqlite' | 'postgres';

export function FirstRun({ secretsAvailable, onDone }: { secretsAvailable: boolean; onDone: () => void }) {
  const [step, setStep] = useState<'choose' | 'server'>('choose');
  const [engine, setEngine] = useState<Engine>('sqlite');
  return step === 'choose' ? (
    <Choice engine={engine} onEngine={setEngine} onServer={() => setStep('server')} onDone={onDone} />
  ) : (
    <Server secretsAvailable={secretsAvailable} onBack={() => setStep('choose')} />
  );
}

function Choice({ engine, onEngine, onServer, onDone }: { engine: Engine; onEngine: (engine: Engine) => void; onServer: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();

  async function next(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    setError(null);
    if (engine === 'postgres') return onServer();
    try {
      const done = await run(() => call('firstRunChoose', { engine: 'sqlite' }));
      if (done) onDone();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <main className="card-page">
      <form className="card first-run" noValidate onSubmit={next} aria-labelledby="first-run-title" aria-describedby="first-run-intro">
        <p className="brand">{t('app.name')}</p>
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p className="hint" id="first-run-intro">
          {t('firstRun.intro')}
        </p>
        <fieldset className="choice-cards">
          <legend>{t('firstRun.question')}</legend>
          {(['sqlite', 'postgres'] as const).map((choice) => (
            <label key={choice} className="choice-card">
              <input
                type="radio"
                name="first-run-engine"
                value={choice}
                checked={engine === choice}
                autoFocus={engine === choice}
                aria-labelledby={`first-run-${choice}`}
                // A refused choice (another window chose first, or the office is in use) is the choice's problem.
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `first-run-${choice}-text first-run-error` : `first-run-${choice}-text`}
                onChange={() => onEngine(choice)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  void next();
                }}
              />
              <span className="choice-card-body">
                <span className="choice-card-title" id={`first-run-${choice}`}>
                  {t(`firstRun.${choice}`)}
                </span>
                <span className="choice-card-text" id={`first-run-${choice}-text`}>
                  {t(`firstRun.${choice}Text`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} id="first-run-error" />
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('firstRun.next')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}

function Server({ secretsAvailable, onBack }: { secretsAvailable: boolean; onBack: () => void }) {
  const { t } = useTranslation();
  const [restarting, setRestarting] = useState(false);
  const guard = useRef<DiscardGuard | null>(null);
  return (
    <main className="card-page">
      <div className="card card-wide first-run-server">
        <p className="brand">{t('app.name')}</p>
        <h1 id="first-run-server-title">{t('firstRun.postgres')}</h1>
        <p className="hint">{t('firstRun.serverIntro')}</p>
        <ServerForm
          labelledBy="first-run-server-title"
          initial={EMPTY_SERVER}
          autoFocus
          secretsAvailable={secretsAvailable}
          test={(input) => call('firstRunTestConnection', input)}
          save={async (input) => {
            const result = await call('firstRunChoose', { engine: 'postgres', ...input! });
            if (result.restarting) setRestarting(true);
            return result;
          }}
          savedMessage="firstRun.restarting"
          onLeave={restarting ? undefined : onBack}
          onGuard={(current) => {
            guard.current = current;
          }}
        />
        {!restarting && (
          <button type="button" onClick={() => (guard.current ? guard.current.ask(onBack) : onBack())}>
            {t('firstRun.back')}
          </button>
        )}
      </div>
    </main>
  );
}

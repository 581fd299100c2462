// The foyer kiosk: three large smileys (keys 1, 2, 3), then a thank-you with the current quarter's result, and back to
// the smileys after a few seconds. A discreet "Staff" button asks for an office login to leave kiosk mode. The kiosk
// window can call castVote, currentResult and leaveKiosk only (main refuses it everything else).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarometerQuarter } from '../../../../main/api/types.ts';
import { BAROMETER_RATINGS, type BarometerRating } from '../../../../main/vocabulary/barometer.ts';
import { call } from '../../api.ts';
import { setLanguage, UI_LANGUAGES } from '../../i18n/index.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';

/** How long the thank-you and the result stay before the smileys come back. */
export const THANKS_MS = 6000;

function Smiley({ rating }: { rating: BarometerRating }) {
  const mouth = rating === 'good' ? 'M30 62 Q50 80 70 62' : rating === 'okay' ? 'M32 66 L68 66' : 'M30 72 Q50 56 70 72';
  return (
    <svg viewBox="0 0 100 100" className="smiley-face" aria-hidden="true">
      <circle cx="50" cy="50" r="46" />
      <circle cx="35" cy="40" r="6" className="eye" />
      <circle cx="65" cy="40" r="6" className="eye" />
      <path d={mouth} className="mouth" />
    </svg>
  );
}

function Result({ result }: { result: BarometerQuarter }) {
  const { t } = useTranslation();
  if (result.n === 0 || result.index === null) return <p>{t('kiosk.noVotes')}</p>;
  return (
    <div className="kiosk-result">
      <p className="kiosk-result-title">{t('kiosk.resultTitle', { quarter: result.quarter, index: Math.round(result.index) })}</p>
      <ul className="kiosk-shares">
        {BAROMETER_RATINGS.map((rating) => (
          <li key={rating} className={`share-${rating}`}>
            <span>{t(`rating.${rating}`)}</span>
            <span className="share-bar" style={{ width: `${Math.round((result.shares[rating] ?? 0) * 100)}%` }} />
            <strong>{Math.round((result.shares[rating] ?? 0) * 100)} %</strong>
          </li>
        ))}
      </ul>
      <p>{t('kiosk.resultVotes', { count: result.n })}</p>
      {!result.reliable && <p className="kiosk-note">{t('kiosk.notReliable')}</p>}
    </div>
  );
}

function StaffLogin({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy } = useSubmit();

  async function leave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Problems = {};
    if (!username.trim()) found.username = 'form.required';
    if (!password) found.password = 'form.required';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(form);
    try {
      const done = await run(() => call('leaveKiosk', { username, password }));
      // Electron closes this window itself (navigate null); without a shell the page loads the workbench.
      if (done?.navigate) window.location.assign(done.navigate);
    } catch (failure) {
      setPassword('');
      setProblems({ [errorField(failure) === 'username' ? 'username' : 'password']: failure });
      focusFirstInvalid(form);
    }
  }

  return (
    <section className="kiosk-staff" aria-labelledby="kiosk-staff-title" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <h1 id="kiosk-staff-title">{t('kiosk.staffTitle')}</h1>
      <p>{t('kiosk.staffHint')}</p>
      <form noValidate onSubmit={leave}>
        <TextField label={t('kiosk.username')} value={username} onChange={(v) => { setUsername(v); setProblems(without(problems, 'username')); }} error={problems.username} autoComplete="off" autoFocus required />
        <TextField label={t('kiosk.password')} type="password" value={password} onChange={(v) => { setPassword(v); setProblems(without(problems, 'password')); }} error={problems.password} autoComplete="off" required />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('kiosk.leave')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('kiosk.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function KioskScreen() {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'vote' | 'thanks' | 'staff'>('vote');
  const [result, setResult] = useState<BarometerQuarter | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();
  const firstSmiley = useRef<HTMLButtonElement>(null);

  const backToVote = useCallback(() => {
    setMode('vote');
    setError(null);
    requestAnimationFrame(() => firstSmiley.current?.focus());
  }, []);

  const vote = useCallback(
    async (rating: BarometerRating) => {
      try {
        const done = await run(() => call('castVote', { rating }));
        if (!done) return;
        setResult(done.current);
        setMode('thanks');
      } catch (failure) {
        setError(failure);
      }
    },
    [run],
  );

  useEffect(() => {
    if (mode !== 'thanks') return;
    const timer = setTimeout(backToVote, THANKS_MS);
    return () => clearTimeout(timer);
  }, [mode, backToVote]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (mode !== 'vote' || event.ctrlKey || event.altKey || event.metaKey) return;
      const index = ['1', '2', '3'].indexOf(event.key);
      if (index < 0) return;
      event.preventDefault();
      void vote(BAROMETER_RATINGS[index]!);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, vote]);

  return (
    <div className="kiosk" lang={i18n.language}>
      <div className="kiosk-languages" role="group" aria-label={t('kiosk.language')}>
        {UI_LANGUAGES.map((language) => (
          <button key={language} type="button" aria-pressed={i18n.language === language} onClick={() => setLanguage(language)}>
            {t(`language.${language}`)}
          </button>
        ))}
      </div>
      <main className="kiosk-main">
        {mode === 'vote' && (
          <>
            <h1>{t('kiosk.question')}</h1>
            <div className="smileys" role="group" aria-label={t('kiosk.choices')}>
              {BAROMETER_RATINGS.map((rating, index) => (
                <button
                  key={rating}
                  ref={index === 0 ? firstSmiley : undefined}
                  type="button"
                  className={`smiley smiley-${rating}`}
                  disabled={busy}
                  aria-keyshortcuts={String(index + 1)}
                  onClick={() => void vote(rating)}
                >
                  <Smiley rating={rating} />
                  <span className="smiley-word">{t(`rating.${rating}`)}</span>
                  <kbd>{index + 1}</kbd>
                </button>
              ))}
            </div>
            <p className="kiosk-hint">{t('kiosk.hint')}</p>
            <ErrorMessage error={error} />
          </>
        )}
        {mode === 'thanks' && result && (
          <section className="kiosk-thanks" aria-live="polite">
            <h1>{t('kiosk.thanks')}</h1>
            <Result result={result} />
            <button type="button" onClick={backToVote} autoFocus>
              {t('kiosk.again')}
            </button>
          </section>
        )}
        {mode === 'staff' && <StaffLogin onCancel={backToVote} />}
      </main>
      {mode !== 'staff' && (
        <button type="button" className="kiosk-staff-button" onClick={() => setMode('staff')}>
          {t('kiosk.staff')}
        </button>
      )}
    </div>
  );
}

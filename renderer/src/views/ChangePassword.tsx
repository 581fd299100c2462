import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorMessage, errorField } from './ErrorMessage.tsx';

export function ChangePassword({ user, onChanged, onCancel }: { user: SessionUser; onChanged: (user: SessionUser) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();
  // Each error stands at the field it concerns; one that names no field stands above the buttons.
  const field = typeof error === 'string' ? 'repeat' : errorField(error);
  const at = (name: string) => (field === name ? error : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) return setError('changePassword.mismatch');
    setError(null);
    // changePassword takes no requestId (its failed attempts must stay counted), so it is called directly.
    await run(async () => onChanged(await call('changePassword', { currentPassword: current, newPassword: next }))).catch(setError);
  }

  return (
    <main className="card-page">
      <form className="card" onSubmit={submit} aria-labelledby="password-title">
        <p className="brand">{t('app.name')}</p>
        <h1 id="password-title">{t('changePassword.title')}</h1>
        <p className="hint">{t('changePassword.intro')}</p>
        <p className="hint">{t('header.signedInAs', { name: user.displayName })}</p>
        <PasswordField label={t('changePassword.current')} name="currentPassword" autoComplete="current-password" autoFocus value={current} onChange={setCurrent} error={at('currentPassword')} />
        <PasswordField label={t('changePassword.new')} name="newPassword" autoComplete="new-password" value={next} onChange={setNext} error={at('newPassword')} />
        <PasswordField label={t('changePassword.repeat')} name="repeat" autoComplete="new-password" value={repeat} onChange={setRepeat} error={at('repeat')} />
        <ErrorMessage error={field === undefined ? error : null} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('changePassword.submit')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('header.logout')}
          </button>
        </div>
      </form>
    </main>
  );
}

/** A password input with its error at the field (aria-invalid, described by the message). */
function PasswordField(props: { label: string; name: string; autoComplete: string; autoFocus?: boolean; value: string; onChange: (value: string) => void; error: unknown }) {
  const errorId = `${props.name}-error`;
  return (
    <>
      <label>
        <span>{props.label}</span>
        <input
          type="password"
          autoComplete={props.autoComplete}
          autoFocus={props.autoFocus}
          required
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
      <ErrorMessage error={props.error} id={errorId} />
    </>
  );
}

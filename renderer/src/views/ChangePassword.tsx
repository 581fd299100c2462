import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { ErrorMessage, errorField } from './ErrorMessage.tsx';

export function ChangePassword({ user, onChanged, onCancel }: { user: SessionUser; onChanged: (user: SessionUser) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Each error stands at the field it concerns; one that names no field stands above the buttons.
  const field = typeof error === 'string' ? 'repeat' : errorField(error);
  const at = (name: string) => (field === name ? error : null);
  const describedBy = (name: string) => (field === name ? `${name}-error` : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (next !== repeat) return setError('changePassword.mismatch');
    setError(null);
    setBusy(true);
    try {
      onChanged(await call('changePassword', { currentPassword: current, newPassword: next }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="card-page">
      <form className="card" onSubmit={submit} aria-labelledby="password-title">
        <p className="brand">{t('app.name')}</p>
        <h1 id="password-title">{t('changePassword.title')}</h1>
        <p className="hint">{t('changePassword.intro')}</p>
        <p className="hint">{t('header.signedInAs', { name: user.displayName })}</p>
        <label>
          <span>{t('changePassword.current')}</span>
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={current}
            aria-invalid={field === 'currentPassword' || undefined}
            aria-describedby={describedBy('currentPassword')}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <ErrorMessage error={at('currentPassword')} id="currentPassword-error" />
        <label>
          <span>{t('changePassword.new')}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            value={next}
            aria-invalid={field === 'newPassword' || undefined}
            aria-describedby={describedBy('newPassword')}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <ErrorMessage error={at('newPassword')} id="newPassword-error" />
        <label>
          <span>{t('changePassword.repeat')}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            aria-invalid={field === 'repeat' || undefined}
            aria-describedby={describedBy('repeat')}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <ErrorMessage error={at('repeat')} id="repeat-error" />
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

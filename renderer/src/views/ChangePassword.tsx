import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

export function ChangePassword({ user, onChanged, onCancel }: { user: SessionUser; onChanged: (user: SessionUser) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) return setError('changePassword.mismatch');
    setError(null);
    try {
      onChanged(await call('changePassword', { currentPassword: current, newPassword: next }));
    } catch (failure) {
      setError(failure);
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
          <input type="password" autoComplete="current-password" autoFocus required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          <span>{t('changePassword.new')}</span>
          <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          <span>{t('changePassword.repeat')}</span>
          <input type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" className="primary">
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

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorMessage, errorField } from './ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from './TextField.tsx';

export function ChangePassword({ user, onChanged, onCancel }: { user: SessionUser; onChanged: (user: SessionUser) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  // Each problem stands at the field it concerns (a translation key or main's error); one that names no field stands above the buttons.
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Problems = {};
    if (!current) found.currentPassword = 'changePassword.currentRequired';
    if (!next) found.newPassword = 'changePassword.newRequired';
    if (!repeat) found.repeat = 'changePassword.repeatRequired';
    else if (next && next !== repeat) found.repeat = 'changePassword.mismatch';
    setProblems(found);
    setError(null);
    if (hasProblems(found)) return focusFirstInvalid(form);
    // changePassword takes no requestId (its failed attempts must stay counted), so it is called directly.
    await run(async () => onChanged(await call('changePassword', { currentPassword: current, newPassword: next }))).catch((failure: unknown) => {
      const field = errorField(failure);
      if (field === 'currentPassword' || field === 'newPassword') {
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
      } else setError(failure);
    });
  }

  const edit = (field: string, set: (value: string) => void) => (value: string) => {
    set(value);
    setProblems((problems) => without(problems, field));
  };

  return (
    <main className="card-page">
      <form className="card" noValidate onSubmit={submit} aria-labelledby="password-title">
        <p className="brand">{t('app.name')}</p>
        <h1 id="password-title">{t('changePassword.title')}</h1>
        <p className="hint">{t('changePassword.intro')}</p>
        <p className="hint">{t('header.signedInAs', { name: user.displayName })}</p>
        <TextField type="password" required label={t('changePassword.current')} name="currentPassword" autoComplete="current-password" autoFocus value={current} onChange={edit('currentPassword', setCurrent)} error={problems.currentPassword} />
        <TextField type="password" required label={t('changePassword.new')} name="newPassword" autoComplete="new-password" value={next} onChange={edit('newPassword', setNext)} error={problems.newPassword} />
        <TextField type="password" required label={t('changePassword.repeat')} name="repeat" autoComplete="new-password" value={repeat} onChange={edit('repeat', setRepeat)} error={problems.repeat} />
        <ErrorMessage error={error} />
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

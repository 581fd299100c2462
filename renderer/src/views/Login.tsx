import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { ErrorMessage, errorField } from './ErrorMessage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from './TextField.tsx';

export function Login({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  // At a seat with its user's own database login only that user signs in: the name is filled in, the password is next.
  const [seatUsername, setSeatUsername] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let current = true;
    call('appInfo').then(
      (info) => {
        if (!current || !info.seatUsername) return;
        setSeatUsername(info.seatUsername);
        // Only while nothing was typed yet: a name someone began to enter stays, and so does their place.
        const field = (name: string) => form.current?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
        if (field('username')?.value) return;
        setUsername(info.seatUsername);
        requestAnimationFrame(() => field('password')?.focus());
      },
      // Without the app's information the form works as everywhere else: the name is typed.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Empty fields are said at the field, in the app's language (not by the browser's bubble), and not sent.
    const found: Problems = {};
    if (!username.trim()) found.username = 'login.usernameRequired';
    if (!password) found.password = 'login.passwordRequired';
    setProblems(found);
    setError(null);
    if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
    setBusy(true);
    try {
      onSignedIn(await call('login', { username, password }));
    } catch (failure) {
      setPassword('');
      // A problem with the name (another user than this seat's) stands at the name field; the rest above the button.
      if (errorField(failure) === 'username') {
        setProblems({ username: failure });
        focusFirstInvalid(form.current);
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="card-page">
      <form ref={form} className="card" noValidate onSubmit={submit} aria-labelledby="login-title" aria-describedby={error ? 'login-error' : undefined}>
        <p className="brand">{t('app.name')}</p>
        <p className="tagline">{t('app.tagline')}</p>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="hint">{seatUsername ? t('login.seatIntro', { username: seatUsername }) : t('login.intro')}</p>
        <TextField
          label={t('login.username')}
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(value) => {
            setUsername(value);
            setProblems((current) => without(current, 'username'));
          }}
          error={problems.username}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(value) => {
            setPassword(value);
            setProblems((current) => without(current, 'password'));
          }}
          error={problems.password}
        />
        <ErrorMessage error={error} id="login-error" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}

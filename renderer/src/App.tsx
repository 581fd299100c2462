// Who is signed in decides the screen: sign-in (on a brand-new installation first the choice of where the data lives),
// the forced password change, or the inbox.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirstRunState, SessionUser } from '../../main/api/types.ts';
import { call } from './api.ts';
import { Workbench } from './views/Workbench.tsx';
import { Login } from './views/Login.tsx';
import { ChangePassword } from './views/ChangePassword.tsx';

// Shown once per installation: kept out of the entry chunk.
const FirstRun = lazy(() => import('./views/FirstRun.tsx').then((m) => ({ default: m.FirstRun })));

export function App() {
  const { t } = useTranslation();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [firstRun, setFirstRun] = useState<FirstRunState | null | undefined>(undefined);

  useEffect(() => {
    call('currentUser').then(setUser, () => setUser(null));
    call('firstRunState').then(setFirstRun, () => setFirstRun(null));
  }, []);

  const logout = useCallback(async () => {
    await call('logout').catch(() => undefined);
    setUser(null);
  }, []);

  const loading = <p className="loading">{t('app.loading')}</p>;
  if (user === undefined || (user === null && firstRun === undefined)) return loading;
  if (user === null && firstRun?.choose) {
    return (
      <Suspense fallback={loading}>
        <FirstRun secretsAvailable={firstRun.secretsAvailable} onDone={() => setFirstRun(null)} />
      </Suspense>
    );
  }
  if (user === null) return <Login onSignedIn={setUser} />;
  if (user.mustChangePassword) return <ChangePassword user={user} onChanged={setUser} onCancel={logout} />;
  return <Workbench user={user} onLogout={logout} />;
}

// Who is signed in decides the screen: sign-in, the forced password change, or the inbox.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../main/api/types.ts';
import { call } from './api.ts';
import { Workbench } from './views/Workbench.tsx';
import { Login } from './views/Login.tsx';
import { ChangePassword } from './views/ChangePassword.tsx';

export function App() {
  const { t } = useTranslation();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    call('currentUser').then(setUser, () => setUser(null));
  }, []);

  const logout = useCallback(async () => {
    await call('logout').catch(() => undefined);
    setUser(null);
  }, []);

  if (user === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (user === null) return <Login onSignedIn={setUser} />;
  if (user.mustChangePassword) return <ChangePassword user={user} onChanged={setUser} onCancel={logout} />;
  return <Workbench user={user} onLogout={logout} />;
}

import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Header({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('header.navigation')}>
        <a href="#main" aria-current="page">
          {t('header.inbox')}
        </a>
      </nav>
      <span className="spacer" />
      <span className="who">
        {t('header.signedInAs', { name: user.displayName })} · {t(`role.${user.role}`)}
      </span>
      <LanguageSwitch />
      <button type="button" onClick={onLogout}>
        {t('header.logout')}
      </button>
    </header>
  );
}

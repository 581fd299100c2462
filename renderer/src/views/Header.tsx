import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export type Screen = 'home' | 'inbox' | 'improvements' | 'draw' | 'settings';

export function Header({ user, screen, onNavigate, onLogout, onHelp, onNewCase }: { user: SessionUser; screen: Screen; onNavigate: (screen: Screen) => void; onLogout: () => void; onHelp: () => void; onNewCase?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('header.navigation')}>
        {user.role === 'department_head' && (
          <button type="button" className="nav" aria-current={screen === 'home' ? 'page' : undefined} onClick={() => onNavigate('home')}>
            {t('header.home')}
          </button>
        )}
        <button type="button" className="nav" aria-current={screen === 'inbox' ? 'page' : undefined} onClick={() => onNavigate('inbox')}>
          {t('header.inbox')}
        </button>
        {user.role !== 'admin' && (
          <button type="button" className="nav" aria-current={screen === 'improvements' ? 'page' : undefined} onClick={() => onNavigate('improvements')}>
            {t('header.improvements')}
          </button>
        )}
        {['executive', 'ombudsman', 'deputy'].includes(user.role) && (
          <button type="button" className="nav" aria-current={screen === 'draw' ? 'page' : undefined} onClick={() => onNavigate('draw')}>
            {t('header.draw')}
          </button>
        )}
        {['admin', 'ombudsman', 'deputy'].includes(user.role) && (
          <button type="button" className="nav" aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => onNavigate('settings')}>
            {t('header.settings')}
          </button>
        )}
      </nav>
      {onNewCase && (
        <button type="button" className="primary" onClick={onNewCase}>
          {t('header.newCase')} <kbd>Ctrl+N</kbd>
        </button>
      )}
      <span className="spacer" />
      <span className="who">
        {t('header.signedInAs', { name: user.displayName })} · {t(`role.${user.role}`)}
      </span>
      <LanguageSwitch />
      <button type="button" onClick={onHelp} aria-label={t('shortcuts.title')}>
        ?
      </button>
      <button type="button" onClick={onLogout}>
        {t('header.logout')}
      </button>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { can } from '../can.ts';
import { settingsSections } from './settings/SettingsView.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export type Screen = 'home' | 'inbox' | 'improvements' | 'draw' | 'settings';

export function Header({ user, screen, onNavigate, onLogout, onHelp, onNewCase }: { user: SessionUser; screen: Screen; onNavigate: (screen: Screen) => void; onLogout: () => void; onHelp: () => void; onNewCase?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('header.navigation')}>
        {can(user, 'departmentHome') && (
          <button type="button" className="nav" aria-current={screen === 'home' ? 'page' : undefined} onClick={() => onNavigate('home')}>
            {t('header.home')}
          </button>
        )}
        <button type="button" className="nav" aria-current={screen === 'inbox' ? 'page' : undefined} onClick={() => onNavigate('inbox')}>
          {t('header.inbox')}
        </button>
        {can(user, 'listImprovements') && (
          <button type="button" className="nav" aria-current={screen === 'improvements' ? 'page' : undefined} onClick={() => onNavigate('improvements')}>
            {t('header.improvements')}
          </button>
        )}
        {can(user, 'drawEligibility') && (
          <button type="button" className="nav" aria-current={screen === 'draw' ? 'page' : undefined} onClick={() => onNavigate('draw')}>
            {t('header.draw')}
          </button>
        )}
        {settingsSections(user).length > 0 && (
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

import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { can } from '../can.ts';
import { settingsSections } from './settings/sections.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationsButton } from './NotificationsButton.tsx';
import { startLabelKey, startScreenOf } from './start/start-screen.ts';

export type Screen = 'home' | 'inbox' | 'improvements' | 'draw' | 'imports' | 'barometer' | 'reports' | 'settings';

export function Header({ user, screen, onNavigate, onLogout, onHelp, onNewCase, onOpenCase }: { user: SessionUser; screen: Screen; onNavigate: (screen: Screen) => void; onLogout: () => void; onHelp: () => void; onNewCase?: (() => void) | undefined; onOpenCase?: ((id: number) => void) | undefined }) {
  const { t } = useTranslation();
  const start = startScreenOf(user);
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('header.navigation')}>
        {start && (
          <button type="button" className="nav" aria-current={screen === 'home' ? 'page' : undefined} onClick={() => onNavigate('home')}>
            {t(startLabelKey(start))}
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
        {can(user, 'importMailFiles') && (
          <button type="button" className="nav" aria-current={screen === 'imports' ? 'page' : undefined} onClick={() => onNavigate('imports')}>
            {t('header.imports')}
          </button>
        )}
        {can(user, 'barometerReport') && (
          <button type="button" className="nav" aria-current={screen === 'barometer' ? 'page' : undefined} onClick={() => onNavigate('barometer')}>
            {t('header.barometer')}
          </button>
        )}
        {can(user, 'reportData') && user.role !== 'department_head' && (
          <button type="button" className="nav" aria-current={screen === 'reports' ? 'page' : undefined} onClick={() => onNavigate('reports')}>
            {t('header.reports')}
          </button>
        )}
        {settingsSections(user).length > 0 && (
          <button type="button" className="nav" aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => onNavigate('settings')}>
            {t('header.settings')}
          </button>
        )}
      </nav>
      {onNewCase && (
        <button type="button" className="primary" onClick={onNewCase} title="Ctrl+N" aria-keyshortcuts="Control+N">
          {t('header.newCase')} <kbd>Ctrl+N</kbd>
        </button>
      )}
      <span className="spacer" />
      {/* Name and role on one line ("Signed in as" for screen readers and the tooltip); below 1440 px the initials show. */}
      <span className="who" title={`${t('header.signedInAs', { name: user.displayName })} · ${t(`role.${user.role}`)}`}>
        <span className="visually-hidden">{t('header.signedInAs', { name: user.displayName })}</span>
        <span className="who-name" aria-hidden="true">{user.displayName}</span>
        <span className="who-initials" aria-hidden="true">{initialsOf(user.displayName)}</span>
        <span className="who-role"> · {t(`role.${user.role}`)}</span>
      </span>
      {onOpenCase && can(user, 'listNotifications') && <NotificationsButton onOpenCase={onOpenCase} />}
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

/** "Petra Schäfer" -> "PS", "Administrator" -> "A": the first letters of the first and the last word of a name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

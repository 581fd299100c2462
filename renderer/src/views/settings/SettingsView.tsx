import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../main/api/types.ts';
import { leaveThrough, LeaveGuards } from '../use-discard-guard.tsx';
import { ConnectionSettings } from './ConnectionSettings.tsx';
import { DemoSettings } from './DemoSettings.tsx';
import { MailSettings } from './MailSettings.tsx';
import { NamedListSettings } from './NamedListSettings.tsx';
import { OfficeSettings } from './OfficeSettings.tsx';
import { settingsSections, type Section } from './sections.ts';
import { TemplateSettings } from './TemplateSettings.tsx';
import { UserSettings } from './UserSettings.tsx';

// The sections this user may see are decided in sections.ts (the header asks too, without loading this screen).

export function SettingsView({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const sections = settingsSections(user);
  const [section, setSection] = useState<Section | 'demo'>(sections[0] ?? 'templates');
  // A section with typed settings (the mail servers) is asked before another one replaces it.
  const guards = useContext(LeaveGuards);
  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="toolbar">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <div className="views" role="group" aria-label={t('settings.sections')}>
        {sections.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => (guards && name !== section ? leaveThrough(guards, () => setSection(name)) : setSection(name))}>
            {t(`settings.${name}.title`)}
          </button>
        ))}
      </div>
      {section === 'office' && <OfficeSettings />}
      {section === 'departments' && <NamedListSettings kind="departments" />}
      {section === 'categories' && <NamedListSettings kind="categories" />}
      {section === 'users' && <UserSettings />}
      {section === 'templates' && <TemplateSettings />}
      {section === 'mail' && <MailSettings />}
      {section === 'connection' && <ConnectionSettings />}
      {section === 'demo' && <DemoSettings />}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../main/api/types.ts';
import type { ChannelName } from '../../../../main/api/channels.ts';
import { can } from '../../can.ts';
import { NamedListSettings } from './NamedListSettings.tsx';
import { OfficeSettings } from './OfficeSettings.tsx';
import { TemplateSettings } from './TemplateSettings.tsx';
import { UserSettings } from './UserSettings.tsx';

// Each section is shown to whoever may save it (today: the administrator the structure, the office its reply templates).
const SECTIONS = { office: 'updateSettings', departments: 'saveDepartment', categories: 'saveCategory', users: 'saveUser', templates: 'saveReplyTemplate' } as const satisfies Record<string, ChannelName>;
type Section = keyof typeof SECTIONS;

export function settingsSections(user: SessionUser): Section[] {
  return (Object.keys(SECTIONS) as Section[]).filter((name) => can(user, SECTIONS[name]));
}

export function SettingsView({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const sections = settingsSections(user);
  const [section, setSection] = useState<Section>(sections[0] ?? 'templates');
  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="toolbar">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <div className="views" role="group" aria-label={t('settings.sections')}>
        {sections.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => setSection(name)}>
            {t(`settings.${name}.title`)}
          </button>
        ))}
      </div>
      {section === 'office' && <OfficeSettings />}
      {section === 'departments' && <NamedListSettings kind="departments" />}
      {section === 'categories' && <NamedListSettings kind="categories" />}
      {section === 'users' && <UserSettings />}
      {section === 'templates' && <TemplateSettings />}
    </section>
  );
}

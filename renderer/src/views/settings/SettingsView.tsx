import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NamedListSettings } from './NamedListSettings.tsx';
import { OfficeSettings } from './OfficeSettings.tsx';
import { UserSettings } from './UserSettings.tsx';

const SECTIONS = ['office', 'departments', 'categories', 'users'] as const;
type Section = (typeof SECTIONS)[number];

export function SettingsView() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('office');
  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="toolbar">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <div className="views" role="group" aria-label={t('settings.sections')}>
        {SECTIONS.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => setSection(name)}>
            {t(`settings.${name}.title`)}
          </button>
        ))}
      </div>
      {section === 'office' && <OfficeSettings />}
      {section === 'departments' && <NamedListSettings kind="departments" />}
      {section === 'categories' && <NamedListSettings kind="categories" />}
      {section === 'users' && <UserSettings />}
    </section>
  );
}

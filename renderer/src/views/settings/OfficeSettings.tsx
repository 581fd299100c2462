// Holiday region, extra closed days and deadline rules: what the working-day clock counts.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayRegionOption, OfficeSettings as Settings } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { displayDateInput, parseDateInput } from '../../date-input.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const KINDS = ['complaint', 'idea', 'praise', 'question'] as const;
const STAGES = ['stage1', 'stage2'] as const;
const FIELDS = ['acknowledgeDays', 'respondDays'] as const;

export function OfficeSettings() {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [regions, setRegions] = useState<HolidayRegionOption[]>([]);
  // Closed days are shown and typed as the UI language writes dates (one per line); main stores them as yyyy-MM-dd. Until
  // edited, the text follows the stored days (and the language).
  const [closedDraft, setClosedDraft] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const { run, busy } = useSubmit();
  const [daysProblem, setDaysProblem] = useState<string[] | null>(null);

  useEffect(() => {
    call('getSettings').then((value) => {
      setSettings(value);
      setClosedDraft(null);
    }, setError);
    call('listHolidayRegions').then(setRegions, setError);
  }, []);

  if (!settings) return <ErrorMessage error={error} />;
  const closedDays = closedDraft ?? settings.closedDays.map((day) => displayDateInput(day, i18n.language)).join('\n');

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setError(null);
    setSaved(false);
    try {
      const typed = closedDays.split(/[\s,;]+/).filter(Boolean);
      const parsed = typed.map((text) => ({ text, result: parseDateInput(text) }));
      const wrong = parsed.filter((day) => day.result.kind !== 'valid').map((day) => day.text);
      setDaysProblem(wrong.length > 0 ? wrong : null);
      if (wrong.length > 0) return;
      const days = parsed.map((day) => (day.result.kind === 'valid' ? day.result.value : day.text));
      const next = await run((send) => send('updateSettings', { holidayRegion: settings.holidayRegion, closedDays: days, deadlineRules: settings.deadlineRules }));
      if (!next) return;
      setSettings(next);
      setClosedDraft(null);
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  }

  const setRule = (kind: (typeof KINDS)[number], stage: (typeof STAGES)[number], field: (typeof FIELDS)[number], value: number) =>
    setSettings({
      ...settings,
      deadlineRules: { ...settings.deadlineRules, [kind]: { ...settings.deadlineRules[kind], [stage]: { ...settings.deadlineRules[kind][stage], [field]: value } } },
    });

  return (
    <section className="settings-section" aria-labelledby="office-title">
      <h2 id="office-title">{t('settings.office.title')}</h2>
      <form className="settings-form" noValidate onSubmit={save}>
        <label>
          <span>{t('settings.office.region')}</span>
          <select value={settings.holidayRegion} onChange={(e) => setSettings({ ...settings, holidayRegion: e.target.value })}>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {t(`regions.${region.code}`, { defaultValue: region.name })} ({region.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('settings.office.closedDays')}</span>
          <textarea
            rows={3}
            value={closedDays}
            onChange={(e) => setClosedDraft(e.target.value)}
            placeholder={displayDateInput(`${new Date().getFullYear()}-12-24`, i18n.language)}
            aria-invalid={daysProblem ? true : undefined}
            aria-describedby={daysProblem ? 'closed-days-error' : undefined}
          />
        </label>
        {daysProblem && (
          <p className="error" role="alert" id="closed-days-error">
            {t('settings.office.closedDaysInvalid', { days: daysProblem.join(', '), format: t('dateField.format') })}
          </p>
        )}
        <table className="plain rules">
          <caption>{t('settings.office.rules')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.column.kind')}</th>
              {STAGES.flatMap((stage) => FIELDS.map((field) => <th key={`${stage}-${field}`} scope="col">{t(`settings.office.${stage}`)} · {t(`settings.office.${field}`)}</th>))}
            </tr>
          </thead>
          <tbody>
            {KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`kind.${kind}`)}</th>
                {STAGES.flatMap((stage) =>
                  FIELDS.map((field) => (
                    <td key={`${stage}-${field}`}>
                      <input
                        type="number"
                        min={0}
                        max={250}
                        aria-label={`${t(`kind.${kind}`)} ${t(`settings.office.${stage}`)} ${t(`settings.office.${field}`)}`}
                        value={settings.deadlineRules[kind][stage][field]}
                        onChange={(e) => setRule(kind, stage, field, Number(e.target.value))}
                      />
                    </td>
                  )),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorMessage error={error} />
        {saved && <p role="status">{t('settings.saved')}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('settings.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

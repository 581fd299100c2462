// Holiday region, extra closed days and deadline rules: what the working-day clock counts.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayRegionOption, OfficeSettings as Settings } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { displayDateInput, parseDateInput } from '../../date-input.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { focusFirstInvalid } from '../TextField.tsx';
import { CASE_KINDS as KINDS } from '../../../../main/vocabulary/cases.ts';

const STAGES = ['stage1', 'stage2'] as const;
const FIELDS = ['acknowledgeDays', 'respondDays'] as const;

const ruleKey = (kind: string, stage: string, field: string) => `${kind}-${stage}-${field}`;
const validDays = (days: number) => Number.isInteger(days) && days >= 0 && days <= 250;

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
  // Deadline rules that are not a whole number of working days from 0 to 250, by kind-stage-field.
  const [badRules, setBadRules] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    call('getSettings').then((value) => {
      setSettings(value);
      setClosedDraft(null);
    }, setError);
    call('listHolidayRegions').then(setRegions, setError);
  }, []);

  if (!settings) return <ErrorMessage error={error} />;
  const closedDays = closedDraft ?? settings.closedDays.map((day) => displayDateInput(day, i18n.language)).join('\n');

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!settings) return;
    const form = event.currentTarget;
    setError(null);
    setSaved(false);
    try {
      const typed = closedDays.split(/[\s,;]+/).filter(Boolean);
      const parsed = typed.map((text) => ({ text, result: parseDateInput(text) }));
      const wrong = parsed.filter((day) => day.result.kind !== 'valid').map((day) => day.text);
      setDaysProblem(wrong.length > 0 ? wrong : null);
      const bad = new Set(
        KINDS.flatMap((kind) => STAGES.flatMap((stage) => FIELDS.filter((field) => !validDays(settings.deadlineRules[kind][stage][field])).map((field) => ruleKey(kind, stage, field)))),
      );
      setBadRules(bad);
      if (wrong.length > 0 || bad.size > 0) return focusFirstInvalid(form);
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

  const setRule = (kind: (typeof KINDS)[number], stage: (typeof STAGES)[number], field: (typeof FIELDS)[number], value: number) => {
    if (badRules.has(ruleKey(kind, stage, field)) && validDays(value)) setBadRules(new Set([...badRules].filter((key) => key !== ruleKey(kind, stage, field))));
    setSettings({
      ...settings,
      deadlineRules: { ...settings.deadlineRules, [kind]: { ...settings.deadlineRules[kind], [stage]: { ...settings.deadlineRules[kind][stage], [field]: value } } },
    });
  };

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
                  FIELDS.map((field) => {
                    const key = ruleKey(kind, stage, field);
                    const bad = badRules.has(key);
                    const value = settings.deadlineRules[kind][stage][field];
                    return (
                      <td key={`${stage}-${field}`}>
                        <input
                          type="number"
                          min={0}
                          max={250}
                          aria-label={`${t(`kind.${kind}`)} ${t(`settings.office.${stage}`)} ${t(`settings.office.${field}`)}`}
                          value={Number.isNaN(value) ? '' : value}
                          aria-invalid={bad ? true : undefined}
                          aria-describedby={bad ? `rule-${key}-error` : undefined}
                          onChange={(e) => setRule(kind, stage, field, e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
                        />
                        {bad && (
                          <p className="error" role="alert" id={`rule-${key}-error`}>
                            {t('settings.office.ruleInvalid')}
                          </p>
                        )}
                      </td>
                    );
                  }),
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

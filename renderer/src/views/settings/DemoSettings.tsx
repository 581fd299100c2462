// Demo data for a trial installation: the administrator fills an office that has no cases yet with realistic cases,
// generated in the background (progress, Cancel; what was completely saved stays). Main refuses an office with cases.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../../../main/vocabulary/demo.ts';
import { useJob } from '../../use-job.ts';
import { formatNumber } from '../../format.ts';
import { JobProgress } from '../JobProgress.tsx';
import { focusFirstInvalid, TextField, type Problems } from '../TextField.tsx';

const MAX_DEMO_CASES = 100_000;

export function DemoSettings() {
  const { t, i18n } = useTranslation();
  const [cases, setCases] = useState('2000');
  const [problems, setProblems] = useState<Problems>({});
  const job = useJob();

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const count = Number(cases.trim());
    const found: Problems = {};
    if (!/^\d+$/.test(cases.trim()) || count < 1 || count > MAX_DEMO_CASES) found.cases = { key: 'form.numberRange', values: { min: 1, max: formatNumber(MAX_DEMO_CASES, i18n.language) } };
    setProblems(found);
    if (found.cases) return focusFirstInvalid(event.currentTarget);
    void job.start('demo', { cases: count });
  }

  const finished = job.record?.status === 'done' ? job.record : null;
  return (
    <section className="settings-section" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('settings.demo.title')}</h2>
      <p className="hint">{t('settings.demo.intro')}</p>
      <form noValidate onSubmit={start} aria-labelledby="demo-title" className="settings-form demo-form">
        <TextField label={t('settings.demo.cases')} value={cases} onChange={setCases} error={problems.cases ?? job.error} required type="text" />
        <button type="submit" className="primary align-end" disabled={job.running} aria-busy={job.running}>
          {t('settings.demo.start')}
        </button>
      </form>
      <JobProgress job={job} showError={false} />
      {finished && <p className="hint">{t('settings.demo.done', { count: finished.counts.cases ?? 0, formatted: formatNumber(finished.counts.cases ?? 0, i18n.language), password: DEMO_STAFF_PASSWORD, users: DEMO_STAFF.join(', ') })}</p>}
    </section>
  );
}

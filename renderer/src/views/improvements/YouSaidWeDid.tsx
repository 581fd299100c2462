// "You said, we did": the improvements done in a year, the cases behind them, and a ready letter for each person who
// left contact data and consent; exportable to XLSX (saved through the download, never opened here).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { YouSaidWeDidEntry } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDate, recentYears } from '../../format.ts';
import { useJob } from '../../use-job.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { SelectField } from '../SelectField.tsx';

export function YouSaidWeDid() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [entries, setEntries] = useState<YouSaidWeDidEntry[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('youSaidWeDid', { year: Number(year) }).then((list) => {
      setEntries(list);
      setError(null);
    }, setError);
  }, [year]);

  // The workbook is made in the background (a job with progress and Cancel) and saved when it is ready.
  const job = useJob();

  return (
    <section className="you-said" aria-labelledby="you-said-title">
      <h2 id="you-said-title">{t('youSaid.title')}</h2>
      <div className="row">
        <SelectField label={t('youSaid.year')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: y, label: String(y) }))} />
        <button
          type="button"
          className="align-end"
          onClick={() => void job.start('youSaidWeDidXlsx', { year: Number(year), language: i18n.language === 'en' ? 'en' : 'de' })}
          disabled={entries.length === 0 || job.running}
          aria-busy={job.running}
        >
          {t('youSaid.export')}
        </button>
      </div>
      <JobProgress job={job} />
      <ErrorMessage error={error} />
      {entries.length === 0 ? (
        <p className="muted">{t('youSaid.none')}</p>
      ) : (
        <ol className="you-said-list">
          {entries.map(({ improvement, cases, notifications }) => (
            <li key={improvement.id}>
              <h3>{improvement.title}</h3>
              <p>
                {t('youSaid.doneBy', { department: improvement.departmentName, date: formatDate(improvement.doneOn!, i18n.language) })} {improvement.doneNote}
              </p>
              <p className="muted">
                {t('youSaid.cases')}: {cases.map((c) => c.reference).join(', ') || '–'}
              </p>
              {notifications.length > 0 && (
                <details>
                  <summary>{t('youSaid.letters', { count: notifications.length })}</summary>
                  {notifications.map((n) => (
                    <article key={n.caseId} className="letter" aria-label={t('youSaid.letterTo', { name: n.name ?? n.reference })}>
                      <p className="muted">
                        {n.reference} · {t(`reply.channels.${n.channel}`)} · {n.address} · {t(`language.${n.language}`)}
                      </p>
                      <p className="print-subject">{n.subject}</p>
                      <div className="letter-body">{n.body}</div>
                    </article>
                  ))}
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

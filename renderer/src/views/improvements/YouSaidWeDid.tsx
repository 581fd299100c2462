// "You said, we did": the improvements done in a year, the cases behind them, and a ready letter for each person who
// left contact data and consent; exportable to XLSX (saved through the download, never opened here).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { YouSaidWeDidEntry } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { saveToDisk } from '../../download.ts';
import { formatDate, recentYears } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
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

  async function exportFile() {
    setError(null);
    try {
      const file = await call('exportYouSaidWeDid', { year: Number(year), language: i18n.language === 'en' ? 'en' : 'de' });
      saveToDisk(file.fileName, file.dataBase64);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="you-said" aria-labelledby="you-said-title">
      <h2 id="you-said-title">{t('youSaid.title')}</h2>
      <div className="row">
        <SelectField label={t('youSaid.year')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: y, label: String(y) }))} />
        <button type="button" className="align-end" onClick={() => void exportFile()} disabled={entries.length === 0}>
          {t('youSaid.export')}
        </button>
      </div>
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

// The improvements a case is linked to; the office adopts an idea as a new improvement (its outcome becomes "adopted")
// or links the case to an existing one (a complaint as a root cause).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ImprovementSummary, SessionUser } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { can } from '../../can.ts';
import { formatDate } from '../../format.ts';
import { DateField } from '../DateField.tsx';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { OPEN_IMPROVEMENT_STATUSES } from '../../../../main/vocabulary/improvements.ts';


interface Props {
  detail: CaseDetail;
  user: SessionUser;
  onOpenImprovement: (id: number) => void;
  onChanged: () => void;
}

export function CaseImprovements({ detail, user, onOpenImprovement, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'adopt' | 'link' | null>(null);
  const [title, setTitle] = useState(detail.subject);
  const [targetDate, setTargetDate] = useState('');
  const [open, setOpen] = useState<ImprovementSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();
  const live = detail.status !== 'withdrawn' && detail.status !== 'merged';
  const canEdit = can(user, 'linkCaseToImprovement') && live;

  useEffect(() => {
    if (mode !== 'link') return;
    call('listImprovements', { statuses: [...OPEN_IMPROVEMENT_STATUSES] }).then(
      (rows) => setOpen(rows.filter((row) => !detail.improvements.some((link) => link.improvementId === row.id))),
      setError,
    );
  }, [mode, detail.improvements]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await run(async (send) => {
        if (mode === 'adopt') {
          const created = await send('adoptIdea', { caseId: detail.id, title, targetDate: targetDate || null });
          onOpenImprovement(created.id);
          return;
        }
        await send('linkCaseToImprovement', { improvementId: Number(chosen), caseId: detail.id });
        setMode(null);
        onChanged();
      });
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="case-improvements" aria-labelledby="case-improvements-title">
      <h2 id="case-improvements-title">{t('case.improvements')}</h2>
      {detail.improvements.length === 0 ? (
        <p className="muted">{t('case.noImprovements')}</p>
      ) : (
        <ul>
          {detail.improvements.map((link) => (
            <li key={link.improvementId}>
              {can(user, 'getImprovement') ? (
                <button type="button" className="link" onClick={() => onOpenImprovement(link.improvementId)}>
                  {link.title}
                </button>
              ) : (
                link.title
              )}{' '}
              <span className={`status improvement-${link.status}`}>{t(`improvementStatus.${link.status}`)}</span>
              {link.doneOn && <span className="muted"> · {t('case.improvementDoneOn', { date: formatDate(link.doneOn, i18n.language) })}</span>}
              <span className="muted"> · {t(`relation.${link.relation}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="action-buttons">
          {detail.kind === 'idea' && can(user, 'adoptIdea') && (
            <button type="button" aria-pressed={mode === 'adopt'} onClick={() => setMode('adopt')}>
              {t('case.adopt')}
            </button>
          )}
          <button type="button" aria-pressed={mode === 'link'} onClick={() => setMode('link')}>
            {t('case.linkImprovement')}
          </button>
        </div>
      )}
      {mode && (
        <form className="action-form" noValidate onSubmit={submit} aria-label={mode === 'adopt' ? t('case.adopt') : t('case.linkImprovement')}>
          {mode === 'adopt' ? (
            <>
              <label>
                <span>{t('improvements.column.title')}</span>
                <input autoFocus required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
              </label>
              <DateField label={t('improvements.column.target')} value={targetDate} onChange={setTargetDate} />
            </>
          ) : (
            <SelectField autoFocus required label={t('case.improvement')} value={chosen} onChange={setChosen} choices={open.map((row) => ({ value: row.id, label: `${row.title} (${row.departmentName})` }))} empty={t('case.choose')} />
          )}
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {mode === 'adopt' ? t('case.adopt') : t('case.linkImprovement')}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

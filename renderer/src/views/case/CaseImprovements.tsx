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
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
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
  // Each problem at its field (the title to adopt, the improvement to link); one that names no field below the form.
  const [problems, setProblems] = useState<Problems>({});
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

  function choose(next: 'adopt' | 'link' | null) {
    setMode(next);
    setError(null);
    setProblems({});
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    const found: Problems = {};
    if (mode === 'adopt' && !title.trim()) found.title = 'form.required';
    if (mode === 'link' && !chosen) found.improvementId = 'form.choose';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(form);
    try {
      await run(async (send) => {
        if (mode === 'adopt') {
          const created = await send('adoptIdea', { caseId: detail.id, title, targetDate: targetDate || null });
          // The case shows its new link even if the improvement is not opened (a typed reply asked first and was kept).
          setMode(null);
          onChanged();
          onOpenImprovement(created.id);
          return;
        }
        await send('linkCaseToImprovement', { improvementId: Number(chosen), caseId: detail.id });
        setMode(null);
        onChanged();
      });
    } catch (failure) {
      // Main names the field it refused: the title, or the improvement (a case already linked to it is refused at caseId).
      const field = errorField(failure);
      const at = mode === 'adopt' ? (field === 'title' ? 'title' : null) : field === 'improvementId' || field === 'caseId' ? 'improvementId' : null;
      if (at) {
        setProblems({ [at]: failure });
        focusFirstInvalid(form);
      } else setError(failure);
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
            <button type="button" aria-pressed={mode === 'adopt'} onClick={() => choose('adopt')}>
              {t('case.adopt')}
            </button>
          )}
          <button type="button" aria-pressed={mode === 'link'} onClick={() => choose('link')}>
            {t('case.linkImprovement')}
          </button>
        </div>
      )}
      {mode && (
        <form className="action-form" noValidate onSubmit={submit} aria-label={mode === 'adopt' ? t('case.adopt') : t('case.linkImprovement')}>
          {mode === 'adopt' ? (
            <>
              <TextField
                label={t('improvements.column.title')}
                autoFocus
                required
                maxLength={200}
                value={title}
                onChange={(value) => {
                  setTitle(value);
                  setProblems((current) => without(current, 'title'));
                }}
                error={problems.title}
              />
              <DateField label={t('improvements.column.target')} value={targetDate} onChange={setTargetDate} />
            </>
          ) : (
            <SelectField
              autoFocus
              required
              label={t('case.improvement')}
              value={chosen}
              onChange={(value) => {
                setChosen(value);
                setProblems((current) => without(current, 'improvementId'));
              }}
              error={problems.improvementId}
              choices={open.map((row) => ({ value: row.id, label: `${row.title} (${row.departmentName})` }))} empty={t('case.choose')} />
          )}
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {mode === 'adopt' ? t('case.adopt') : t('case.linkImprovement')}
            </button>
            <button type="button" onClick={() => choose(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

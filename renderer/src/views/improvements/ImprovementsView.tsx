// The Improvements screen: a filterable table (status, department, year done), overdue first; a row opens the improvement.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, ImprovementSummary, SessionUser } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { can } from '../../can.ts';
import { formatDate, recentYears } from '../../format.ts';
import { DateField } from '../DateField.tsx';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { YouSaidWeDid } from './YouSaidWeDid.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { TableExportButtons } from '../TableExport.tsx';
import { useJob } from '../../use-job.ts';
import { IMPROVEMENT_STATUSES } from '../../../../main/vocabulary/improvements.ts';

export { IMPROVEMENT_STATUSES };

interface Props {
  user: SessionUser;
  onOpen: (id: number) => void;
}

export function ImprovementTable({ rows, onOpen, caption }: { rows: ImprovementSummary[]; onOpen: (id: number) => void; caption: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('improvements.none')}</p>;
  return (
    <table className="plain improvements">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('improvements.column.title')}</th>
          <th scope="col">{t('improvements.column.department')}</th>
          <th scope="col">{t('improvements.column.responsible')}</th>
          <th scope="col">{t('improvements.column.status')}</th>
          <th scope="col">{t('improvements.column.target')}</th>
          <th scope="col">{t('improvements.column.done')}</th>
          <th scope="col">{t('improvements.column.cases')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.overdue ? 'overdue' : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(row.id)}>
                {row.title}
              </button>
            </td>
            <td>{row.departmentName}</td>
            <td>{row.responsibleName ?? '–'}</td>
            <td>
              <span className={`status improvement-${row.status}`}>{t(`improvementStatus.${row.status}`)}</span>
            </td>
            <td>
              {row.targetDate ? formatDate(row.targetDate, i18n.language) : '–'}
              {row.overdue && <strong className="due due-overdue"> · {t('improvements.overdue')}</strong>}
            </td>
            <td>{row.doneOn ? formatDate(row.doneOn, i18n.language) : '–'}</td>
            <td>{row.caseCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImprovementsView({ user, onOpen }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ImprovementSummary[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  // Why the departments (to filter by and to choose for a new improvement) could not be loaded: shown by the filters.
  const [departmentsError, setDepartmentsError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [year, setYear] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ title: '', departmentId: '', targetDate: '' });
  // Problems of the new improvement at their fields (title, department); main's other refusals below the form.
  const [problems, setProblems] = useState<Problems>({});
  const [createError, setCreateError] = useState<unknown>(null);
  const [showReport, setShowReport] = useState(false);
  const canEdit = can(user, 'createImprovement');
  const { run, busy } = useSubmit();
  const exportJob = useJob();

  useEffect(() => {
    call('listDepartments').then(setDepartments, setDepartmentsError);
  }, []);

  // The list's filter, also what its export takes.
  const improvementFilter = useMemo(
    () => ({
      ...(status ? { statuses: [status as ImprovementSummary['status']] } : {}),
      ...(departmentId ? { departmentIds: [Number(departmentId)] } : {}),
      ...(year ? { doneYear: Number(year) } : {}),
    }),
    [status, departmentId, year],
  );
  useEffect(() => {
    call('listImprovements', improvementFilter).then((list) => {
      setRows(list);
      setError(null);
    }, setError);
  }, [improvementFilter]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setCreateError(null);
    const found: Problems = {};
    if (!draft.title.trim()) found.title = 'form.required';
    if (!draft.departmentId) found.departmentId = 'form.choose';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(form);
    try {
      const created = await run((send) => send('createImprovement', { title: draft.title, departmentId: Number(draft.departmentId), targetDate: draft.targetDate || null }));
      if (created) onOpen(created.id);
    } catch (failure) {
      const field = errorField(failure);
      if (field === 'title' || field === 'departmentId') {
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
      } else setCreateError(failure);
    }
  }

  /** Sets a field of the new improvement; its problem goes with the edit. */
  const edit = (field: 'title' | 'departmentId') => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => without(current, field));
  };

  const visibleDepartments = user.role === 'department_head' ? departments.filter((d) => user.departmentIds.includes(d.id)) : departments;
  return (
    <section className="improvements-view" aria-labelledby="improvements-title">
      <div className="toolbar">
        <h1 id="improvements-title">{t('improvements.title')}</h1>
        {canEdit && (
          <button type="button" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            {t('improvements.new')}
          </button>
        )}
        <button type="button" onClick={() => setShowReport((v) => !v)} aria-expanded={showReport}>
          {t('youSaid.title')}
        </button>
        <span className="spacer" />
        <TableExportButtons job={exportJob} query={{ table: 'improvements', filter: improvementFilter }} disabled={rows.length === 0} />
      </div>
      <JobProgress job={exportJob} />
      {creating && (
        <form className="inline-form" noValidate onSubmit={create} aria-label={t('improvements.new')}>
          <TextField label={t('improvements.column.title')} autoFocus required maxLength={200} value={draft.title} onChange={edit('title')} error={problems.title} />
          <SelectField required label={t('improvements.column.department')} value={draft.departmentId} onChange={edit('departmentId')} choices={activeChoices(departments, (d) => d.name)} empty={t('case.choose')} error={problems.departmentId} />
          <DateField label={t('improvements.column.target')} value={draft.targetDate} onChange={(targetDate) => setDraft({ ...draft, targetDate })} />
          <ErrorMessage error={createError} />
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('settings.add')}
          </button>
        </form>
      )}
      {showReport && <YouSaidWeDid />}
      <ErrorMessage error={departmentsError} />
      <div className="filters" role="group" aria-label={t('improvements.filters')}>
        <SelectField label={t('improvements.column.status')} value={status} onChange={setStatus} choices={IMPROVEMENT_STATUSES.map((s) => ({ value: s, label: t(`improvementStatus.${s}`) }))} empty={t('improvements.all')} />
        <SelectField label={t('improvements.column.department')} value={departmentId} onChange={setDepartmentId} choices={visibleDepartments.map((d) => ({ value: d.id, label: d.name }))} empty={t('improvements.all')} />
        <SelectField label={t('improvements.yearDone')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: y, label: String(y) }))} empty={t('improvements.all')} />
      </div>
      <ErrorMessage error={error} />
      <ImprovementTable rows={rows} onOpen={onOpen} caption={t('improvements.title')} />
    </section>
  );
}

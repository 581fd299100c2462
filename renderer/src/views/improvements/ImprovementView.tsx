// One improvement: facts, the status steps this role may take (done needs a date and a note), editing for the office,
// the linked cases (open, link by reference, unlink) and the timeline.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, ImprovementDetail, SessionUser, UserRecord } from '../../../../main/api/types.ts';
import { ApiFailure, call, failure as refusal } from '../../api.ts';
import { can } from '../../can.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { Timeline } from '../case/Timeline.tsx';
import { DateField } from '../DateField.tsx';
import { useSubmit, type Send } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { useArrivalFocus } from '../use-arrival-focus.ts';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';

type Status = ImprovementDetail['status'];

interface Props {
  id: number;
  user: SessionUser;
  today: string;
  onBack: () => void;
  onOpenCase: (id: number) => void;
}

export function ImprovementView({ id, user, today, onBack, onOpenCase }: Props) {
  const { t, i18n } = useTranslation();
  const arrived = useArrivalFocus();
  const [detail, setDetail] = useState<ImprovementDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [next, setNext] = useState<Status | null>(null);
  const [doneOn, setDoneOn] = useState(today);
  const [note, setNote] = useState('');
  const [reference, setReference] = useState('');
  const [linkError, setLinkError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ title: '', description: '', departmentId: '', responsibleId: '', targetDate: '' });
  // Problems at their fields: the done note and date, the edited title, the reference to link (keys note, doneOn, title, reference).
  const [problems, setProblems] = useState<Problems>({});
  const clear = (field: string) => setProblems((current) => without(current, field));
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<UserRecord[]>([]);
  // Why the departments or colleagues to choose from in the edit form could not be loaded: shown in that form.
  const [listsError, setListsError] = useState<unknown>(null);
  const canEdit = can(user, 'updateImprovement');
  const canMove = can(user, 'setImprovementStatus');
  // One write at a time in this view: every writing button is disabled while one runs.
  const submit = useSubmit();
  const busy = submit.busy;

  useEffect(() => {
    call('getImprovement', { id }).then(setDetail, setLoadError);
    if (canEdit) {
      call('listDepartments').then(setDepartments, setListsError);
      call('listUsers').then(setUsers, setListsError);
    }
  }, [id, canEdit]);

  /** Runs a write of the status or edit form; an error main gives for one of `fields` stands at that field (and takes the focus). */
  async function run(action: (send: Send) => Promise<ImprovementDetail>, form?: HTMLFormElement, fields: readonly string[] = []) {
    setError(null);
    try {
      const changed = await submit.run(action);
      if (changed) setDetail(changed);
      return changed !== undefined;
    } catch (failure) {
      const field = errorField(failure);
      if (field && fields.includes(field)) {
        setProblems((current) => ({ ...current, [field]: failure }));
        focusFirstInvalid(form);
      } else setError(failure);
      return false;
    }
  }

  async function move(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!next) return;
    const form = event.currentTarget;
    const found: Problems = {};
    if (next === 'done' && !note.trim()) found.note = 'errors.done_note_required';
    setProblems((current) => ({ ...without(without(current, 'note'), 'doneOn'), ...found }));
    if (hasProblems(found)) return focusFirstInvalid(form);
    const ok = await run((send) => send('setImprovementStatus', { id, status: next, ...(next === 'done' ? { doneOn, note } : {}) }), form, ['note', 'doneOn']);
    if (ok) {
      setNext(null);
      setNote('');
    }
  }

  /** Links or unlinks; for a link (atReference), an unknown reference or a case already linked is shown at the reference. */
  async function changeLinks(action: (send: Send) => Promise<ImprovementDetail>, atReference = false) {
    setLinkError(null);
    try {
      const changed = await submit.run(action);
      if (changed) setDetail(changed);
      return changed !== undefined;
    } catch (failure) {
      const field = errorField(failure);
      if (atReference && (field === 'reference' || field === 'caseId')) setProblems((current) => ({ ...current, reference: failure }));
      else setLinkError(failure);
      return false;
    }
  }

  async function link(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setLinkError(null);
    if (!reference.trim()) {
      setProblems((current) => ({ ...current, reference: 'form.required' }));
      return focusFirstInvalid(form);
    }
    const done = await changeLinks(async (send) => {
      const found = await call('listCases', { filter: { reference: reference.trim() }, limit: 1 });
      if (!found.rows[0]) throw refusal('not_found', { field: 'reference', reason: 'reference' });
      return send('linkCaseToImprovement', { improvementId: id, caseId: found.rows[0].id });
    }, true);
    if (done) setReference('');
    // A reference no case has, or a case already linked (main: conflict at caseId), is a problem of the reference typed.
    else requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!draft.title.trim()) {
      setProblems((current) => ({ ...current, title: 'form.required' }));
      return focusFirstInvalid(form);
    }
    clear('title');
    const ok = await run((send) =>
      send('updateImprovement', {
        id,
        title: draft.title,
        description: draft.description,
        departmentId: Number(draft.departmentId),
        responsibleId: draft.responsibleId ? Number(draft.responsibleId) : null,
        targetDate: draft.targetDate || null,
      }),
      form,
      ['title'],
    );
    if (ok) setEditing(false);
  }

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!detail) return <p>{t('app.loading')}</p>;
  return (
    <article className="improvement-view" aria-labelledby="improvement-title">
      <div className="case-head">
        <button type="button" onClick={onBack} aria-keyshortcuts="Escape Alt+ArrowLeft" title={t('shortcuts.backHint')}>
          ← {t('improvement.back')}
        </button>
        <h1 id="improvement-title" tabIndex={-1} ref={arrived}>{detail.title}</h1>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('improvements.column.status')}</dt>
          <dd>
            <span className={`status improvement-${detail.status}`}>{t(`improvementStatus.${detail.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('improvements.column.department')}</dt>
          <dd>{detail.departmentName}</dd>
        </div>
        <div>
          <dt>{t('improvements.column.responsible')}</dt>
          <dd>{detail.responsibleName ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('improvements.column.target')}</dt>
          <dd>
            {detail.targetDate ? formatDate(detail.targetDate, i18n.language) : '–'}
            {detail.overdue && <strong className="due due-overdue"> · {t('improvements.overdue')}</strong>}
          </dd>
        </div>
        {detail.status === 'done' && (
          <>
            <div>
              <dt>{t('improvements.column.done')}</dt>
              <dd data-testid="done-on">{formatDate(detail.doneOn!, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('improvement.signedOff')}</dt>
              <dd>{t('improvement.signedOffBy', { name: detail.signedOffByName ?? '–', at: formatDateTime(detail.signedOffAt!, i18n.language) })}</dd>
            </div>
          </>
        )}
      </dl>
      <section className="case-body">
        <h2>{t('case.description')}</h2>
        <p className="description">{detail.description || '–'}</p>
        {detail.doneNote && (
          <>
            <h2>{t('improvement.doneNote')}</h2>
            <p className="description">{detail.doneNote}</p>
          </>
        )}
      </section>

      {canMove && (detail.nextStatuses.length > 0 || canEdit) && (
        <section className="actions-panel" aria-labelledby="improvement-actions">
          <h2 id="improvement-actions">{t('case.actions')}</h2>
          <div className="action-buttons">
            {detail.nextStatuses.map((status) => (
              <button
                key={status}
                type="button"
                aria-pressed={next === status}
                onClick={() => {
                  setNext(status);
                  setProblems((current) => without(without(current, 'note'), 'doneOn'));
                }}
              >
                {status === 'done' ? t('improvement.markDone') : t('improvement.moveTo', { status: t(`improvementStatus.${status}`) })}
              </button>
            ))}
            {canEdit && (
              <button
                type="button"
                aria-pressed={editing}
                onClick={() => {
                  setDraft({
                    title: detail.title,
                    description: detail.description,
                    departmentId: String(detail.departmentId),
                    responsibleId: String(detail.responsibleId ?? ''),
                    targetDate: detail.targetDate ?? '',
                  });
                  clear('title');
                  setEditing(true);
                }}
              >
                {t('settings.edit')}
              </button>
            )}
          </div>
          {next && (
            <form className="action-form" noValidate onSubmit={move} aria-label={next === 'done' ? t('improvement.markDone') : t('improvement.moveTo', { status: t(`improvementStatus.${next}`) })}>
              {next === 'done' && (
                <>
                  <DateField
                    label={t('improvement.doneOnLabel')}
                    required
                    max={today}
                    value={doneOn}
                    onChange={(value) => {
                      setDoneOn(value);
                      clear('doneOn');
                    }}
                    error={problems.doneOn instanceof ApiFailure ? t(`errors.${problems.doneOn.error.code}`, problems.doneOn.error.details ?? {}) : null}
                  />
                  <TextField
                    label={t('improvement.doneNote')}
                    autoFocus
                    required
                    rows={3}
                    value={note}
                    onChange={(value) => {
                      setNote(value);
                      clear('note');
                    }}
                    error={problems.note}
                  />
                </>
              )}
              <div className="actions">
                <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
                  {t('improvement.confirm')}
                </button>
                <button type="button" onClick={() => setNext(null)}>
                  {t('case.cancel')}
                </button>
              </div>
            </form>
          )}
          {editing && (
            <form className="action-form" noValidate onSubmit={save} aria-label={t('settings.edit')}>
              <TextField
                label={t('improvements.column.title')}
                required
                maxLength={200}
                value={draft.title}
                onChange={(title) => {
                  setDraft({ ...draft, title });
                  clear('title');
                }}
                error={problems.title}
              />
              <label>
                <span>{t('case.description')}</span>
                <textarea rows={4} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
              </label>
              {listsError ? <ErrorMessage error={listsError} /> : null}
              <SelectField label={t('improvements.column.department')} value={draft.departmentId} onChange={(v) => setDraft({ ...draft, departmentId: v })} choices={activeChoices(departments, (d) => d.name)} />
              <SelectField label={t('improvements.column.responsible')} value={draft.responsibleId} onChange={(v) => setDraft({ ...draft, responsibleId: v })} choices={activeChoices(users, (u) => u.displayName)} empty="–" />
              <DateField label={t('improvements.column.target')} value={draft.targetDate} onChange={(targetDate) => setDraft({ ...draft, targetDate })} />
              <div className="actions">
                <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
                  {t('settings.save')}
                </button>
                <button type="button" onClick={() => setEditing(false)}>
                  {t('case.cancel')}
                </button>
              </div>
            </form>
          )}
          <ErrorMessage error={error} />
        </section>
      )}

      <section aria-labelledby="linked-title">
        <h2 id="linked-title">{t('improvement.cases')}</h2>
        {detail.cases.length === 0 ? (
          <p className="muted">{t('improvement.noCases')}</p>
        ) : (
          <ul className="linked-cases">
            {detail.cases.map((c) => (
              <li key={c.caseId}>
                <button type="button" className="link" onClick={() => onOpenCase(c.caseId)}>
                  {c.reference}
                </button>{' '}
                {c.subject} <span className="muted">· {t(`kind.${c.kind}`)} · {t(`relation.${c.relation}`)} · {t(`status.${c.status}`)}</span>
                {canEdit && (
                  <button type="button" className="small" disabled={busy} aria-busy={busy} aria-label={t('improvement.unlink', { reference: c.reference })} onClick={() => void changeLinks((send) => send('unlinkCaseFromImprovement', { improvementId: id, caseId: c.caseId }))}>
                    ✕
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <form className="inline-form" noValidate onSubmit={link} aria-label={t('improvement.link')}>
            <TextField
              label={t('improvement.linkReference')}
              required
              placeholder="2026-00042"
              value={reference}
              onChange={(value) => {
                setReference(value);
                clear('reference');
              }}
              error={problems.reference}
            />
            <button type="submit" disabled={busy} aria-busy={busy}>
              {t('improvement.link')}
            </button>
          </form>
        )}
        <ErrorMessage error={linkError} />
      </section>
      <section>
        <h2>{t('case.timeline')}</h2>
        <Timeline events={detail.timeline} />
      </section>
    </article>
  );
}

// The steps main offers on this case for this user (detail.availableActions: main decides by the workflow and the
// user's role), each with the few fields it needs; errors stay next to the action and nothing typed is lost.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Category, Department, UserRecord } from '../../../../main/api/types.ts';
import { call, failure, type ApiFailure } from '../../api.ts';
import { useAction } from '../../use-action.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, type Problems } from '../TextField.tsx';
import { useDiscardGuard, useLeaveGuard } from '../use-discard-guard.tsx';
import { CASE_KINDS, outcomesFor, PRIORITIES } from '../../../../main/vocabulary/cases.ts';
import { isOfficeRole } from '../../../../main/vocabulary/people.ts';

type Step = CaseDetail['availableActions'][number];

/** The fields text is typed into (the others are chosen from a list). */
const TYPED_FIELDS = ['text', 'reason', 'reference', 'days'];

interface Props {
  detail: CaseDetail;
  departments: Department[];
  categories: Category[];
  users: UserRecord[];
  onChanged: (detail: CaseDetail) => void;
  /** Why the lists the forms choose from (departments, categories, colleagues) could not be loaded, if they could not. */
  listsError?: unknown;
}

export function ActionPanel({ detail, departments, categories, users, onChanged, listsError }: Props) {
  const { t } = useTranslation();
  const actions = detail.availableActions;
  const [action, setAction] = useState<Step | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy, error, fail, clear } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const field = (name: string) => fields[name] ?? '';
  const setValue = (name: string) => (value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    setProblems((current) => (current[name] ? { ...current, [name]: null } : current));
  };
  const set = (name: string) => (event: { target: { value: string } }) => setValue(name)(event.target.value);
  const officeUsers = users.filter((u) => isOfficeRole(u.role));
  // Typed text of the open action (a note, a statement, a reason) is not thrown away by Cancel or by leaving the case unasked.
  const guard = useDiscardGuard(action !== null && TYPED_FIELDS.some((name) => field(name).trim() !== ''), 'discard.action');
  useLeaveGuard(guard);
  const cancel = () =>
    guard.ask(() => {
      setFields({});
      setAction(null);
      clear();
      setProblems({});
    });

  function choose(next: Step) {
    setAction(next);
    clear();
    setProblems({});
  }

  // The field main refused takes the focus (after the render that marks it), so its message is read out with it.
  useEffect(() => {
    if (error) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }, [error]);

  /** What the form can tell before asking main: each problem at its field. */
  function check(current: Step): Problems {
    const found: Problems = {};
    const days = field('days').trim();
    if (current === 'note' && !field('text').trim()) found.text = 'form.required';
    if (current === 'forward' && !(field('departmentId') || detail.departmentId)) found.departmentId = 'form.choose';
    if (current === 'merge' && !field('reference').trim()) found.reference = 'form.required';
    if (current === 'extend' && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 20)) found.days = { key: 'form.numberRange', values: { min: 1, max: 20 } };
    if (current === 'extend' && !field('reason').trim()) found.reason = 'form.required';
    // Main refuses these without a reason too (reason_required); the form says it in the same words.
    if ((current === 'hold' || current === 'withdraw' || current === 'escalate') && !field('reason').trim()) found.reason = 'errors.reason_required';
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!action) return;
    clear();
    const found = check(action);
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
    const id = detail.id;
    // The statement is what the department returns; main refuses an empty one too (statement_required).
    if (action === 'return_from_department' && field('text').trim() === '') {
      fail(failure('statement_required', { field: 'statement' }));
      return;
    }
    const done = await run(async (send) => {
      let result: CaseDetail;
      switch (action) {
        case 'note':
          result = await send('addCaseNote', { id, text: field('text') });
          break;
        case 'extend':
          result = await send('extendCaseDeadline', { id, workingDays: Number(field('days') || 0), reason: field('reason') });
          break;
        case 'triage':
          // One call and one transaction: the fields, the handler and the step, all or nothing.
          result = await send('triageCase', {
            id,
            kind: (field('kind') || detail.kind) as CaseDetail['kind'],
            priority: (field('priority') || detail.priority) as CaseDetail['priority'],
            departmentId: field('departmentId') ? Number(field('departmentId')) : detail.departmentId,
            categoryId: field('categoryId') ? Number(field('categoryId')) : detail.categoryId,
            ...(field('handlerId') ? { handlerId: Number(field('handlerId')) } : {}),
          });
          break;
        case 'forward':
          result = await send('transitionCase', { id, action, departmentId: Number(field('departmentId') || detail.departmentId || 0) });
          break;
        case 'return_from_department':
          result = await send('transitionCase', { id, action, statement: field('text') });
          break;
        // Main refuses a missing or blank reason (reason_required at the field reason); it is shown there.
        case 'hold':
        case 'withdraw':
          result = await send('transitionCase', { id, action, reason: field('reason') });
          break;
        case 'answer':
          result = await send('transitionCase', { id, action, outcome: (field('outcome') || null) as never, summary: field('text') || undefined });
          break;
        case 'escalate':
          // Nobody is chosen by default: main refuses that (stage2_handler_required) and the stage 1 handler at handlerId.
          result = await send('transitionCase', { id, action, handlerId: field('handlerId') ? Number(field('handlerId')) : undefined, reason: field('reason') });
          break;
        case 'merge': {
          const target = await call('listCases', { filter: { reference: field('reference') }, limit: 1 });
          // No case has this reference (or none the user may see): said at the reference field.
          if (!target.rows[0]) throw failure('not_found', { field: 'reference', reason: 'reference' });
          result = await send('transitionCase', { id, action, intoId: target.rows[0].id });
          break;
        }
        default:
          result = await send('transitionCase', { id, action });
      }
      return result;
    });
    if (!done) return;
    setFields({});
    setAction(null);
    onChanged(done);
  }

  // An error about the statement, the reason or the stage 2 handler is shown at that field, the others below the form.
  const fieldError = (name: string): ApiFailure | null => (error?.field === name ? error : null);
  const statementError = fieldError('statement');
  const reasonError = fieldError('reason');
  const handlerError = fieldError('handlerId');
  const referenceError = fieldError('reference');
  const shownAtField = statementError ?? reasonError ?? handlerError ?? referenceError;
  const needsReason = action === 'hold' || action === 'withdraw' || action === 'escalate';
  // Stage 2 goes to an office colleague other than the one who handled stage 1 (the caller may be that one).
  const stage1Handler = detail.stage1HandlerId ?? detail.handlerId;
  const stage2Choices = activeChoices(officeUsers.filter((u) => u.id !== stage1Handler), (u) => u.displayName);

  if (actions.length === 0) return null;
  return (
    <section className="actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('case.actions')}</h2>
      {listsError ? <ErrorMessage error={listsError} id="action-lists-error" /> : null}
      <div className="action-buttons">
        {actions.map((name) => (
          <button key={name} type="button" aria-pressed={action === name} onClick={() => choose(name)}>
            {t(`action.${name}`)}
          </button>
        ))}
      </div>
      {action && (
        <form ref={formRef} className="action-form" noValidate onSubmit={submit} aria-label={t(`action.${action}`)}>
          {action === 'triage' && (
            <div className="row">
              <SelectField autoFocus label={t('field.kind')} value={field('kind') || detail.kind} onChange={setValue('kind')} choices={CASE_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
              <SelectField label={t('field.departmentId')} value={field('departmentId') || String(detail.departmentId ?? '')} onChange={setValue('departmentId')} choices={activeChoices(departments, (d) => d.name)} empty={t('case.choose')} />
              <SelectField label={t('field.categoryId')} value={field('categoryId') || String(detail.categoryId ?? '')} onChange={setValue('categoryId')} choices={activeChoices(categories, (c) => c.name)} empty={t('case.choose')} />
              <SelectField label={t('field.priority')} value={field('priority') || detail.priority} onChange={setValue('priority')} choices={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))} />
              <SelectField label={t('inbox.column.handler')} value={field('handlerId') || String(detail.handlerId ?? '')} onChange={setValue('handlerId')} choices={activeChoices(officeUsers, (u) => u.displayName)} empty={t('case.me')} />
            </div>
          )}
          {action === 'forward' && (
            <SelectField autoFocus required label={t('field.departmentId')} value={field('departmentId') || String(detail.departmentId ?? '')} onChange={setValue('departmentId')} choices={activeChoices(departments, (d) => d.name)} empty={t('case.choose')} error={problems.departmentId} />
          )}
          {action === 'answer' && (
            <SelectField autoFocus label={t('field.outcome')} value={field('outcome')} onChange={setValue('outcome')} choices={outcomesFor(detail.kind).map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))} empty={t('case.choose')} />
          )}
          {action === 'escalate' && (
            <>
              <SelectField
                id="action-handler"
                autoFocus
                required
                label={t('case.stage2Handler')}
                value={field('handlerId')}
                onChange={setValue('handlerId')}
                choices={stage2Choices}
                empty={t('case.choose')}
                error={handlerError}
              />
            </>
          )}
          {action === 'merge' && (
            <TextField label={t('case.mergeInto')} autoFocus required placeholder="2026-00042" value={field('reference')} onChange={setValue('reference')} error={problems.reference ?? referenceError} />
          )}
          {action === 'extend' && (
            <TextField label={t('case.extendDays')} autoFocus type="number" min={1} max={20} required value={field('days')} onChange={setValue('days')} error={problems.days} />
          )}
          {action === 'extend' && <TextField label={t('field.reason')} required value={field('reason')} onChange={setValue('reason')} error={problems.reason} />}
          {needsReason && (
            <>
              <label>
                <span>{t('field.reason')}</span>
                <textarea
                  id="action-reason"
                  autoFocus={action !== 'escalate'}
                  required
                  rows={3}
                  aria-invalid={reasonError || problems.reason ? true : undefined}
                  aria-describedby={reasonError || problems.reason ? 'reason-error' : undefined}
                  value={field('reason')}
                  onChange={set('reason')}
                />
              </label>
              {reasonError || problems.reason ? <ErrorMessage error={reasonError ?? problems.reason} id="reason-error" /> : null}
            </>
          )}
          {(action === 'note' || action === 'return_from_department' || action === 'answer') && (
            <label>
              <span>{action === 'note' ? t('field.note') : action === 'answer' ? t('field.summary') : t('field.statement')}</span>
              <textarea
                id={action === 'return_from_department' ? 'action-statement' : undefined}
                autoFocus={action !== 'answer'}
                required={action === 'note'}
                aria-required={action === 'return_from_department' ? true : undefined}
                aria-invalid={statementError || problems.text ? true : undefined}
                aria-describedby={statementError ? 'statement-error' : problems.text ? 'action-text-error' : undefined}
                rows={4}
                value={field('text')}
                onChange={set('text')}
              />
            </label>
          )}
          <ErrorMessage error={problems.text ?? null} id="action-text-error" />
          {statementError ? <ErrorMessage error={statementError} id="statement-error" /> : shownAtField ? null : <ErrorMessage error={error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t(`action.${action}`)}
            </button>
            <button type="button" onClick={cancel}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
      {guard.dialog}
    </section>
  );
}

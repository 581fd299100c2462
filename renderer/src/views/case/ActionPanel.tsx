// The workflow actions this case allows for this role, each with the few fields it needs; errors stay next to the action and nothing typed is lost.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Category, Department, SessionUser, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type Action = CaseDetail['availableActions'][number] | 'note' | 'extend';

const OUTCOMES: Record<CaseDetail['kind'], string[]> = {
  complaint: ['upheld', 'partly_upheld', 'not_upheld'],
  idea: ['adopted', 'declined', 'already_planned'],
  praise: ['informed'],
  question: ['informed'],
};

const OFFICE_ROLES = ['admin', 'ombudsman', 'deputy'];

export function allowedActions(detail: CaseDetail, user: SessionUser): Action[] {
  if (user.role === 'executive') return [];
  if (user.role === 'department_head') return [...detail.availableActions.filter((a) => a === 'return_from_department'), 'note'];
  const running = ['new', 'open', 'forwarded', 'on_hold'].includes(detail.status);
  return [...detail.availableActions, ...(running ? (['extend'] as const) : []), 'note'];
}

interface Props {
  detail: CaseDetail;
  user: SessionUser;
  departments: Department[];
  categories: Category[];
  users: UserRecord[];
  onChanged: (detail: CaseDetail) => void;
}

export function ActionPanel({ detail, user, departments, categories, users, onChanged }: Props) {
  const { t } = useTranslation();
  const actions = allowedActions(detail, user);
  const [action, setAction] = useState<Action | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: string) => fields[name] ?? '';
  const set = (name: string) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value }));

  function choose(next: Action) {
    setAction(next);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!action) return;
    setBusy(true);
    setError(null);
    const id = detail.id;
    try {
      let result: CaseDetail;
      switch (action) {
        case 'note':
          result = await call('addCaseNote', { id, text: field('text') });
          break;
        case 'extend':
          result = await call('extendCaseDeadline', { id, workingDays: Number(field('days') || 0), reason: field('reason') });
          break;
        case 'triage': {
          await call('updateCase', {
            id,
            kind: (field('kind') || detail.kind) as CaseDetail['kind'],
            priority: (field('priority') || detail.priority) as CaseDetail['priority'],
            departmentId: field('departmentId') ? Number(field('departmentId')) : detail.departmentId,
            categoryId: field('categoryId') ? Number(field('categoryId')) : detail.categoryId,
          });
          if (field('handlerId')) await call('assignCase', { id, handlerId: Number(field('handlerId')) });
          result = await call('transitionCase', { id, action });
          break;
        }
        case 'forward':
          result = await call('transitionCase', { id, action, departmentId: Number(field('departmentId') || detail.departmentId || 0) });
          break;
        case 'return_from_department':
          result = await call('transitionCase', { id, action, statement: field('text') || undefined });
          break;
        case 'hold':
        case 'withdraw':
          result = await call('transitionCase', { id, action, reason: field('reason') || undefined });
          break;
        case 'answer':
          result = await call('transitionCase', { id, action, outcome: (field('outcome') || null) as never, summary: field('text') || undefined });
          break;
        case 'escalate':
          result = await call('transitionCase', { id, action, handlerId: field('handlerId') ? Number(field('handlerId')) : undefined, reason: field('reason') || undefined });
          break;
        case 'merge': {
          const target = await call('listCases', { filter: { reference: field('reference') }, limit: 1 });
          if (!target.rows[0]) throw new Error('case.mergeTargetUnknown');
          result = await call('transitionCase', { id, action, intoId: target.rows[0].id });
          break;
        }
        default:
          result = await call('transitionCase', { id, action });
      }
      setFields({});
      setAction(null);
      onChanged(result);
    } catch (failure) {
      setError(failure instanceof Error && failure.message.startsWith('case.') ? failure.message : failure);
    } finally {
      setBusy(false);
    }
  }

  if (actions.length === 0) return null;
  return (
    <section className="actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('case.actions')}</h2>
      <div className="action-buttons">
        {actions.map((name) => (
          <button key={name} type="button" aria-pressed={action === name} onClick={() => choose(name)}>
            {t(`action.${name}`)}
          </button>
        ))}
      </div>
      {action && (
        <form className="action-form" onSubmit={submit} aria-label={t(`action.${action}`)}>
          {action === 'triage' && (
            <div className="row">
              <label>
                <span>{t('field.kind')}</span>
                <select autoFocus value={field('kind') || detail.kind} onChange={set('kind')}>
                  {(['complaint', 'idea', 'praise', 'question'] as const).map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kind.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('field.departmentId')}</span>
                <select value={field('departmentId') || String(detail.departmentId ?? '')} onChange={set('departmentId')}>
                  <option value="">{t('case.choose')}</option>
                  {departments.filter((d) => d.active).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('field.categoryId')}</span>
                <select value={field('categoryId') || String(detail.categoryId ?? '')} onChange={set('categoryId')}>
                  <option value="">{t('case.choose')}</option>
                  {categories.filter((c) => c.active).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('field.priority')}</span>
                <select value={field('priority') || detail.priority} onChange={set('priority')}>
                  {(['low', 'normal', 'high', 'urgent'] as const).map((priority) => (
                    <option key={priority} value={priority}>
                      {t(`priority.${priority}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('inbox.column.handler')}</span>
                <select value={field('handlerId') || String(detail.handlerId ?? '')} onChange={set('handlerId')}>
                  <option value="">{t('case.me')}</option>
                  {users.filter((u) => u.active && OFFICE_ROLES.includes(u.role)).map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {action === 'forward' && (
            <label>
              <span>{t('field.departmentId')}</span>
              <select autoFocus required value={field('departmentId') || String(detail.departmentId ?? '')} onChange={set('departmentId')}>
                <option value="">{t('case.choose')}</option>
                {departments.filter((d) => d.active).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {action === 'answer' && (
            <label>
              <span>{t('field.outcome')}</span>
              <select autoFocus value={field('outcome')} onChange={set('outcome')}>
                <option value="">{t('case.choose')}</option>
                {OUTCOMES[detail.kind].map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {t(`outcome.${outcome}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {action === 'escalate' && (
            <label>
              <span>{t('case.stage2Handler')}</span>
              <select autoFocus value={field('handlerId')} onChange={set('handlerId')}>
                <option value="">{t('case.me')}</option>
                {users.filter((u) => u.active && OFFICE_ROLES.includes(u.role) && u.id !== user.id).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            </label>
          )}
          {action === 'merge' && (
            <label>
              <span>{t('case.mergeInto')}</span>
              <input autoFocus required placeholder="2026-00042" value={field('reference')} onChange={set('reference')} />
            </label>
          )}
          {action === 'extend' && (
            <label>
              <span>{t('case.extendDays')}</span>
              <input autoFocus type="number" min={1} max={20} required value={field('days')} onChange={set('days')} />
            </label>
          )}
          {(action === 'hold' || action === 'withdraw' || action === 'extend' || action === 'escalate') && (
            <label>
              <span>{t('field.reason')}</span>
              <input required={action === 'extend'} value={field('reason')} onChange={set('reason')} />
            </label>
          )}
          {(action === 'note' || action === 'return_from_department' || action === 'answer') && (
            <label>
              <span>{action === 'note' ? t('field.note') : action === 'answer' ? t('field.summary') : t('field.statement')}</span>
              <textarea autoFocus={action !== 'answer'} required={action === 'note'} rows={4} value={field('text')} onChange={set('text')} />
            </label>
          )}
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t(`action.${action}`)}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

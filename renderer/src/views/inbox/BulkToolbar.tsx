// The inbox's bulk change: shown while rows are selected. One change (priority, category, forward, handler or close)
// for all selected cases in one call; main answers per case, and the summary says what was changed, what already was
// as asked, and which were refused and why.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BulkAction } from '../../../../main/domain/bulk.ts';
import type { Priority } from '../../../../main/domain/model.ts';
import type { BulkResult, Category, Department, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { PRIORITIES } from '../../../../main/vocabulary/cases.ts';

const ACTIONS = ['set_priority', 'set_category', 'forward', 'assign', 'close'] as const;
type Action = (typeof ACTIONS)[number];
/** The value meaning "none" for category and handler (a select value cannot be null). */
const NONE = 'none';

interface Props {
  /** The selected cases, id to reference (the summary names refused cases by their reference). */
  selected: ReadonlyMap<number, string>;
  departments: readonly Department[];
  handlers: readonly UserRecord[];
  onClear: () => void;
  /** After a bulk change went through: the summary to show (the inbox reloads, clears and refocuses). */
  onApplied: (summary: string) => void;
}

/** "12 changed, 2 unchanged, 1 refused: 2027-00012 closed" in the reader's language. */
export function bulkSummary(result: BulkResult, references: ReadonlyMap<number, string>, t: TFunction): string {
  const parts = [t('inbox.bulk.summaryChanged', { count: result.done.length })];
  if (result.unchanged.length) parts.push(t('inbox.bulk.summaryUnchanged', { count: result.unchanged.length }));
  if (!result.failed.length) return parts.join(', ');
  parts.push(t('inbox.bulk.summaryRefused', { count: result.failed.length }));
  const reasons = result.failed.map(({ caseId, code, details }) => {
    const reference = references.get(caseId) ?? `#${caseId}`;
    const from = typeof details?.from === 'string' ? details.from : null;
    if (code === 'invalid_transition' && from) return t('inbox.bulk.refusedStatus', { reference, status: t(`status.${from}`) });
    return t('inbox.bulk.refusedOther', { reference, reason: t(`errors.${code}`, details ?? {}) });
  });
  return `${parts.join(', ')}: ${reasons.join('; ')}`;
}

function changeOf(action: Action, value: string): BulkAction {
  switch (action) {
    case 'set_priority':
      return { action, priority: value as Priority };
    case 'set_category':
      return { action, categoryId: value === NONE ? null : Number(value) };
    case 'forward':
      return { action, departmentId: Number(value) };
    case 'assign':
      return { action, handlerId: value === NONE ? null : Number(value) };
    case 'close':
      return { action };
  }
}

export function BulkToolbar({ selected, departments, handlers, onClear, onApplied }: Props) {
  const { t, i18n } = useTranslation();
  const { run, busy } = useSubmit();
  const [action, setAction] = useState<Action | ''>('');
  const [value, setValue] = useState('');
  const [categories, setCategories] = useState<Category[]>([]);
  const [maxCases, setMaxCases] = useState<number | null>(null);
  const [fieldError, setFieldError] = useState<'action' | 'value' | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Only once something is selected (never in the way of the inbox's first page).
  useEffect(() => {
    call('listCategories').then(setCategories, () => setCategories([]));
    call('appInfo').then((info) => setMaxCases(info.maxBulkCases), () => setMaxCases(null));
  }, []);

  const choices: { value: string; label: string }[] =
    action === 'set_priority'
      ? PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))
      : action === 'set_category'
        ? [{ value: NONE, label: t('inbox.bulk.noCategory') }, ...categories.filter((c) => c.active).map((c) => ({ value: String(c.id), label: c.name }))]
        : action === 'forward'
          ? departments.filter((d) => d.active).map((d) => ({ value: String(d.id), label: d.name }))
          : action === 'assign'
            ? [{ value: NONE, label: t('inbox.bulk.noHandler') }, ...handlers.map((u) => ({ value: String(u.id), label: u.displayName }))]
            : [];
  const tooMany = maxCases !== null && selected.size > maxCases;

  async function apply(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!action) return setFieldError('action');
    if (action !== 'close' && !value) return setFieldError('value');
    setFieldError(null);
    if (tooMany) return;
    const references = new Map(selected);
    try {
      const result = await run((send) => send('bulkUpdateCases', { caseIds: [...references.keys()], change: changeOf(action, value) }));
      if (result) onApplied(bulkSummary(result, references, t));
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <form className="bulk-toolbar" aria-label={t('inbox.bulk.label')} noValidate onSubmit={(event) => void apply(event)}>
      <strong className="bulk-count" id="bulk-count">
        {t('inbox.bulk.selected', { count: selected.size, formatted: formatNumber(selected.size, i18n.language) })}
      </strong>
      <div className="filter">
        <label htmlFor="bulk-action">{t('inbox.bulk.action')}</label>
        <select
          id="bulk-action"
          value={action}
          aria-invalid={fieldError === 'action' || undefined}
          aria-describedby={fieldError === 'action' ? 'bulk-action-error' : undefined}
          onChange={(event) => {
            setAction(event.target.value as Action | '');
            setValue('');
            setFieldError(null);
          }}
        >
          <option value="">{t('inbox.bulk.chooseAction')}</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`inbox.bulk.actions.${a}`)}
            </option>
          ))}
        </select>
        {fieldError === 'action' && (
          <span className="error" id="bulk-action-error">
            {t('inbox.bulk.actionRequired')}
          </span>
        )}
      </div>
      {action && action !== 'close' && (
        <div className="filter">
          <label htmlFor="bulk-value">{t('inbox.bulk.value')}</label>
          <select
            id="bulk-value"
            value={value}
            aria-invalid={fieldError === 'value' || undefined}
            aria-describedby={fieldError === 'value' ? 'bulk-value-error' : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setFieldError(null);
            }}
          >
            <option value="">{t('inbox.bulk.chooseValue')}</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          {fieldError === 'value' && (
            <span className="error" id="bulk-value-error">
              {t('inbox.bulk.valueRequired')}
            </span>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={busy || tooMany} aria-busy={busy} aria-describedby={tooMany ? 'bulk-too-many' : undefined}>
        {t('inbox.bulk.apply')}
      </button>
      <button type="button" onClick={onClear} disabled={busy}>
        {t('inbox.bulk.clear')}
      </button>
      {tooMany && (
        <p className="error" id="bulk-too-many">
          {t('inbox.bulk.tooMany', { max: maxCases, count: selected.size })}
        </p>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}

// Inbox columns: which field each shows and how; sorting happens in main, so a column names its server sort key.
import type { ColumnDef } from '@tanstack/react-table';
import { tableFeatures } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { CaseSummary } from '../../../../main/api/types.ts';
import { formatShortDateTime } from '../../format.ts';
import type { CaseSort } from './filter.ts';
import { deadlineClockRuns } from '../../../../main/vocabulary/cases.ts';

export const inboxFeatures = tableFeatures({});
export type InboxColumn = ColumnDef<typeof inboxFeatures, CaseSummary> & { meta?: { sortKey?: CaseSort['column']; className?: string } };


/** The deadline in words; `short` for the inbox column, whose header already says "working days". */
export function dueLabel(row: CaseSummary, t: TFunction, short = false): { text: string; tone: 'none' | 'ok' | 'soon' | 'overdue' } {
  const key = short ? 'inbox.dueShort' : 'inbox.due';
  if (!deadlineClockRuns(row.status)) return { text: t('inbox.due.none'), tone: 'none' };
  if (row.overdue) return { text: t(`${key}.overdue`, { count: -row.workingDaysLeft }), tone: 'overdue' };
  if (row.workingDaysLeft === 0) return { text: t(`${key}.today`), tone: 'soon' };
  return { text: t(`${key}.left`, { count: row.workingDaysLeft }), tone: row.workingDaysLeft <= 2 ? 'soon' : 'ok' };
}

export function inboxColumns(t: TFunction, language: string): InboxColumn[] {
  return [
    { id: 'reference', header: t('inbox.column.reference'), accessorFn: (row) => row.reference, meta: { sortKey: 'reference', className: 'reference' } },
    { id: 'received', header: t('inbox.column.received'), accessorFn: (row) => formatShortDateTime(row.receivedAt, language), meta: { sortKey: 'receivedAt', className: 'nowrap' } },
    { id: 'kind', header: t('inbox.column.kind'), cell: ({ row }) => <span className={`tag kind-${row.original.kind}`}>{t(`kind.${row.original.kind}`)}</span>, meta: { sortKey: 'kind' } },
    { id: 'channel', header: t('inbox.column.channel'), accessorFn: (row) => t(`channel.${row.channel}`) },
    { id: 'origin', header: t('inbox.column.origin'), accessorFn: (row) => t(`origin.${row.origin}`) },
    { id: 'subject', header: t('inbox.column.subject'), accessorFn: (row) => row.subject, meta: { sortKey: 'subject', className: 'subject' } },
    {
      id: 'submitter',
      header: t('inbox.column.submitter'),
      cell: ({ row }) => (row.original.anonymous ? <span className="muted">{t('inbox.anonymous')}</span> : (row.original.submitterName ?? '')),
    },
    { id: 'department', header: t('inbox.column.department'), accessorFn: (row) => row.departmentName ?? t('inbox.noDepartment') },
    {
      id: 'status',
      header: t('inbox.column.status'),
      cell: ({ row }) => <span className={`status status-${row.original.status}`}>{t(`status.${row.original.status}`)}</span>,
      meta: { sortKey: 'status' },
    },
    {
      id: 'due',
      header: t('inbox.column.dueWorkingDays'),
      cell: ({ row }) => {
        const due = dueLabel(row.original, t, true);
        return <span className={`due due-${due.tone}`}>{due.text}</span>;
      },
      meta: { sortKey: 'responseDue' },
    },
    { id: 'handler', header: t('inbox.column.handler'), accessorFn: (row) => row.handlerName ?? '' },
  ];
}

/**
 * The selection column (office roles, for bulk changes). The checkboxes are out of the Tab order: the grid is one Tab
 * stop and Space selects its focused row; a click works too and does not open the case.
 */
export function SelectBox({ label, checked, onChange }: { label: string; checked: boolean; onChange: () => void }) {
  return <input type="checkbox" tabIndex={-1} aria-label={label} checked={checked} onChange={onChange} />;
}

/** The header's checkbox: all loaded rows selected, some (mixed) or none; a click selects or unselects them all. */
export function SelectAllBox({ label, loaded, selected, onChange }: { label: string; loaded: readonly CaseSummary[]; selected: ReadonlyMap<number, string>; onChange: (on: boolean) => void }) {
  const count = loaded.filter((row) => selected.has(row.id)).length;
  const all = loaded.length > 0 && count === loaded.length;
  return (
    <input
      type="checkbox"
      tabIndex={-1}
      className="select-all"
      aria-label={label}
      checked={all}
      ref={(box) => {
        if (box) box.indeterminate = count > 0 && !all;
      }}
      onChange={() => onChange(!all)}
    />
  );
}

// The inbox: saved views, filters and full-text search run in SQL through the API; rows are virtualised and loaded page by page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { FlexRender, useTable } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, SessionUser, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { inboxColumns, inboxFeatures, type InboxColumn } from './columns.tsx';
import { CHANNELS, KINDS, ORIGINS, STATUSES, type CaseFilter, type CaseSort } from './filter.ts';
import { filterForView, SAVED_VIEWS, type SavedView } from './saved-views.ts';
import { useCaseWindow } from './use-case-window.ts';

const ROW_HEIGHT = 40;

interface Props {
  user: SessionUser;
  onOpenCase: (id: number) => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
  refreshToken: number;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function InboxView({ user, onOpenCase, searchRef, refreshToken }: Props) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<SavedView>(user.role === 'department_head' ? 'all' : 'new');
  const [extra, setExtra] = useState<CaseFilter>({});
  const [text, setText] = useState('');
  const [sort, setSort] = useState<CaseSort>({ column: 'receivedAt', direction: 'desc' });
  const [departments, setDepartments] = useState<Department[]>([]);
  const [handlers, setHandlers] = useState<UserRecord[]>([]);
  const debouncedText = useDebounced(text.trim(), 200);

  useEffect(() => {
    call('listDepartments').then(setDepartments, () => setDepartments([]));
    call('listUsers').then(
      (users) => setHandlers(users.filter((u) => u.active && ['ombudsman', 'deputy', 'admin'].includes(u.role))),
      () => setHandlers([]),
    );
  }, []);

  const filter = useMemo<CaseFilter>(() => {
    const base = filterForView(view, user.id, new Date());
    return { ...base, ...extra, ...(debouncedText ? { text: debouncedText } : {}) };
  }, [view, extra, debouncedText, user.id]);

  const rows = useCaseWindow(filter, sort);
  const { reload } = rows;
  const firstRefresh = useRef(refreshToken);
  useEffect(() => {
    if (refreshToken !== firstRefresh.current) reload();
  }, [refreshToken, reload]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows.total) rows.ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, rows, rows.total]);

  const columns = useMemo(() => inboxColumns(t, i18n.language), [t, i18n.language]);
  const windowRows = items.map((item) => rows.rowAt(item.index)).filter((row) => row !== undefined);
  const table = useTable({ features: inboxFeatures, columns, data: windowRows, getRowId: (row) => String(row.id) });

  function toggleSort(key: CaseSort['column']) {
    setSort((current) => ({ column: key, direction: current.column === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, id: number) {
    const move = (to: number) => {
      event.preventDefault();
      const target = Math.max(0, Math.min((rows.total ?? 1) - 1, to));
      virtualizer.scrollToIndex(target);
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`)?.focus());
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'PageDown') move(index + 15);
    else if (event.key === 'PageUp') move(index - 15);
    else if (event.key === 'Home' && event.ctrlKey) move(0);
    else if (event.key === 'Enter') {
      event.preventDefault();
      onOpenCase(id);
    }
  }

  const setFilter = <K extends keyof CaseFilter>(key: K, value: CaseFilter[K] | undefined) =>
    setExtra((current) => {
      const next = { ...current };
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
      else next[key] = value;
      return next;
    });

  const select = (label: string, id: string, value: string, options: { value: string; label: string }[], onChange: (value: string) => void) => (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('inbox.filter.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  const headerGroup = table.getHeaderGroups()[0]!;
  const rowModel = table.getRowModel().rows;
  const byId = new Map(rowModel.map((row) => [row.original.id, row]));
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="toolbar">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        {rows.total !== null && (
          <span className="count" aria-live="polite">
            {t('inbox.count', { count: rows.total, formatted: formatNumber(rows.total, i18n.language) })}
          </span>
        )}
        <span className="spacer" />
        <label className="search" htmlFor="inbox-search">
          <span className="visually-hidden">{t('inbox.search')}</span>
          <input
            id="inbox-search"
            ref={searchRef}
            type="search"
            placeholder={t('inbox.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="button" onClick={rows.reload}>
          {t('inbox.refresh')}
        </button>
      </div>
      <div className="views" role="group" aria-label={t('inbox.views.label')}>
        {SAVED_VIEWS.map((name) => (
          <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)}>
            {t(`inbox.views.${name}`)}
          </button>
        ))}
      </div>
      <div className="filters">
        {select(t('inbox.column.status'), 'filter-status', extra.statuses?.[0] ?? '', STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), (v) =>
          setFilter('statuses', v ? [v as (typeof STATUSES)[number]] : undefined),
        )}
        {select(t('inbox.column.kind'), 'filter-kind', extra.kinds?.[0] ?? '', KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })), (v) =>
          setFilter('kinds', v ? [v as (typeof KINDS)[number]] : undefined),
        )}
        {select(t('inbox.column.channel'), 'filter-channel', extra.channels?.[0] ?? '', CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })), (v) =>
          setFilter('channels', v ? [v as (typeof CHANNELS)[number]] : undefined),
        )}
        {select(t('inbox.column.origin'), 'filter-origin', extra.origins?.[0] ?? '', ORIGINS.map((o) => ({ value: o, label: t(`origin.${o}`) })), (v) =>
          setFilter('origins', v ? [v as (typeof ORIGINS)[number]] : undefined),
        )}
        {select(t('inbox.column.department'), 'filter-department', String(extra.departmentIds?.[0] ?? ''), departments.map((d) => ({ value: String(d.id), label: d.name })), (v) =>
          setFilter('departmentIds', v ? [Number(v)] : undefined),
        )}
        {handlers.length > 0 &&
          select(t('inbox.column.handler'), 'filter-handler', String(extra.handlerId ?? ''), handlers.map((u) => ({ value: String(u.id), label: u.displayName })), (v) =>
            setFilter('handlerId', v ? Number(v) : undefined),
          )}
        <label className="filter checkbox" htmlFor="filter-overdue">
          <input id="filter-overdue" type="checkbox" checked={extra.overdue === true} onChange={(event) => setFilter('overdue', event.target.checked ? true : undefined)} />
          <span>{t('inbox.filter.overdueOnly')}</span>
        </label>
      </div>
      <ErrorMessage error={rows.error} />
      {rows.total === 0 && <p className="empty">{debouncedText || Object.keys(extra).length ? t('inbox.noMatch') : t('inbox.empty')}</p>}
      <div className="table-wrap virtual" ref={scrollRef} hidden={!rows.total}>
        <table className="cases" aria-rowcount={(rows.total ?? 0) + 1}>
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <thead>
            <tr aria-rowindex={1}>
              {headerGroup.headers.map((header) => {
                const meta = (header.column.columnDef as InboxColumn).meta;
                const sortKey = meta?.sortKey;
                const sorted = sortKey && sort.column === sortKey ? sort.direction : null;
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {sortKey ? (
                      <button type="button" className="sort" onClick={() => toggleSort(sortKey)}>
                        <FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={columns.length} style={{ height: paddingTop }} />
              </tr>
            )}
            {items.map((item) => {
              const summary = rows.rowAt(item.index);
              const row = summary ? byId.get(summary.id) : undefined;
              if (!summary || !row) {
                return (
                  <tr key={`loading-${item.index}`} data-index={item.index} className="loading-row" aria-rowindex={item.index + 2}>
                    <td colSpan={columns.length}>{t('app.loading')}</td>
                  </tr>
                );
              }
              return (
                <tr
                  key={summary.id}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  tabIndex={0}
                  className={summary.overdue ? 'row overdue-row' : 'row'}
                  onClick={() => onOpenCase(summary.id)}
                  onKeyDown={(event) => onRowKey(event, item.index, summary.id)}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={(cell.column.columnDef as InboxColumn).meta?.className} title={typeof cell.getValue() === 'string' ? (cell.getValue() as string) : undefined}>
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={columns.length} style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

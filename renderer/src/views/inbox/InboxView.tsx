// The inbox: saved views, filters and full-text search run in SQL through the API; rows are virtualised and loaded page by page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { FlexRender, useTable } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, SearchHit, SessionUser, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { can } from '../../can.ts';
import { formatNumber } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { TableExportButtons } from '../TableExport.tsx';
import { useJob } from '../../use-job.ts';
import { BulkToolbar } from './BulkToolbar.tsx';
import { inboxColumns, inboxFeatures, SelectAllBox, SelectBox, type InboxColumn } from './columns.tsx';
import { CHANNELS, KINDS, ORIGINS, STATUSES, type CaseFilter, type CaseSort } from './filter.ts';
import type { InboxMemory } from './inbox-memory.ts';
import { filterForView, SAVED_VIEWS, type SavedView } from './saved-views.ts';
import { useCaseWindow } from './use-case-window.ts';
import { isOfficeRole } from '../../../../main/vocabulary/people.ts';

const ROW_HEIGHT = 40;

/**
 * What a typed reference means: "2026-918" or "2026-00918" is that reference; a number alone ("00918", "918") is this
 * year's. Anything else is no reference.
 */
export function referenceOf(query: string, year: number): string | null {
  const text = query.trim();
  const full = /^(\d{4})\s*[-/]\s*(\d{1,7})$/.exec(text);
  if (full) return `${full[1]}-${full[2]!.padStart(5, '0')}`;
  const number = /^\d{1,7}$/.exec(text);
  return number && Number(text) > 0 ? `${year}-${text.padStart(5, '0')}` : null;
}

interface Props {
  user: SessionUser;
  onOpenCase: (id: number) => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
  refreshToken: number;
  /** Opened from a start-screen figure: its filter (on the "All" view) and the figure's name, until cleared. */
  initialFilter?: { filter: CaseFilter; label: string } | undefined;
  /** Keeps view, filters, sort, search, scroll position and row while a case is open (the workbench holds it). */
  memory?: InboxMemory | undefined;
  memoryKey?: number | undefined;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function InboxView({ user, onOpenCase, searchRef, refreshToken, initialFilter, memory, memoryKey = 0 }: Props) {
  const { t, i18n } = useTranslation();
  // Back from a case: the inbox as it was left.
  const [saved] = useState(() => memory?.read(memoryKey) ?? null);
  const [view, setView] = useState<SavedView>(saved?.view ?? (initialFilter ? 'all' : user.role === 'department_head' ? 'all' : 'new'));
  const [extra, setExtra] = useState<CaseFilter>(saved?.extra ?? initialFilter?.filter ?? {});
  const [fromStart, setFromStart] = useState(initialFilter?.label ?? null);
  const [text, setText] = useState(saved?.text ?? '');
  const [sort, setSort] = useState<CaseSort>(saved?.sort ?? { column: 'receivedAt', direction: 'desc' });
  // The row that is the list's one Tab stop (roving tabindex), by its position in the whole list.
  const [active, setActive] = useState(saved?.activeIndex ?? 0);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [handlers, setHandlers] = useState<UserRecord[]>([]);
  const debouncedText = useDebounced(text.trim(), 200);
  // Bulk selection (office roles only): case id -> reference, kept while scrolling, cleared when the filter changes.
  const canBulk = can(user, 'bulkUpdateCases');
  const [selected, setSelected] = useState<ReadonlyMap<number, string>>(() => new Map());
  const anchor = useRef<number | null>(null);
  const [bulkSummary, setBulkSummary] = useState<string | null>(null);
  const refocusAfterReload = useRef(false);

  const filter = useMemo<CaseFilter>(() => {
    const base = filterForView(view, user.id, new Date());
    return { ...base, ...extra, ...(debouncedText ? { text: debouncedText } : {}) };
  }, [view, extra, debouncedText, user.id]);

  const rows = useCaseWindow(filter, sort);
  const exportJob = useJob();
  const { reload, ensureRange, rowAt, total } = rows;
  // The filters' choices after the first page's listCases (this effect runs after the case window's): main answers in
  // the order it is asked, and the rows come first.
  useEffect(() => {
    call('listDepartments').then(setDepartments, () => setDepartments([]));
    call('listUsers').then(
      (users) => setHandlers(users.filter((u) => u.active && isOfficeRole(u.role))),
      () => setHandlers([]),
    );
  }, []);
  // Another filter or view: another list, so the selection (and the last summary) go.
  const firstFilter = useRef(filter);
  useEffect(() => {
    if (firstFilter.current === filter) return;
    firstFilter.current = filter;
    setSelected(new Map());
    setBulkSummary(null);
    anchor.current = null;
  }, [filter]);
  // Reload once per new refresh token (a case saved or changed elsewhere), never again for the same one.
  const seenRefresh = useRef(refreshToken);
  useEffect(() => {
    if (refreshToken === seenRefresh.current) return;
    seenRefresh.current = refreshToken;
    reload();
  }, [refreshToken, reload]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const scrollTop = useRef(saved?.scrollTop ?? 0);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: saved?.scrollTop ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total) ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, ensureRange, total]);

  const activeIndex = total === null ? active : Math.max(0, Math.min(active, total - 1));
  const activeId = rowAt(activeIndex)?.id ?? saved?.activeId ?? null;
  useEffect(() => {
    memory?.save(memoryKey, { view, extra, text, sort, scrollTop: scrollTop.current, activeIndex, activeId });
  });

  // A new filter or sort starts at the top of the list (but not the first one, which may be the restored one).
  const firstQuery = useRef(true);
  useEffect(() => {
    if (firstQuery.current) {
      firstQuery.current = false;
      return;
    }
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filter, sort]);

  // Coming back: the scroll position once the rows' height is known, then the focus on the row (or the search box).
  const restoreScroll = useRef<number | null>(saved ? saved.scrollTop : null);
  useEffect(() => {
    if (restoreScroll.current === null || !total || !scrollRef.current) return;
    scrollRef.current.scrollTop = restoreScroll.current;
    restoreScroll.current = null;
  }, [total]);
  const restoreFocus = useRef<'row' | 'search' | null | undefined>(undefined);
  useEffect(() => {
    if (restoreFocus.current === undefined) restoreFocus.current = memory?.takeRestoreFocus() ?? null;
    if (restoreFocus.current === 'search') {
      restoreFocus.current = null;
      searchRef.current?.focus();
      return;
    }
    if (restoreFocus.current !== 'row' || total === null) return;
    if (total === 0) {
      restoreFocus.current = null;
      return;
    }
    // The case the user came from, where it is now among the loaded rows; else the same position.
    let target = activeIndex;
    if (saved?.activeId != null && rowAt(activeIndex)?.id !== saved.activeId) {
      const found = items.find((item) => rowAt(item.index)?.id === saved.activeId);
      if (found) target = found.index;
    }
    if (!rowAt(target)) return; // not loaded yet: the next render comes when it is
    const element = scrollRef.current?.querySelector<HTMLElement>(`tbody tr[data-index="${target}"]`);
    if (element) {
      restoreFocus.current = null;
      element.focus({ preventScroll: true }); // where it was: the restored scroll position stays (onFocus makes it active)
      return;
    }
    // Not rendered: if the restored scroll position shows it, the virtual list catches up on its next render.
    const wrap = scrollRef.current;
    if (wrap && target * ROW_HEIGHT >= wrap.scrollTop - ROW_HEIGHT && target * ROW_HEIGHT <= wrap.scrollTop + wrap.clientHeight) return;
    restoreFocus.current = null;
    focusRow(target);
  });

  // Moving the focus to a row: scrolled into the window first, focused once it is rendered (it may be still loading).
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`tbody tr[data-index="${index}"]`);
    if (!element) return;
    pendingFocus.current = null;
    if (document.activeElement !== element) element.focus();
  });
  // A focused row whose element React replaces (seen now and then as a selection re-renders the rows: the table's row
  // model a render behind shows the row as loading for a moment) would drop the focus to the page; it goes to the row's
  // new element instead. A click elsewhere leaves the old element in place, so it is not taken back.
  const tbodyRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const body = tbodyRef.current;
    if (!body) return;
    const onFocusOut = (event: FocusEvent) => {
      const row = event.target as HTMLElement;
      if (event.relatedTarget || !row.matches('tr[data-index]')) return;
      const index = row.getAttribute('data-index');
      setTimeout(() => {
        if (row.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
        body.querySelector<HTMLElement>(`tr[data-index="${index}"]`)?.focus({ preventScroll: true });
      }, 0);
    };
    body.addEventListener('focusout', onFocusOut);
    return () => body.removeEventListener('focusout', onFocusOut);
  }, []);

  function focusRow(index: number) {
    if (!total) return;
    const target = Math.max(0, Math.min(total - 1, index));
    pendingFocus.current = target;
    setActive(target);
    const element = scrollRef.current?.querySelector<HTMLElement>(`tbody tr[data-index="${target}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus();
    } else virtualizer.scrollToIndex(target);
  }

  /** Opens the case a row shows; `shownId` is the case the row displayed when it was clicked (the list may have reloaded since). */
  function openFromRow(index: number, shownId?: number) {
    const current = rowAt(index);
    const summary = shownId === undefined || current?.id === shownId ? current : undefined;
    if (!summary) {
      if (shownId !== undefined) onOpenCase(shownId);
      return;
    }
    setActive(index);
    memory?.save(memoryKey, { view, extra, text, sort, scrollTop: scrollTop.current, activeIndex: index, activeId: summary.id });
    memory?.leaveForCase('row');
    onOpenCase(summary.id);
  }

  /** Enter in the search box: a reference (or this year's number) opens its case directly. */
  async function openTypedReference() {
    const query = text.trim();
    if (!query) return;
    const wanted = referenceOf(query, new Date().getFullYear());
    const hits: SearchHit[] = await call('searchCases', { query, limit: 10 }).catch(() => []);
    const byReference = hits.filter((hit) => hit.matchedBy === 'reference');
    let id = byReference.length === 1 ? byReference[0]!.id : hits.find((hit) => wanted !== null && hit.reference === wanted)?.id;
    if (id === undefined && wanted !== null) {
      const exact = await call('listCases', { filter: { reference: wanted }, limit: 1 }).catch(() => null);
      id = exact?.rows[0]?.id;
    }
    if (id === undefined) return;
    memory?.leaveForCase('search');
    onOpenCase(id);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && total) {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void openTypedReference();
    }
  }

  const columns = useMemo(() => inboxColumns(t, i18n.language), [t, i18n.language]);
  const windowRows = items.map((item) => rows.rowAt(item.index)).filter((row) => row !== undefined);
  const table = useTable({ features: inboxFeatures, columns, data: windowRows, getRowId: (row) => String(row.id) });

  function toggleSort(key: CaseSort['column']) {
    setSort((current) => ({ column: key, direction: current.column === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  }

  /** The grid's keys: ↑ ↓ PageUp PageDown Home End move between rows, Enter opens; ↑ from the first row reaches the sort buttons. */
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const move = (to: number) => {
      event.preventDefault();
      focusRow(to);
    };
    if (canBulk && handleSelectionKey(event, index)) return;
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp' && index === 0) {
      event.preventDefault();
      sortButtons()[0]?.focus();
    } else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'PageDown') move(index + page);
    else if (event.key === 'PageUp') move(index - page);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move((total ?? 1) - 1);
    else if (event.key === 'Enter') {
      event.preventDefault();
      openFromRow(index);
    }
  }

  /** Selection keys in the grid: Space toggles, Shift+Space / Shift+↑↓ extend from the anchor, Ctrl+A selects the loaded rows. */
  function handleSelectionKey(event: KeyboardEvent<HTMLTableRowElement>, index: number): boolean {
    // The toolbar appearing above the grid re-renders the rows; the focus stays on the row (the pending-focus effect
    // puts it back should the row's element have been replaced).
    const keep = (at: number) => {
      event.preventDefault();
      pendingFocus.current = at;
      return true;
    };
    if (event.key === ' ' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      toggleRow(index);
      return keep(index);
    }
    if (event.key === ' ' && event.shiftKey) {
      selectRange(anchor.current ?? index, index);
      return keep(index);
    }
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const to = Math.max(0, Math.min((total ?? 1) - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
      selectRange(anchor.current ?? index, to);
      focusRow(to);
      return keep(to);
    }
    if ((event.ctrlKey || event.metaKey) && (event.key === 'a' || event.key === 'A')) {
      selectAllLoaded(true);
      return keep(index);
    }
    return false;
  }

  function toggleRow(index: number) {
    const summary = rowAt(index);
    if (!summary) return;
    anchor.current = index;
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(summary.id)) next.delete(summary.id);
      else next.set(summary.id, summary.reference);
      return next;
    });
  }

  /** Adds the loaded rows from..to (either order) to the selection; the anchor stays. */
  function selectRange(from: number, to: number) {
    anchor.current = from;
    setSelected((current) => {
      const next = new Map(current);
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const summary = rowAt(i);
        if (summary) next.set(summary.id, summary.reference);
      }
      return next;
    });
  }

  function selectAllLoaded(on: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const summary of rows.loadedRows()) {
        if (on) next.set(summary.id, summary.reference);
        else next.delete(summary.id);
      }
      return next;
    });
  }

  // After a bulk change: back on the grid once the reloaded rows are there (the row focused before may be gone).
  useEffect(() => {
    if (!refocusAfterReload.current || !total || !rowAt(Math.min(activeIndex, total - 1))) return;
    refocusAfterReload.current = false;
    focusRow(activeIndex);
  });

  function onBulkApplied(summary: string) {
    setBulkSummary(summary);
    setSelected(new Map());
    anchor.current = null;
    focusRow(activeIndex); // off the toolbar before it goes
    refocusAfterReload.current = true;
    reload();
  }

  const sortButtons = () => [...(scrollRef.current?.querySelectorAll<HTMLButtonElement>('thead button.sort') ?? [])];
  /** In the header row: ← → between the sort buttons, ↓ back to the rows (Enter or Space sorts). */
  function onHeaderKey(event: KeyboardEvent<HTMLTableSectionElement>) {
    const buttons = sortButtons();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(activeIndex);
    }
  }

  /** The saved views are one Tab stop: ← → Home End move between them, ↓ moves into the list. */
  function onViewKey(event: KeyboardEvent<HTMLButtonElement>, at: number) {
    const buttons = [...(event.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const go = (to: number) => {
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length]?.focus();
    };
    if (event.key === 'ArrowRight') go(at + 1);
    else if (event.key === 'ArrowLeft') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(buttons.length - 1);
    else if (event.key === 'ArrowDown' && total) {
      event.preventDefault();
      focusRow(0);
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
  const columnCount = columns.length + (canBulk ? 1 : 0);
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
            onKeyDown={onSearchKey}
            aria-keyshortcuts="/"
          />
        </label>
        <button type="button" onClick={rows.reload}>
          {t('inbox.refresh')}
        </button>
      </div>
      {fromStart && (
        <p className="start-filter">
          <span className="tag new-tag">{t('start.inboxFilter', { label: fromStart })}</span>
          <button type="button" onClick={() => {
              setExtra({});
              setFromStart(null);
            }}>
            {t('start.clearFilter')}
          </button>
        </p>
      )}
      <div className="views" role="toolbar" aria-label={t('inbox.views.label')}>
        {SAVED_VIEWS.map((name, at) => (
          <button key={name} type="button" aria-pressed={view === name} tabIndex={view === name ? 0 : -1} onClick={() => setView(name)} onKeyDown={(event) => onViewKey(event, at)}>
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
      {canBulk && selected.size > 0 && (
        <BulkToolbar selected={selected} departments={departments} handlers={handlers} onClear={() => {
            setSelected(new Map());
            anchor.current = null;
            focusRow(activeIndex);
          }} onApplied={onBulkApplied} />
      )}
      {bulkSummary && (
        <p className="bulk-summary" role="status">
          {bulkSummary}
        </p>
      )}
      <ErrorMessage error={rows.error} />
      {rows.total === 0 && <p className="empty">{debouncedText || Object.keys(extra).length ? t('inbox.noMatch') : t('inbox.empty')}</p>}
      <div
        className="table-wrap virtual"
        ref={scrollRef}
        hidden={!rows.total}
        onScroll={(event) => {
          scrollTop.current = event.currentTarget.scrollTop;
        }}
      >
        <table className="cases" role="grid" aria-readonly="true" aria-multiselectable={canBulk || undefined} aria-rowcount={(rows.total ?? 0) + 1} aria-describedby="inbox-grid-keys">
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <thead onKeyDown={onHeaderKey}>
            <tr aria-rowindex={1}>
              {canBulk && (
                <th scope="col" className="select-cell">
                  <SelectAllBox label={t('inbox.bulk.selectAll')} loaded={rows.loadedRows()} selected={selected} onChange={selectAllLoaded} />
                </th>
              )}
              {headerGroup.headers.map((header) => {
                const meta = (header.column.columnDef as InboxColumn).meta;
                const sortKey = meta?.sortKey;
                const sorted = sortKey && sort.column === sortKey ? sort.direction : null;
                return (
                  <th key={header.id} scope="col" className={`col-${header.column.id}`} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {sortKey ? (
                      <button type="button" className="sort" tabIndex={-1} onClick={() => toggleSort(sortKey)}>
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
          <tbody ref={tbodyRef}>
            {paddingTop > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={columnCount} style={{ height: paddingTop }} />
              </tr>
            )}
            {items.map((item) => {
              const summary = rows.rowAt(item.index);
              const row = summary ? byId.get(summary.id) : undefined;
              // One Tab stop: the active row, or the first one shown when the active row is scrolled away.
              const tabStop = item.index === (items.some((i) => i.index === activeIndex) ? activeIndex : items[0]?.index);
              // Rows are keyed by position, so a row keeps its element (and the focus) while its case loads.
              const common = {
                'data-index': item.index,
                'aria-rowindex': item.index + 2,
                tabIndex: tabStop ? 0 : -1,
                onFocus: () => {
                  if (item.index !== active) setActive(item.index);
                },
                onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => onRowKey(event, item.index),
              };
              if (!summary) {
                return (
                  <tr key={item.index} {...common} className="loading-row">
                    <td colSpan={columnCount}>{t('app.loading')}</td>
                  </tr>
                );
              }
              return (
                <tr
                  // Keyed by the case, so a row element is never reused for another case while the list reloads.
                  key={`case-${summary.id}`}
                  {...common}
                  className={summary.overdue ? 'row overdue-row' : 'row'}
                  aria-selected={canBulk ? selected.has(summary.id) : undefined}
                  onClick={() => openFromRow(item.index, summary.id)}
                >
                  {canBulk && (
                    <td className="select-cell" onClick={(event) => event.stopPropagation()}>
                      <SelectBox label={t('inbox.bulk.selectRow', { reference: summary.reference })} checked={selected.has(summary.id)} onChange={() => toggleRow(item.index)} />
                    </td>
                  )}
                  {/* The table's row model may be a render behind the loaded rows: the row keeps its element (and the focus) meanwhile. */}
                  {row ? (
                    row.getAllCells().map((cell) => (
                      <td key={cell.id} className={(cell.column.columnDef as InboxColumn).meta?.className} title={typeof cell.getValue() === 'string' ? (cell.getValue() as string) : undefined}>
                        <FlexRender cell={cell} />
                      </td>
                    ))
                  ) : (
                    <td colSpan={columns.length}>{t('app.loading')}</td>
                  )}
                </tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={columnCount} style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {/* Below the list, so the way from the search box to the rows stays as short as it was (search, refresh, views,
          filters, rows): exactly this view, its filter (view, filters, search) and sort; main applies a department
          head's scope. */}
      <div className="table-export-bar">
        <TableExportButtons job={exportJob} query={{ table: 'cases', filter, sort }} disabled={!rows.total} />
        <JobProgress job={exportJob} />
      </div>
      <p className="visually-hidden" id="inbox-grid-keys">
        {t(canBulk ? 'inbox.gridKeysBulk' : 'inbox.gridKeys')}
      </p>
    </section>
  );
}

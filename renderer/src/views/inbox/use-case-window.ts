// Loads the inbox in pages of 100 as the virtual list scrolls; main sorts and filters, the window holds only what it showed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import type { CaseFilter, CaseSort } from './filter.ts';

export const PAGE_SIZE = 100;
/** Pages kept in memory; older ones are dropped and reloaded when scrolled back to. */
const MAX_PAGES = 20;

export interface CaseWindow {
  total: number | null;
  rowAt(index: number): CaseSummary | undefined;
  /** Every row loaded now, in list order (what "select all" can select). */
  loadedRows(): CaseSummary[];
  ensureRange(first: number, last: number): void;
  error: unknown;
  reload(): void;
  version: number;
}

export function useCaseWindow(filter: CaseFilter, sort: CaseSort): CaseWindow {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [generation, setGeneration] = useState(0);
  const pages = useRef(new Map<number, CaseSummary[]>());
  const loading = useRef(new Set<number>());
  const query = useRef({ filter, sort, generation });

  const loadPage = useCallback((page: number) => {
    if (pages.current.has(page) || loading.current.has(page)) return;
    loading.current.add(page);
    const asked = query.current;
    call('listCases', { filter: asked.filter, sort: asked.sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE }).then(
      (result) => {
        loading.current.delete(page);
        if (query.current !== asked) return;
        pages.current.set(page, result.rows);
        if (pages.current.size > MAX_PAGES) pages.current.delete(pages.current.keys().next().value!);
        setTotal(result.total);
        setError(null);
        setVersion((v) => v + 1);
      },
      (failure: unknown) => {
        loading.current.delete(page);
        if (query.current === asked) setError(failure);
      },
    );
  }, []);

  useEffect(() => {
    query.current = { filter, sort, generation };
    pages.current = new Map();
    loading.current = new Set();
    loadPage(0);
  }, [filter, sort, generation, loadPage]);

  // Stable functions: callers put them in effect dependencies (a new reload each render reloaded on every render, for ever).
  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
  const loadedRows = useCallback(() => [...pages.current.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows), []);
  const ensureRange = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) loadPage(page);
    },
    [loadPage],
  );
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { total, error, version, rowAt, loadedRows, ensureRange, reload };
}

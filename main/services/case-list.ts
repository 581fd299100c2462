// The inbox query and full-text search: filtering, sorting and paging happen in SQL, never in the window.
import { jsonText } from '../db/dialect.ts';
import { sql, type Compilable, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import type { CaseStatus } from '../domain/model.ts';
import type { CaseCount, CaseListResult } from '../types/cases.ts';
import type { Schema } from '../db/schema.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import { exactSearch, fuzzySearch, searchCondition, type TextSearch } from './case-search.ts';
import type { ServiceContext } from './context.ts';
import { runCompiled } from '../db/handles.ts';
import { search } from '../db/search.ts';
import { todayOf, toSummary, type SummaryRow } from './cases.ts';
import type { CaseListFilter } from '../types/cases.ts';

export type CaseFilter = CaseListFilter;

export interface CaseListQuery {
  filter: CaseFilter;
  sort: { column: 'reference' | 'receivedAt' | 'responseDue' | 'status' | 'kind' | 'subject' | 'priority'; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  reference: 'c.id',
  receivedAt: 'c.received_at',
  responseDue: 'c.response_due',
  status: 'c.status',
  kind: 'c.kind',
  subject: 'c.subject',
  priority: 'c.priority',
} as const;

const RUNNING_STATUSES: CaseStatus[] = ['new', 'open', 'forwarded'];

// Search lives in case-search.ts; these are its entry points as they have always been imported.
export { searchCases, searchQuery, toExpandedFtsQuery, toFtsQuery } from './case-search.ts';

/**
 * Cases whose statement came back after `since`; spelled exactly like the partial index case_events_workflow
 * (migration 0010) so the planner uses it.
 */
export function returnedCaseIds(since: string) {
  return sql<number>`(SELECT case_id FROM case_events WHERE type = 'status_changed' AND ${jsonText('data', 'action')} = 'return_from_department' AND at > ${since})`;
}

type CaseQuery = SelectQueryBuilder<Schema & { c: Schema['cases'] }, 'c', object>;

/**
 * Kind, channel and origin have only a handful of values each. For a page of 100 rows it is far cheaper to walk the
 * sort column's index and skip non-matching rows than to collect thousands of matches and sort them; the engine's
 * planner hint (SQLite: a unary `+`, https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_)
 * keeps it from choosing those columns' index.
 */
function broadColumn(column: 'kind' | 'channel' | 'origin', forPage: boolean) {
  return forPage ? search.withoutIndex(`c.${column}`) : sql.ref<string>(`c.${column}`);
}

function applyFilter(query: CaseQuery, actor: Actor, filter: CaseFilter, today: string, forPage = false, search?: TextSearch): CaseQuery {
  let q = query;
  const scope = departmentScope(actor);
  if (scope) q = q.where('c.department_id', 'in', scopeList(scope));
  if (filter.statuses?.length) q = q.where('c.status', 'in', filter.statuses);
  if (filter.kinds?.length) q = q.where(broadColumn('kind', forPage), 'in', filter.kinds);
  if (filter.channels?.length) q = q.where(broadColumn('channel', forPage), 'in', filter.channels);
  if (filter.origins?.length) q = q.where(broadColumn('origin', forPage), 'in', filter.origins);
  if (filter.departmentIds?.length) q = q.where('c.department_id', 'in', filter.departmentIds);
  if (filter.handlerId !== undefined) q = q.where('c.handler_id', '=', filter.handlerId);
  if (filter.reference) q = q.where('c.reference', '=', filter.reference.trim());
  if (filter.overdue === true) q = q.where('c.status', 'in', RUNNING_STATUSES).where('c.response_due', '<', today);
  if (filter.overdue === false) {
    q = q.where((eb) => eb.or([eb('c.status', 'not in', RUNNING_STATUSES), eb('c.response_due', '>=', today)]));
  }
  if (filter.dueBefore) q = q.where('c.status', 'in', RUNNING_STATUSES).where('c.response_due', '<=', filter.dueBefore);
  if (filter.dueOn) q = q.where('c.status', 'in', RUNNING_STATUSES).where('c.response_due', '=', filter.dueOn);
  if (filter.returnedSince) q = q.where('c.id', 'in', returnedCaseIds(filter.returnedSince));
  if (filter.receivedFrom) q = q.where('c.received_on', '>=', filter.receivedFrom);
  if (filter.receivedTo) q = q.where('c.received_on', '<=', filter.receivedTo);
  // The text: by reference, contact or words (exactSearch), or with typos when listCases found nothing that way.
  if (filter.text) q = q.where(searchCondition(search ?? exactSearch(filter.text)));
  return q;
}

/**
 * Whether the filter's total can be read from case_counts (migration 0012) instead of counting matches: only status,
 * kind and department (and a department head's scope) narrow it.
 */
function countedByTable(filter: CaseFilter, search?: TextSearch): boolean {
  return (
    !search &&
    !filter.channels?.length &&
    !filter.origins?.length &&
    filter.handlerId === undefined &&
    filter.overdue === undefined &&
    !filter.dueBefore &&
    !filter.dueOn &&
    !filter.returnedSince &&
    !filter.receivedFrom &&
    !filter.receivedTo &&
    !filter.text &&
    !filter.reference
  );
}

/** The total of a filter over status, kind and department, summed from case_counts (a few dozen rows at most). */
function tableCount(ctx: ServiceContext, actor: Actor, filter: CaseFilter) {
  let q = ctx.read.selectFrom('case_counts as k').select(sql<number>`coalesce(sum(k.n), 0)`.as('n'));
  const scope = departmentScope(actor);
  if (scope) q = q.where('k.department_id', 'in', scopeList(scope));
  if (filter.statuses?.length) q = q.where('k.status', 'in', filter.statuses);
  if (filter.kinds?.length) q = q.where('k.kind', 'in', filter.kinds);
  if (filter.departmentIds?.length) q = q.where('k.department_id', 'in', filter.departmentIds);
  return q;
}

/** A total: counted over cases, or summed from case_counts. */
type CountQuery = Compilable<{ n: number }> & { executeTakeFirst(): Promise<{ n: number } | undefined> };

/** The statements behind an inbox page: its total, and the page (its ids in a subquery, exported for plan tests; so the benchmark can run the very same SQL raw). */
export function caseListQueries(ctx: ServiceContext, actor: Actor, query: CaseListQuery, today: string, search?: TextSearch) {
  const count: CountQuery = countedByTable(query.filter, search)
    ? tableCount(ctx, actor, query.filter)
    : applyFilter(ctx.read.selectFrom('cases as c') as CaseQuery, actor, query.filter, today, false, search).select((eb) => eb.fn.countAll<number>().as('n'));
  // The page's ids first, from an index alone where one covers the filter and the sort (the broad views: open statuses
  // across all departments by due date sort some 11,000 index entries instead of reading 11,000 table rows); then the
  // 100 rows themselves.
  const ids = applyFilter(ctx.read.selectFrom('cases as c') as CaseQuery, actor, query.filter, today, true, search)
    .select('c.id')
    .orderBy(SORT_COLUMNS[query.sort.column], query.sort.direction)
    .orderBy('c.id', query.sort.direction)
    .limit(query.limit)
    .offset(query.offset);
  const page = (ctx.read.selectFrom('cases as c') as CaseQuery)
      .where('c.id', 'in', ids)
      .leftJoin('departments as d', 'd.id', 'c.department_id')
      .leftJoin('users as h', 'h.id', 'c.handler_id')
      .select([
        'c.id',
        'c.reference',
        'c.received_at',
        'c.kind',
        'c.channel',
        'c.origin',
        'c.subject',
        'c.submitter_name',
        'c.submitter_anonymous',
        'c.department_id',
        'd.name as department_name',
        'c.status',
        'c.stage',
        'c.priority',
        'c.handler_id',
        'h.display_name as handler_name',
        'c.response_due',
      ])
      .orderBy(SORT_COLUMNS[query.sort.column], query.sort.direction)
      .orderBy('c.id', query.sort.direction);
  return { count, ids, page };
}

type CompiledList = { count: CompiledQuery<{ n: number }>; page: CompiledQuery<SummaryRow> };

// The window asks for the same few views over and over (refresh, paging back): reuse their compiled SQL.
const compiledLists = new Map<string, CompiledList>();
const COMPILED_LIST_CACHE_SIZE = 64;

function compiledList(ctx: ServiceContext, actor: Actor, query: CaseListQuery, today: string, search?: TextSearch): CompiledList {
  // The typo-tolerant search depends on the index's words, so the key holds the search as resolved, not only the text.
  const key = JSON.stringify([departmentScope(actor), query, today, search ?? null]);
  let compiled = compiledLists.get(key);
  if (!compiled) {
    const { count, page } = caseListQueries(ctx, actor, query, today, search);
    compiled = { count: count.compile(), page: page.compile() };
    if (compiledLists.size >= COMPILED_LIST_CACHE_SIZE) compiledLists.delete(compiledLists.keys().next().value!);
    compiledLists.set(key, compiled);
  }
  return compiled;
}

export async function listCases(ctx: ServiceContext, actor: Actor, query: CaseListQuery): Promise<CaseListResult> {
  const today = await todayOf(ctx);
  let { count, page } = compiledList(ctx, actor, query, today.date);
  let total = (await runCompiled(ctx.read, count))[0]?.n ?? 0;
  if (total === 0 && query.filter.text) {
    // Nothing by reference, contact or words: try one typo per word ("Muler" finds Müller), same filters and scope.
    const fuzzy = await fuzzySearch(ctx, query.filter.text);
    if (fuzzy) {
      ({ count, page } = compiledList(ctx, actor, query, today.date, fuzzy));
      total = (await runCompiled(ctx.read, count))[0]?.n ?? 0;
    }
  }
  return { rows: (await runCompiled(ctx.read, page)).map((row) => toSummary(row, today)), total };
}

/**
 * Case counts by status and kind (dashboard tiles, reports), summed from case_counts (kept by triggers in the same
 * transaction as every change of a case; migration 0012), so they cost the same at 1,000,000 cases as at 1,000.
 */
export function caseCountsQuery(ctx: ServiceContext, actor: Actor) {
  let q = ctx.read
    .selectFrom('case_counts as k')
    .select(['k.status', 'k.kind', sql<number>`sum(k.n)`.as('count')])
    .groupBy(['k.status', 'k.kind'])
    .having(sql<number>`sum(k.n)`, '>', 0)
    .orderBy('k.status')
    .orderBy('k.kind');
  const scope = departmentScope(actor);
  if (scope) q = q.where('k.department_id', 'in', scopeList(scope));
  return q;
}

export async function caseCounts(ctx: ServiceContext, actor: Actor): Promise<CaseCount[]> {
  return (await caseCountsQuery(ctx, actor).execute())
    .map((row) => ({ status: row.status, kind: row.kind, count: row.count }));
}

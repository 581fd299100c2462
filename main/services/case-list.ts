// The inbox query and full-text search: filtering, sorting and paging happen in SQL, never in the window.
import { sql, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import type { CaseChannel, CaseKind, CaseOrigin, CaseStatus } from '../domain/model.ts';
import type { CaseCount, CaseListResult, SearchHit } from '../api/types.ts';
import type { Schema } from '../db/schema.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { todayOf, toSummary, type SummaryRow } from './cases.ts';

export interface CaseFilter {
  statuses?: CaseStatus[] | undefined;
  kinds?: CaseKind[] | undefined;
  channels?: CaseChannel[] | undefined;
  origins?: CaseOrigin[] | undefined;
  departmentIds?: number[] | undefined;
  handlerId?: number | undefined;
  overdue?: boolean | undefined;
  dueBefore?: string | undefined;
  text?: string | undefined;
  reference?: string | undefined;
}

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

const RUNNING_STATUSES = ['new', 'open', 'forwarded'];

/** Turns what a person types into a safe FTS5 query: every word must occur, the last one as a prefix. */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}

type CaseQuery = SelectQueryBuilder<Schema & { c: Schema['cases'] }, 'c', object>;

/**
 * Kind, channel and origin have only a handful of values each. For a page of 100 rows it is far cheaper to walk the
 * sort column's index and skip non-matching rows than to collect thousands of matches and sort them; a unary `+`
 * keeps SQLite from choosing those columns' index (https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
 */
function broadColumn(column: 'kind' | 'channel' | 'origin', forPage: boolean) {
  return forPage ? sql.raw<string>(`+c.${column}`) : sql.ref<string>(`c.${column}`);
}

function applyFilter(query: CaseQuery, actor: Actor, filter: CaseFilter, today: string, forPage = false): CaseQuery {
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
  const fts = filter.text ? toFtsQuery(filter.text) : null;
  if (filter.text && fts === null) return q.where(sql<boolean>`0`);
  if (fts) q = q.where('c.id', 'in', sql<number>`(SELECT rowid FROM case_search WHERE case_search MATCH ${fts})`);
  return q;
}

/** The two statements behind an inbox page (exported so the benchmark can run the very same SQL raw). */
export function caseListQueries(ctx: ServiceContext, actor: Actor, query: CaseListQuery, today: string) {
  const count = applyFilter(ctx.db.q.selectFrom('cases as c') as CaseQuery, actor, query.filter, today).select((eb) =>
    eb.fn.countAll<number>().as('n'),
  );
  const page = applyFilter(ctx.db.q.selectFrom('cases as c') as CaseQuery, actor, query.filter, today, true)
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
      .orderBy('c.id', query.sort.direction)
    .limit(query.limit)
    .offset(query.offset);
  return { count, page };
}

type CompiledList = { count: CompiledQuery<{ n: number }>; page: CompiledQuery<SummaryRow> };

// The window asks for the same few views over and over (refresh, paging back): reuse their compiled SQL.
const compiledLists = new Map<string, CompiledList>();
const COMPILED_LIST_CACHE_SIZE = 64;

function compiledList(ctx: ServiceContext, actor: Actor, query: CaseListQuery, today: string): CompiledList {
  const key = JSON.stringify([departmentScope(actor), query, today]);
  let compiled = compiledLists.get(key);
  if (!compiled) {
    const { count, page } = caseListQueries(ctx, actor, query, today);
    compiled = { count: count.compile(), page: page.compile() };
    if (compiledLists.size >= COMPILED_LIST_CACHE_SIZE) compiledLists.delete(compiledLists.keys().next().value!);
    compiledLists.set(key, compiled);
  }
  return compiled;
}

export function listCases(ctx: ServiceContext, actor: Actor, query: CaseListQuery): CaseListResult {
  const today = todayOf(ctx);
  const { count, page } = compiledList(ctx, actor, query, today.date);
  const total = ctx.db.first(count)?.n ?? 0;
  return { rows: ctx.db.all(page).map((row) => toSummary(row, today)), total };
}

/** Case counts by status and kind (dashboard tiles, reports). */
export function caseCountsQuery(ctx: ServiceContext, actor: Actor) {
  let q = ctx.db.q
    .selectFrom('cases as c')
    .select(['c.status', 'c.kind', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['c.status', 'c.kind'])
    .orderBy('c.status')
    .orderBy('c.kind');
  const scope = departmentScope(actor);
  if (scope) q = q.where('c.department_id', 'in', scopeList(scope));
  return q;
}

export function caseCounts(ctx: ServiceContext, actor: Actor): CaseCount[] {
  return ctx.db
    .all(caseCountsQuery(ctx, actor))
    .map((row) => ({ status: row.status as CaseStatus, kind: row.kind as CaseKind, count: row.count }));
}

export function searchQuery(ctx: ServiceContext, actor: Actor, fts: string, limit: number) {
  const { db } = ctx;
  let q = db.q
    .selectFrom('case_search')
    .innerJoin('cases as c', 'c.id', 'case_search.rowid')
    .select([
      'c.id',
      'c.reference',
      'c.subject',
      'c.status',
      'c.kind',
      sql<string>`snippet(case_search, -1, '[', ']', '…', 12)`.as('snippet'),
    ])
    .where(sql<boolean>`case_search MATCH ${fts}`);
  const scope = departmentScope(actor);
  if (scope) q = q.where('c.department_id', 'in', scopeList(scope));
  return q.orderBy(sql`rank`).limit(limit);
}

export function searchCases(ctx: ServiceContext, actor: Actor, text: string, limit: number): SearchHit[] {
  const fts = toFtsQuery(text);
  if (!fts) return [];
  return ctx.db
    .all(searchQuery(ctx, actor, fts, limit))
    .map((row) => ({ ...row, status: row.status as CaseStatus, kind: row.kind as CaseKind }));
}

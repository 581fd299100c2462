// Accessibility figures from the cases themselves, the office's call log and peer figures imported from CSV. The
// definitions are in domain/accessibility.ts; this file loads one row per case (scoped for department heads) and writes.
import Papa from 'papaparse';
import { sql } from 'kysely';
import { accessRows, accessFigures, indicatorValues, phoneFigures, validatePeerRows, type AccessCase, type CallRecord, type PeerRow } from '../domain/accessibility.ts';
import { quarterDates, quarterOfDate, quartersBetween, shiftQuarter } from '../domain/barometer.ts';
import { jsonText } from '../db/dialect.ts';
import type { ReadDb } from '../db/handles.ts';
import type { AccessibilityReport, LoggedCall, PeerImportResult } from '../types/accessibility.ts';
import { PERCENT_INDICATORS, type PeerIndicator } from '../vocabulary/accessibility.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

/** Quarters shown when no range is asked for: the current one and the three before it. */
export const DEFAULT_ACCESS_QUARTERS = 4;
/** A peer file larger than this is not a peer file. */
export const MAX_PEER_FILE_CHARS = 500_000;

/** A reply or an answer (built per query: the JSON field reads differently on each engine, selected when the engine opens). */
const responseEvent = () => sql<boolean>`(e.type = 'reply' OR (e.type = 'status_changed' AND ${jsonText('e.data', 'action')} = 'answer'))`;

/** One row per counted case received from `from` to `to` (dates, inclusive), within the scope (null: every case). */
export function accessCaseQuery(db: ReadDb, from: string, to: string, scope: readonly number[] | null) {
  let q = db
    .selectFrom('cases as c')
    .select([
      'c.received_on',
      'c.channel',
      'c.department_id',
      'c.stage',
      'c.ack_due',
      'c.response_due',
      'c.answered_on',
      sql<string | null>`(SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND ${responseEvent()})`.as('first_at'),
      sql<string | null>`(SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND ${responseEvent()} AND e.at >= c.stage_started_on)`.as('stage_first_at'),
    ])
    .where('c.received_on', '>=', from)
    .where('c.received_on', '<=', to)
    .where('c.status', 'not in', ['withdrawn', 'merged']);
  if (scope !== null) q = q.where('c.department_id', 'in', scopeList(scope));
  return q;
}

async function loadCases(db: ReadDb, from: string, to: string, scope: readonly number[] | null): Promise<AccessCase[]> {
  const rows = await accessCaseQuery(db, from, to, scope).execute();
  const dateOf = (at: string | null) => (at === null ? null : localDate(new Date(at)));
  return rows.map((r) => {
    const first = dateOf(r.first_at);
    return {
      receivedOn: r.received_on,
      channel: r.channel,
      departmentId: r.department_id,
      stage: r.stage === 2 ? 2 : 1,
      ackDue: r.ack_due,
      responseDue: r.response_due,
      firstResponseOn: first,
      stageFirstResponseOn: r.stage === 2 ? dateOf(r.stage_first_at) : first,
      answeredOn: r.answered_on,
    };
  });
}

async function loadCalls(db: ReadDb, from: string, to: string, scope: readonly number[] | null): Promise<CallRecord[]> {
  let q = db.selectFrom('calls').select(['called_on', 'reached', 'answered_directly']).where('called_on', '>=', from).where('called_on', '<=', to);
  if (scope !== null) q = q.where('department_id', 'in', scopeList(scope));
  return (await q.execute()).map((r) => ({ calledOn: r.called_on, reached: r.reached === 1, answeredDirectly: r.answered_directly === null ? null : r.answered_directly === 1 }));
}

export interface AccessQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/** The figures per quarter, channel and department, phone reachability, and our yearly values beside the peers'. */
export async function accessibilityReport(ctx: ServiceContext, actor: Actor, query: AccessQuery = {}): Promise<AccessibilityReport> {
  const today = localDate(ctx.now());
  const current = quarterOfDate(today);
  const to = query.to ?? current;
  const from = query.from ?? shiftQuarter(to, -(DEFAULT_ACCESS_QUARTERS - 1));
  if (from > to) fail('invalid_quarter', { field: 'from' });
  const quarters = quartersBetween(from, to);
  if (quarters.length > 40) fail('invalid_quarter', { field: 'from' });
  const scope = departmentScope(actor);
  const cal = await ctx.calendar();
  const cases = await loadCases(ctx.read, quarterDates(from).from, quarterDates(to).to, scope);
  const calls = await loadCalls(ctx.read, quarterDates(from).from, quarterDates(to).to, scope);
  const peerRows = await ctx.read.selectFrom('peer_figures').select(['indicator', 'year', 'value', 'peer']).orderBy('year').orderBy('indicator').orderBy('peer').execute();
  const peers: PeerRow[] = peerRows.map((r) => ({ indicator: r.indicator as PeerIndicator, year: r.year, value: r.value, peer: r.peer }));
  const yearList = [...new Set([...peers.map((p) => p.year), Number(today.slice(0, 4))])].sort((a, b) => a - b).slice(-5);
  const years: AccessibilityReport['years'] = [];
  for (const year of yearList) {
    const yearCases = await loadCases(ctx.read, `${year}-01-01`, `${year}-12-31`, scope);
    const yearCalls = await loadCalls(ctx.read, `${year}-01-01`, `${year}-12-31`, scope);
    const phone = phoneFigures(yearCalls.map((c) => ({ ...c, calledOn: `${year}-01-01` })), [`${year}-Q1`])[0]!;
    years.push({ year, ours: indicatorValues(accessFigures(cal, yearCases, today), phone) });
  }
  let departments = ctx.read.selectFrom('departments').select(['id', 'name']).orderBy('name');
  if (scope !== null) departments = departments.where('id', 'in', scopeList(scope));
  return {
    from,
    to,
    quarters,
    departments: await departments.execute(),
    departmentIds: scope === null ? null : [...scope],
    rows: accessRows(cal, cases, today, quarters),
    phone: phoneFigures(calls, quarters),
    years,
    peers,
  };
}

export interface CallInput {
  calledAt: string;
  reached: boolean;
  answeredDirectly: boolean | null;
  departmentId: number | null;
}

/** One call into the log; a reached call says whether it was answered directly, a missed one says nothing more. */
export async function logCall(ctx: ServiceContext, actor: Actor, input: CallInput): Promise<LoggedCall> {
  const now = ctx.now();
  const at = new Date(input.calledAt);
  if (at.getTime() > now.getTime() + 60_000) fail('call_in_future', { field: 'calledAt' });
  if (input.reached && input.answeredDirectly === null) fail('invalid_input', { field: 'answeredDirectly' });
  const answeredDirectly = input.reached ? input.answeredDirectly : null;
  if (input.departmentId !== null) {
    const exists = await ctx.read.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst();
    if (!exists) fail('not_found', { field: 'departmentId' });
  }
  return ctx.tx(async ({ db }) => {
    const row = await db
      .insertInto('calls')
      .values({
        called_at: at.toISOString(),
        called_on: localDate(at),
        reached: input.reached ? 1 : 0,
        answered_directly: answeredDirectly === null ? null : answeredDirectly ? 1 : 0,
        department_id: input.departmentId,
        entered_by: actor.id,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, calledAt: at.toISOString(), reached: input.reached, answeredDirectly, departmentId: input.departmentId };
  });
}

/**
 * Peer figures from a CSV file (columns indicator, year, value, peer; comma or semicolon separated). Every row is
 * checked; one bad row refuses the whole file (peer_file_invalid with each problem and its line) and nothing is stored.
 * A figure already stored for the same indicator, year and peer is replaced.
 */
export async function importPeerFigures(ctx: ServiceContext, actor: Actor, csv: string): Promise<PeerImportResult> {
  if (csv.length > MAX_PEER_FILE_CHARS) fail('import_too_large', { field: 'file' });
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const headers = parsed.meta.fields ?? [];
  const missing = ['indicator', 'year', 'value', 'peer'].filter((c) => !headers.includes(c));
  if (missing.length > 0) fail('peer_file_invalid', { field: 'file', errors: [{ line: 1, field: 'row', code: 'columns' }], missing });
  const checked = validatePeerRows(parsed.data, PERCENT_INDICATORS as ReadonlySet<string>);
  const rows = checked.rows;
  const errors = [...checked.errors];
  // Papa's own complaints (a row with too few or too many fields) name the data row, counted from 0.
  for (const e of parsed.errors) if (e.row !== undefined && e.code !== 'UndetectableDelimiter') errors.push({ line: e.row + 2, field: 'row', code: 'columns' });
  if (errors.length > 0 || rows.length === 0) {
    errors.sort((a, b) => a.line - b.line);
    fail('peer_file_invalid', { field: 'file', errors: errors.length > 0 ? errors : [{ line: 1, field: 'row', code: 'required' }] });
  }
  const at = ctx.now().toISOString();
  await ctx.tx(async ({ db }) => {
    for (const r of rows) {
      await db
        .insertInto('peer_figures')
        .values({ indicator: r.indicator, year: r.year, value: r.value, peer: r.peer, imported_by: actor.id, imported_at: at })
        .onConflict((oc) => oc.columns(['indicator', 'year', 'peer']).doUpdateSet({ value: r.value, imported_by: actor.id, imported_at: at }))
        .execute();
    }
  });
  return { stored: rows.length };
}

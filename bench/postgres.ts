// npm run bench:pg [-- --cases N --runs N --seats N]: the hot paths on PostgreSQL (issue 11's benchmark), on a throwaway
// server started here as tests/support/postgres.ts starts it for the tests (initdb in a temp folder, a Unix socket, the
// postgres user; fsync, synchronous_commit and full_page_writes off, so durability costs are not measured), with the
// same demo generator and seed as `npm run bench` on SQLite.
//
// Ratios: each app path against the same SQL run directly with `pg`. The reads' SQL is captured from the app's own call
// (every statement it sends, with its parameters) and replayed on one pooled client; creating a case is written out by
// hand (the reference counter, the case row, its timeline event, in one transaction), as the SQLite benchmark does.
// Then several seats (app contexts with pools of their own, as desks would have) create cases at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openAppContext, type AppContext } from '../main/app-context.ts';
import type { PostgresEngine } from '../main/db/postgres/index.ts';
import { generateDemoData } from '../main/demo/demo-data.ts';
import type { Actor } from '../main/services/actor.ts';
import { caseCounts, listCases, searchCases, type CaseListQuery } from '../main/services/case-list.ts';
import { createCase } from '../main/services/cases.ts';
import { localDate } from '../main/services/clock.ts';
import { startPostgres, stopPostgres } from '../tests/support/postgres.ts';
import { benchCase, timePair } from './measure.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '100' }, seats: { type: 'string', default: '4' }, 'per-seat': { type: 'string', default: '250' }, generate: { type: 'string', default: '10000' } } });
const CASES = Number(values.cases);
const RUNS = Number(values.runs);
const SEATS = Number(values.seats);
const PER_SEAT = Number(values['per-seat']);
const GENERATED = Number(values.generate);

/** timePair with this benchmark's warm-up (10 rounds). */
const timed = (app: () => Promise<unknown>, raw: () => Promise<unknown>, runs = RUNS) => timePair(app, raw, runs, 10);

/** Every statement `fn` sends through pg (text and parameters), recorded while it runs once. */
async function capture(fn: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
  const seen: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (typeof first === 'string') seen.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) seen.push({ text: first.text, values: first.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen.filter((q) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(q.text));
}

/** The captured statements replayed on one client of the pool, as prepared by name (as pg would reuse them). */
function replay(pool: pg.Pool, statements: { text: string; values: unknown[] }[]) {
  return async () => {
    const client = await pool.connect();
    try {
      for (const [i, statement] of statements.entries()) await client.query({ name: `raw_${statements.length}_${i}_${hash(statement.text)}`, text: statement.text, values: statement.values });
    } finally {
      client.release();
    }
  };
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

const server = await startPostgres();
const dataDir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-pg-'));
const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
await admin.connect();
await admin.query(`CREATE DATABASE bench TEMPLATE ${server.template}`);
await admin.end();
const connection = { host: server.host, port: server.port, user: server.user, database: 'bench' };
const apps: AppContext[] = [];
try {
  const app = await openAppContext({ dataDir, adminPassword: 'bench-admin-password', engine: { kind: 'postgres', connection } });
  apps.push(app);
  const { services } = app;
  const pool = (app.engine as PostgresEngine).pool;
  const versions = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;

  // The demo generator writes case by case through the services (some 11 statements per case, each a round trip to the
  // server): 10,000 of them take minutes. The rest are copies of those, made by INSERT … SELECT inside the server as
  // bench/replicate.ts does on SQLite: the triggers index and count each copy as they would a created case; the copies
  // have no timeline events of their own and get new reference numbers.
  const generated = Math.min(CASES, GENERATED);
  console.log(`Generating ${generated.toLocaleString('en')} demo cases on PostgreSQL ${versions}${CASES > generated ? `, then copying them up to ${CASES.toLocaleString('en')}` : ''} ...`);
  const generationStart = performance.now();
  const cpuStart = process.cpuUsage();
  await generateDemoData(services, { cases: generated, seed: 7, until: new Date() });
  const generationSeconds = (performance.now() - generationStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const copyStart = performance.now();
  if (CASES > generated) {
    const columns = (await pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'cases' AND table_schema = current_schema() AND column_name NOT IN ('id', 'reference', 'number') ORDER BY ordinal_position")).rows.map((r) => r.column_name);
    const original = (await pool.query<{ n: number }>('SELECT max(id) AS n FROM cases')).rows[0]!.n;
    const step = (await pool.query<{ n: number }>('SELECT max(number) AS n FROM cases')).rows[0]!.n + 1;
    for (let copy = 1; (copy + 1) * generated <= CASES; copy++) {
      await pool.query(
        `INSERT INTO cases (reference, number, ${columns.join(', ')})
         SELECT year || '-' || lpad((number + $1)::text, 5, '0'), number + $1, ${columns.join(', ')} FROM cases WHERE id <= $2 ORDER BY id`,
        [copy * step, original],
      );
    }
    await pool.query('UPDATE reference_counters SET last_number = (SELECT max(number) FROM cases WHERE cases.year = reference_counters.year)');
  }
  const copySeconds = (performance.now() - copyStart) / 1000;
  await pool.query('VACUUM ANALYZE');
  const total = (await pool.query<{ n: number }>('SELECT count(*) AS n FROM cases')).rows[0]!.n;

  const ombudsman = (await pool.query<{ id: number }>("SELECT id FROM users WHERE username = 'ombudsman'")).rows[0]!.id;
  const actor: Actor = { id: ombudsman, role: 'ombudsman', departmentIds: [] };
  const departmentId = (await pool.query<{ department_id: number }>('SELECT department_id FROM cases WHERE department_id IS NOT NULL GROUP BY department_id ORDER BY count(*) DESC LIMIT 1')).rows[0]!.department_id;
  const today = localDate(services.now());
  const inboxQuery: CaseListQuery = { filter: { statuses: ['new', 'open', 'forwarded', 'answered'], departmentIds: [departmentId] }, sort: { column: 'responseDue', direction: 'asc' }, limit: 100, offset: 0 };
  const broad: CaseListQuery = { filter: { statuses: ['new', 'open', 'forwarded', 'on_hold'] }, sort: { column: 'responseDue', direction: 'asc' }, limit: 100, offset: 0 };
  const searchText = 'Wartezeit Bürgerbüro';
  const head: Actor = { id: ombudsman, role: 'department_head', departmentIds: [departmentId] };

  const rows: { name: string; app: number; raw: number; target: string }[] = [];
  const measure = async (name: string, target: string, fn: () => Promise<unknown>, runs = RUNS) => {
    const raw = replay(pool, await capture(fn));
    rows.push({ name, target, ...(await timed(fn, raw, runs)) });
  };
  const listed = await listCases(services, actor, inboxQuery);
  await measure(`inbox page (status + department, by due date, 100 rows of ${listed.total.toLocaleString('en')})`, '<= 20 ms', () => listCases(services, actor, inboxQuery));
  const broadTotal = (await listCases(services, actor, broad)).total;
  await measure(`broad view: open statuses, all departments, by due date (${broadTotal.toLocaleString('en')} cases, 100 rows)`, '<= 20 ms', () => listCases(services, actor, broad));
  const hits = await searchCases(services, actor, searchText, 20);
  await measure(`full-text search "${searchText}" (${hits.length} hits)`, '<= 50 ms', () => searchCases(services, actor, searchText, 20));
  await measure(`the same search by a department head`, '<= 50 ms', () => searchCases(services, head, searchText, 20));
  const typo = await searchCases(services, actor, 'Jurgen Muler', 20);
  await measure(`search "Jurgen Muler", one typo (${typo.length} hits, matched by ${typo[0]?.matchedBy})`, '<= 50 ms', () => searchCases(services, actor, 'Jurgen Muler', 20));
  await measure('count by status and kind', '<= 30 ms', () => caseCounts(services, actor));

  // The same calls at a department head's own desk: the app connected with her login role (migration 0022), so the
  // database's row-level security applies on top of the service's own scope; the raw replay runs as that role too.
  const deskUser = (await pool.query<{ id: number; role_name: string }>("SELECT u.id, l.role_name FROM users u JOIN login_roles l ON l.user_id = u.id WHERE u.username = 'head.buergerbuero'")).rows[0]!;
  const deskDepartments = (await pool.query<{ department_id: number }>('SELECT department_id FROM user_departments WHERE user_id = $1', [deskUser.id])).rows.map((r) => r.department_id);
  const deskConnection = { ...connection, user: deskUser.role_name };
  const desk = await openAppContext({ dataDir: mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-desk-')), engine: { kind: 'postgres', connection: deskConnection } });
  const deskPool = new pg.Pool({ ...deskConnection, max: 1 });
  const deskHead: Actor = { id: deskUser.id, role: 'department_head', departmentIds: deskDepartments };
  const measureAtDesk = async (name: string, target: string, fn: () => Promise<unknown>) => {
    const raw = replay(deskPool, await capture(fn));
    rows.push({ name, target, ...(await timed(fn, raw)) });
  };
  const deskInbox: CaseListQuery = { filter: { statuses: ['new', 'open', 'forwarded', 'answered'] }, sort: { column: 'responseDue', direction: 'asc' }, limit: 100, offset: 0 };
  await measureAtDesk(`at a department head's own desk (her login, row-level security): her inbox page`, '<= 20 ms', () => listCases(desk.services, deskHead, deskInbox));
  await measureAtDesk(`... her search "${searchText}"`, '<= 50 ms', () => searchCases(desk.services, deskHead, searchText, 20));
  await measureAtDesk(`... her typo search "Jurgen Muler"`, '<= 50 ms', () => searchCases(desk.services, deskHead, 'Jurgen Muler', 20));
  await measureAtDesk(`... her counts`, '<= 30 ms', () => caseCounts(desk.services, deskHead));
  await deskPool.end();
  await desk.close();

  const newCase = benchCase(departmentId);
  const rawCreate = async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const now = new Date();
      const stamp = now.toISOString();
      const year = now.getFullYear();
      const { last_number: number } = (await client.query({ name: 'raw_counter', text: 'INSERT INTO reference_counters (year, last_number) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 RETURNING last_number', values: [year] })).rows[0] as { last_number: number };
      const reference = `${year}-${String(number).padStart(5, '0')}`;
      const { id } = (await client.query({
        name: 'raw_case',
        text: `INSERT INTO cases (reference, year, number, kind, channel, origin, received_at, received_on, subject, description,
          submitter_name, submitter_phone, submitter_language, consent_given_at, consent_text, department_id, priority, status, stage, stage_started_on,
          ack_due, response_due, created_by, created_at, updated_at)
          VALUES ($1, $2, $3, 'complaint', 'phone', 'external', $4, $5, $6, $7, $8, $9, 'de', $10, $11, $12, 'normal', 'new', 1, $13, $14, $15, $16, $17, $18) RETURNING id`,
        values: [reference, year, number, stamp, today, newCase.subject, newCase.description, 'Sören Weiß', '0221 555', stamp, 'Einwilligung erteilt', departmentId, today, today, today, ombudsman, stamp, stamp],
      })).rows[0] as { id: number };
      await client.query({ name: 'raw_event', text: "INSERT INTO case_events (case_id, at, actor_id, type, data) VALUES ($1, $2, $3, 'created', $4)", values: [id, stamp, ombudsman, JSON.stringify({ reference })] });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  rows.push({ name: 'create one case (+ timeline event + search index)', target: '<= 15 ms', ...(await timed(() => createCase(services, actor, newCase), rawCreate, Math.max(RUNS, 200))) });

  // Seats at once: each an app of its own (its own pool, as a desk has), all creating cases as fast as they can.
  for (let i = 1; i < SEATS; i++) apps.push(await openAppContext({ dataDir: mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-seat-')), engine: { kind: 'postgres', connection } }));
  const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
  const year = new Date().getFullYear();
  const lastBefore = (await pool.query<{ n: number | null }>('SELECT max(number) AS n FROM cases WHERE year = $1', [year])).rows[0]!.n ?? 0;
  let failed = 0;
  const seatsStart = performance.now();
  await Promise.all(
    apps.map(async (seat) => {
      for (let i = 0; i < PER_SEAT; i++) {
        try {
          await createCase(seat.services, actor, { ...newCase, subject: `${newCase.subject} (${i})` });
        } catch (error) {
          failed++;
          console.error('a seat failed to create a case:', (error as Error).message);
        }
      }
    }),
  );
  const seatsSeconds = (performance.now() - seatsStart) / 1000;
  const after = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
  // The seats' cases: numbers right after the last one before, none missing and none twice.
  const numbers = (await pool.query<{ n: number; lo: number; hi: number; distinct: number }>('SELECT count(*) AS n, min(number) AS lo, max(number) AS hi, count(DISTINCT number) AS distinct FROM cases WHERE year = $1 AND number > $2', [year, lastBefore])).rows[0]!;
  const gaps = numbers.hi - numbers.lo + 1 - numbers.distinct + (numbers.lo === lastBefore + 1 ? 0 : 1) + (numbers.n - numbers.distinct);

  console.log(`\n${total.toLocaleString('en')} cases on PostgreSQL ${versions} (throwaway server, Unix socket, fsync off): ${generated.toLocaleString('en')} generated in ${generationSeconds.toFixed(1)} s (CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s), copied up in ${copySeconds.toFixed(1)} s; medians of ${RUNS} runs.`);
  console.log(`Node ${process.version}, pg ${(await import('pg/package.json', { with: { type: 'json' } })).default.version}.\n`);
  console.log('| measurement (PostgreSQL) | Ombudsdesk | raw pg, same SQL | ratio | target |');
  console.log('|---|---:|---:|---:|---|');
  for (const row of rows) console.log(`| ${row.name} | ${row.app.toFixed(3)} ms | ${row.raw.toFixed(3)} ms | ${(row.app / row.raw).toFixed(2)}x | ${row.target} |`);
  console.log(`\n${SEATS} seats creating ${PER_SEAT} cases each at once: ${after - before} cases in ${seatsSeconds.toFixed(2)} s = ${((after - before) / seatsSeconds).toFixed(0)} cases/s; ${failed} failed (retries exhausted or other errors); ${gaps === 0 ? 'references gap-free and unique' : `${gaps} gaps or repeats in the references`} (${year}-${String(numbers.lo).padStart(5, '0')} to ${year}-${String(numbers.hi).padStart(5, '0')}).`);
} finally {
  for (const app of apps) await app.close();
  await stopPostgres();
  rmSync(dataDir, { recursive: true, force: true });
}

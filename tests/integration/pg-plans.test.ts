// PostgreSQL's query plans (issue 11's benchmark: "EXPLAIN (FORMAT JSON) tests where SQLite has EXPLAIN QUERY PLAN
// tests"; SQLite's are in migrations.test.ts and start-screens.test.ts). A few thousand cases are created through the
// case service's bulk path (createCases, as an import writes them), spread over statuses, departments, kinds and two
// years, then ANALYZEd; each test compiles the very Kysely query the service builds and asks PostgreSQL for its plan,
// so a service whose SQL stops matching its index fails here. The plan tree is walked generically (Plans[], with the
// init plans and subplans among them). Runs on the throwaway server of npm run test:pg; on SQLite it says why it is
// skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresEngine } from '../../main/db/postgres/index.ts';
import type { Actor } from '../../main/services/actor.ts';
import { caseCountsQuery, caseListQueries, searchQuery, toExpandedFtsQuery, toFtsQuery, type CaseListQuery } from '../../main/services/case-list.ts';
import { fuzzySearch } from '../../main/services/case-search.ts';
import { createCases, type NewCaseWithEvents } from '../../main/services/cases.ts';
import { executiveQueries } from '../../main/services/start-screens.ts';
import { onPostgres, openTempApp, rawQuery, removeTempDirs, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

if (!onPostgres) console.log('pg-plans.test.ts: skipped, it checks PostgreSQL plans (npm run test:pg; SQLite\'s plans are checked in migrations.test.ts and start-screens.test.ts)');

/** One node of EXPLAIN (FORMAT JSON)'s tree. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Sort Key'?: string[];
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan as one line per node, indented, for failure messages. */
function describePlan(plan: PlanNode, depth = 0): string {
  const label = [plan['Node Type'], plan['Relation Name'] && `on ${plan['Relation Name']}`, plan['Index Name'] && `using ${plan['Index Name']}`, plan['Index Cond'] && `(${plan['Index Cond']})`]
    .filter(Boolean)
    .join(' ');
  return [`${'  '.repeat(depth)}${label}`, ...(plan.Plans ?? []).map((child) => describePlan(child, depth + 1))].join('\n');
}

// Twenty topics and twenty people, so a searched word is in some 5% of the cases (the demo data's "Wartezeit
// Bürgerbüro" is in 6.7%): selective enough for an index, as it is in an office's data.
const TOPICS = [
  'Wartezeit im Bürgerbüro zu lang', 'Schlagloch in der Goethestraße', 'Mehr Bänke im Stadtpark', 'Laterne defekt am Marktplatz',
  'Lob für die freundliche Beratung', 'Frage zur Sperrmüllabholung', 'Radweg an der Schillerstraße zugeparkt', 'Spielplatz braucht neuen Sand',
  'Lärm von der Baustelle am Bahnhof', 'Gehweg im Winter nicht geräumt', 'Bus der Linie 7 fällt oft aus', 'Öffnungszeiten der Bibliothek verlängern',
  'Parkgebühren am Rathaus zu hoch', 'Hundekot auf dem Schulweg', 'Ampelschaltung an der Kreuzung', 'Formular im Internet unverständlich',
  'Grünschnitt wurde nicht abgeholt', 'Danke für den schnellen Rückruf', 'Wasserrohrbruch in der Lindenallee', 'Zebrastreifen vor dem Kindergarten',
];
const PEOPLE = [
  'Jürgen Müller', 'Anna Berg', 'Sören Weiß', 'Fatma Yılmaz', 'Klaus Schäfer', 'Petra Lang', 'Heinz Vogel', 'Maria Krause', 'Thomas Braun', 'Elif Demir',
  'Karin Wolf', 'Stefan Koch', 'Ursula Richter', 'Michael Klein', 'Sabine Neumann', 'Ahmet Kaya', 'Monika Zimmermann', 'Frank Hartmann', 'Ingrid Lorenz', null,
];
const KINDS = ['complaint', 'idea', 'praise', 'question'] as const;
const CHANNELS = ['web', 'email', 'phone', 'walk_in', 'letter'] as const;
/** Statuses as in a working office, most cases closed (some 15% running); set directly, the workflow is not tested here. */
const STATUSES = ['new', 'open', 'open', 'forwarded', 'answered', 'on_hold', ...Array<string>(34).fill('closed')];
const CASES = 6000;
const DEPARTMENTS = 8;
const NOW = '2027-06-15T09:00:00';

describe.skipIf(!onPostgres)('PostgreSQL query plans (EXPLAIN (FORMAT JSON) of the services\' own SQL)', () => {
  let t: TempApp;
  let office: Actor;
  let head: Actor;
  const departments: number[] = [];

  async function planOf(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<PlanNode> {
    const { sql, parameters } = query.compile();
    const pool = (t.app.engine as PostgresEngine).pool;
    const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, [...parameters]);
    return rows[0]!['QUERY PLAN'][0].Plan;
  }

  const scansOf = (plan: PlanNode, relation: string) => nodes(plan).filter((node) => node['Relation Name'] === relation);
  const indexScansOf = (plan: PlanNode, relation: string) => {
    // A bitmap's index scan names the index only; its heap scan above it names the table.
    const indexes = new Set(nodes(plan).filter((node) => node['Node Type'] === 'Bitmap Index Scan').map((node) => node['Index Name']));
    return [
      ...scansOf(plan, relation).filter((node) => /^Index (Only )?Scan$/.test(node['Node Type'])),
      ...nodes(plan).filter((node) => node['Node Type'] === 'Bitmap Heap Scan' && node['Relation Name'] === relation).flatMap((node) => nodes(node).filter((n) => n['Node Type'] === 'Bitmap Index Scan' && indexes.has(n['Index Name']))),
    ];
  };
  const expectNoSeqScan = (plan: PlanNode, relation: string) =>
    expect(scansOf(plan, relation).filter((node) => node['Node Type'] === 'Seq Scan'), describePlan(plan)).toEqual([]);

  beforeAll(async () => {
    t = await openTempApp(NOW);
    for (let i = 1; i <= DEPARTMENTS; i++) departments.push(await t.department(`Fachbereich ${i}`));
    office = await t.user('office', 'ombudsman');
    head = await t.user('roads', 'department_head', [departments[0]!]);
    const start = new Date(NOW).getTime();
    const items: NewCaseWithEvents[] = [];
    for (let i = 0; i < CASES; i++) {
      const name = PEOPLE[(i * 7) % PEOPLE.length]!;
      items.push({
        input: {
          kind: KINDS[i % KINDS.length]!,
          channel: CHANNELS[i % CHANNELS.length]!,
          origin: i % 7 === 0 ? 'internal' : 'external',
          // Two years back, one case every few hours, the newest last.
          receivedAt: new Date(start - (CASES - i) * 4.3 * 3600_000).toISOString(),
          subject: TOPICS[(i * 3) % TOPICS.length]!,
          description: `Eingang Nummer ${i}.`,
          submitter: { anonymous: name === null, name, email: name ? `person${i % 500}@example.org` : null, phone: null, address: null, organisation: null, language: 'de', consent: name !== null, consentText: name ? 'ok' : null },
          departmentId: i % 10 === 9 ? null : departments[i % DEPARTMENTS]!,
          priority: 'normal',
        },
        events: [],
      });
    }
    for (let i = 0; i < items.length; i += 500) await createCases(t.app.services, office, items.slice(i, i + 500));
    // Statuses spread as in a working office (most cases closed), set directly; the counts triggers follow.
    await rawQuery(t.app, `UPDATE cases SET status = (ARRAY[${STATUSES.map((s) => `'${s}'`).join(', ')}])[1 + (id * 7919) % ${STATUSES.length}]`);
    // As after autovacuum: statistics, and the visibility map that lets index-only scans skip the table.
    await rawQuery(t.app, 'VACUUM ANALYZE');
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  const today = '2027-06-15';
  const RUNNING: NonNullable<CaseListQuery['filter']['statuses']> = ['new', 'open', 'forwarded', 'answered'];
  const byDue = { column: 'responseDue', direction: 'asc' } as const;

  it('seeded the cases it plans for', async () => {
    expect(Number((await rawQuery<{ n: string }>(t.app, 'SELECT count(*) AS n FROM cases'))[0]!.n)).toBe(CASES);
  });

  it("pages the inbox (statuses and a department, by due date) from an index, without reading and sorting every case", async () => {
    const query: CaseListQuery = { filter: { statuses: RUNNING, departmentIds: [departments[1]!] }, sort: byDue, limit: 100, offset: 0 };
    const { count, ids, page } = caseListQueries(t.app.services, office, query, today);
    for (const plan of [await planOf(ids), await planOf(page)]) {
      expectNoSeqScan(plan, 'cases');
      const scans = indexScansOf(plan, 'cases');
      expect(scans.map((node) => node['Index Name']), describePlan(plan)).toContain('cases_inbox');
    }
    // The total is summed from case_counts, not counted over cases.
    const total = await planOf(count);
    expect(scansOf(total, 'case_counts'), describePlan(total)).not.toEqual([]);
    expect(scansOf(total, 'cases'), describePlan(total)).toEqual([]);
  });

  it("pages a department head's inbox through an index on the department (their scope is the service's explicit WHERE)", async () => {
    for (const sort of [byDue, { column: 'receivedAt', direction: 'desc' } as const]) {
      const query: CaseListQuery = { filter: { statuses: RUNNING }, sort, limit: 100, offset: 0 };
      const { count, ids } = caseListQueries(t.app.services, head, query, today);
      const plan = await planOf(ids);
      expectNoSeqScan(plan, 'cases');
      const conditions = indexScansOf(plan, 'cases').map((node) => node['Index Cond'] ?? '');
      expect(conditions.some((condition) => /department_id = \$?\d*|department_id = ANY/.test(condition)), describePlan(plan)).toBe(true);
      const total = await planOf(count);
      expect(scansOf(total, 'cases'), describePlan(total)).toEqual([]);
    }
  });

  it('counts by status and kind (the dashboard, a head\'s too) from case_counts alone', async () => {
    for (const actor of [office, head]) {
      const plan = await planOf(caseCountsQuery(t.app.services, actor));
      expect(scansOf(plan, 'case_counts'), describePlan(plan)).not.toEqual([]);
      expect(scansOf(plan, 'cases'), describePlan(plan)).toEqual([]);
    }
  });

  it("finds words through the GIN index of the search table (the office's search, a head's, and the typo search)", async () => {
    const exact = (await toExpandedFtsQuery(t.app.services, 'Wartezeit Bürgerbüro'))!;
    expect(exact).not.toBeNull();
    const fuzzy = (await fuzzySearch(t.app.services, 'Jurgen Muler'))!.match!;
    for (const [actor, match] of [[office, exact], [head, exact], [office, toFtsQuery('Bürgerbüro')!], [office, fuzzy]] as const) {
      const plan = await planOf(searchQuery(t.app.services, actor, match, 20));
      const bitmaps = nodes(plan).filter((node) => node['Node Type'] === 'Bitmap Index Scan');
      expect(bitmaps.map((node) => node['Index Name']), describePlan(plan)).toContain('case_search_doc');
      expectNoSeqScan(plan, 'case_search');
      expectNoSeqScan(plan, 'cases');
      // Only the newest candidates are ranked: read by primary key from the init plan's ids, not intersected with a
      // bitmap of the whole primary key (migration 0029's change to amongNewest).
      expect(nodes(plan).filter((node) => node['Index Name'] === 'case_search_pkey' && node['Node Type'] === 'Bitmap Index Scan'), describePlan(plan)).toEqual([]);
    }
  });

  it("narrows a department head's search to their department by an index before reading any match (0029)", async () => {
    const match = (await toExpandedFtsQuery(t.app.services, 'Wartezeit Bürgerbüro'))!;
    const plan = await planOf(searchQuery(t.app.services, head, match, 20));
    // The newest matches in scope (the init plan): the GIN index's matches narrowed by the index table's own department
    // column (an index condition, ANDed bitmaps, or at least a filter on the rows read), without looking each match up
    // in cases.
    const initPlans = (plan.Plans ?? []).filter((node) => node['Parent Relationship'] === 'InitPlan');
    expect(initPlans, describePlan(plan)).toHaveLength(1);
    const newest = nodes(initPlans[0]!);
    expect(newest.filter((node) => node['Relation Name'] === 'cases'), describePlan(plan)).toEqual([]);
    expect(newest.map((node) => node['Index Name']), describePlan(plan)).toContain('case_search_doc');
    const narrowed = newest.filter((node) => [node['Index Cond'], node['Recheck Cond'], node.Filter].some((text) => /\bdepartment_id = /.test(text ?? '')));
    expect(narrowed, describePlan(plan)).not.toEqual([]);
    expectNoSeqScan(plan, 'cases');
  });

  it("counts the executive's running and overdue cases from case_counts and the (status, response_due) index", async () => {
    const { running } = executiveQueries(t.app.services, 2027, today);
    const plan = await planOf(running);
    expect(scansOf(plan, 'case_counts'), describePlan(plan)).not.toEqual([]);
    expectNoSeqScan(plan, 'cases');
    expect(indexScansOf(plan, 'cases').map((node) => node['Index Name']), describePlan(plan)).toContain('cases_status_due');
  });
});

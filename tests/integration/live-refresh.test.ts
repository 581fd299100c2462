// Live refresh across seats (issue 11, point 4): a second app on the same PostgreSQL database hears of the cases the
// first one changes, as casesChanged events to its signed-in windows, within a second; a department head hears only of
// their departments' cases; a rolled-back write announces nothing; a lost listening connection comes back and says
// `all`. Runs on the throwaway server of npm run test:pg; on a SQLite run (one seat per file) it says why it is skipped.
import { afterAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EventName } from '../../main/api/channels.ts';
import type { EventMap } from '../../main/api/events.ts';
import { parseCaseIds } from '../../main/db/postgres/case-feed.ts';
import type { PostgresEngine } from '../../main/db/postgres/index.ts';
import { createCase, type CreateCaseInput } from '../../main/services/cases.ts';
import { onPostgres, openTempApp, removeTempDirs, tempDir, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

it('reads the ids a notification names, and treats anything else as "reload everything"', () => {
  expect(parseCaseIds('3,17,4')).toEqual([3, 17, 4]);
  expect(parseCaseIds('*')).toBeNull();
  expect(parseCaseIds('')).toBeNull();
  expect(parseCaseIds('1,x')).toBeNull();
  expect(parseCaseIds('0')).toBeNull();
});

if (!onPostgres) console.log('live-refresh.test.ts: the seats checks are skipped on SQLite (one seat per file; run npm run test:pg)');

const caseInput = (subject: string, departmentId: number | null): CreateCaseInput => ({
  kind: 'complaint',
  channel: 'phone',
  origin: 'external',
  priority: 'normal',
  subject,
  description: 'Anruf',
  departmentId,
  submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
});

describe.skipIf(!onPostgres)('two seats on one PostgreSQL database', () => {
  let first: TempApp;
  let second: AppContext;
  const heard: Record<string, EventMap['casesChanged'][]> = { office: [], head: [] };
  afterAll(async () => {
    await second?.close();
    await first?.cleanup();
  });

  /** Waits until `check` holds for what the callers heard (the feed coalesces for 100 ms), at most `ms`. */
  async function until(check: () => boolean, ms = 1_000): Promise<number> {
    const started = performance.now();
    while (!check()) {
      if (performance.now() - started > ms) throw new Error(`not within ${ms} ms: ${JSON.stringify(heard)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return performance.now() - started;
  }

  it('tells the other seat within a second which cases changed, scoped to what each user may see', async () => {
    first = await openTempApp();
    const parks = await first.department('Parks');
    const roads = await first.department('Straßen');
    const office = await first.user('office', 'ombudsman');
    const head = await first.user('head', 'department_head', [parks]);
    second = await openAppContext({ dataDir: tempDir(), engine: first.engine, adminPassword: 'second-seat-admin-password' });
    for (const [caller, userId] of [['office', office.id], ['head', head.id]] as const) {
      second.sessions.set(caller, userId!);
      second.events.attach(caller, (name: EventName, payload: unknown) => {
        if (name === 'casesChanged') heard[caller]!.push(payload as EventMap['casesChanged']);
      });
    }
    await (second.engine as PostgresEngine).caseFeedReady();

    const inParks = await createCase(first.app.services, office, caseInput('Bank im Park kaputt', parks));
    const inRoads = await createCase(first.app.services, office, caseInput('Schlagloch', roads));
    const took = await until(() => heard.office!.flatMap((c) => c.caseIds).includes(inRoads) && heard.head!.length > 0);
    expect(took).toBeLessThan(1_000);
    expect(new Set(heard.office!.flatMap((c) => c.caseIds))).toEqual(new Set([inParks, inRoads]));
    // The head hears of the Parks case only, never of the other department's.
    expect(heard.head!.flatMap((c) => c.caseIds)).toEqual([inParks]);
    expect(heard.office!.every((c) => !c.all)).toBe(true);
  });

  it('announces nothing for a write that was rolled back', async () => {
    heard.office = [];
    const office = (await first.app.services.read.selectFrom('users').select(['id']).where('username', '=', 'office').executeTakeFirstOrThrow()).id;
    const actor = { id: office, role: 'ombudsman' as const, departmentIds: [] };
    await expect(
      first.app.services.tx(async (tx) => {
        await createCase(tx, actor, caseInput('Wird zurückgenommen', null));
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    const committed = await createCase(first.app.services, actor, caseInput('Bleibt', null));
    await until(() => heard.office!.some((c) => c.caseIds.includes(committed)));
    expect(heard.office!.flatMap((c) => c.caseIds)).toEqual([committed]);
  });

  it('listens again after losing its connection, and then asks for everything to be reloaded', async () => {
    heard.office = [];
    const pool = (first.app.engine as PostgresEngine).pool;
    const { rowCount } = await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ombudsdesk_cases' AND pid <> pg_backend_pid()");
    expect(rowCount).toBeGreaterThanOrEqual(2); // both seats listen
    await until(() => heard.office!.some((c) => c.all), 5_000);
    await (second.engine as PostgresEngine).caseFeedReady();
    heard.office = [];
    const office = (await first.app.services.read.selectFrom('users').select(['id']).where('username', '=', 'office').executeTakeFirstOrThrow()).id;
    const after = await createCase(first.app.services, { id: office, role: 'ombudsman', departmentIds: [] }, caseInput('Nach dem Neustart', null));
    await until(() => heard.office!.some((c) => c.caseIds.includes(after)));
  });
});

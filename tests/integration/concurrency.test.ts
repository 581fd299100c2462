// Several writers at once. On SQLite: four processes create cases in one data folder (references gap-free). On
// PostgreSQL (npm run test:pg, issue 11's several seats): four app contexts, each with its own pool, on one database
// create, triage, answer, close and annotate cases at the same time and race for the same cases; references stay
// gap-free and unique, no update is lost, every timeline is complete, and the counts equal count(*).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import type { Actor } from '../../main/services/actor.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { addCaseNote, createCase, type CreateCaseInput } from '../../main/services/cases.ts';
import { onPostgres, openTempApp, rawQuery, rawValue, removeTempDirs, tempDir, testEngine } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const worker = fileURLToPath(new URL('../support/create-cases-worker.ts', import.meta.url));

function run(dataDir: string, engine: EngineConfig, count: number, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', worker, dataDir, String(count), label, JSON.stringify(engine)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('references under concurrent creates', () => {
  it('stays gap-free and unique when four processes create cases at the same time', async () => {
    const dataDir = tempDir();
    const engine = await testEngine(dataDir);
    await (await openAppContext({ dataDir, adminPassword: 'x'.repeat(12), engine: engine.config })).close();
    const exits = await Promise.all(['a', 'b', 'c', 'd'].map((label) => run(dataDir, engine.config, 40, label)));
    expect(exits).toEqual([0, 0, 0, 0]);
    const app = await openAppContext({ dataDir, engine: engine.config });
    try {
      const numbers = (await rawQuery<{ number: number }>(app, 'SELECT number FROM cases ORDER BY number')).map((r) => r.number);
      const year = new Date().getFullYear();
      expect(numbers).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
      expect(await rawValue(app, 'SELECT last_number FROM reference_counters WHERE year = ?', [year])).toBe(160);
      expect(await rawValue(app, "SELECT count(*) FROM case_events WHERE type = 'created'")).toBe(160);
    } finally {
      await app.close();
      await engine.drop();
    }
  }, 120_000);
});

const complaint = (subject: string): CreateCaseInput => ({
  kind: 'complaint',
  channel: 'phone',
  origin: 'external',
  subject,
  description: '',
  submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
  priority: 'normal',
});

describe.skipIf(!onPostgres)('four seats on one PostgreSQL database', () => {
  it('create, triage, answer, close and annotate cases at the same time: nothing lost, nothing twice, no gaps', async () => {
    const t = await openTempApp('2027-06-01T09:00:00');
    const seats: { app: AppContext; actor: Actor }[] = [];
    const others: AppContext[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const actor = await t.user(`seat${i}`, 'ombudsman');
        const app = i === 0 ? t.app : await openAppContext({ dataDir: tempDir(), now: () => new Date('2027-06-01T09:00:00'), engine: t.engine });
        if (i > 0) others.push(app);
        seats.push({ app, actor });
      }
      const shared = await createCase(t.app.services, seats[0]!.actor, complaint('Gemeinsamer Fall'));
      const contested: number[] = [];
      for (let i = 0; i < 20; i++) contested.push(await createCase(t.app.services, seats[0]!.actor, complaint(`Umkämpft ${i}`)));

      const LANES = 2;
      const ROUNDS = 25;
      const unexpected: string[] = [];
      const won = new Map<number, number>();
      const lane = async (seat: number, laneNo: number) => {
        const { app, actor } = seats[seat]!;
        const ctx = app.services;
        for (let round = 0; round < ROUNDS; round++) {
          const id = await createCase(ctx, actor, complaint(`Seat ${seat} lane ${laneNo} round ${round}`));
          await transitionCase(ctx, actor, { id, action: 'triage' });
          await addCaseNote(ctx, actor, shared, `note ${seat}/${laneNo}/${round}`);
          await transitionCase(ctx, actor, { id, action: 'answer', outcome: 'upheld' });
          await transitionCase(ctx, actor, { id, action: 'close' });
          // Every seat tries to triage the same contested case: exactly one may succeed.
          const target = contested[(round + laneNo * ROUNDS) % contested.length]!;
          try {
            await transitionCase(ctx, actor, { id: target, action: 'triage' });
            won.set(target, (won.get(target) ?? 0) + 1);
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (code !== 'invalid_transition') unexpected.push(`${target}: ${code ?? String(error)}`);
          }
        }
      };
      await Promise.all(seats.flatMap((_, seat) => Array.from({ length: LANES }, (__, laneNo) => lane(seat, laneNo))));
      expect(unexpected).toEqual([]);

      const app = t.app;
      const created = 1 + contested.length + seats.length * LANES * ROUNDS;
      const numbers = (await rawQuery<{ number: number }>(app, 'SELECT number FROM cases ORDER BY number')).map((r) => r.number);
      expect(numbers).toEqual(Array.from({ length: created }, (_, i) => i + 1));
      expect(await rawValue(app, 'SELECT count(DISTINCT reference) FROM cases')).toBe(created);
      expect(await rawValue(app, "SELECT count(*) FROM case_events WHERE type = 'created'")).toBe(created);
      // No note lost, none twice.
      const notes = await rawQuery<{ text: string }>(app, "SELECT data FROM case_events WHERE case_id = ? AND type = 'note'", [shared]);
      expect(new Set(notes.map((n) => JSON.parse((n as unknown as { data: string }).data).text)).size).toBe(seats.length * LANES * ROUNDS);
      expect(notes).toHaveLength(seats.length * LANES * ROUNDS);
      // Every seat's own case: closed, with its three steps in order.
      const steps = await rawQuery<{ case_id: number; steps: string }>(app,
        `SELECT e.case_id, string_agg((e.data::jsonb) ->> 'action', ',' ORDER BY e.id) AS steps FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE c.subject LIKE 'Seat %' AND e.type = 'status_changed' GROUP BY e.case_id`);
      expect(steps).toHaveLength(seats.length * LANES * ROUNDS);
      expect(new Set(steps.map((s) => s.steps))).toEqual(new Set(['triage,answer,close']));
      expect(await rawValue(app, "SELECT count(*) FROM cases WHERE subject LIKE 'Seat %' AND status <> 'closed'")).toBe(0);
      // Each contested case was triaged exactly once: one winner, one event, the others refused.
      expect([...won.values()].every((n) => n === 1)).toBe(true);
      expect(won.size).toBe(contested.length);
      const triaged = await rawQuery<{ case_id: number; n: number }>(app,
        "SELECT case_id, count(*) AS n FROM case_events WHERE type = 'status_changed' AND case_id IN (" + contested.join(',') + ') GROUP BY case_id');
      expect(triaged.map((r) => r.n)).toEqual(contested.map(() => 1));
      // The counters the triggers keep equal count(*) after all of it.
      const counted = await rawQuery(app, 'SELECT status, kind, coalesce(department_id, 0) AS department_id, count(*) AS n FROM cases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
      expect(await rawQuery(app, 'SELECT status, kind, department_id, n FROM case_counts WHERE n > 0 ORDER BY 1, 2, 3')).toEqual(counted);
    } finally {
      for (const other of others) await other.close();
      await t.cleanup();
    }
  }, 300_000);
});

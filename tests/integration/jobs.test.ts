// Background jobs through the real runner: worker threads with their own connection, progress events to the starter's
// windows only, cancel and kill between and inside batches (only whole batches stay), and records that outlive the app.
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createDispatcher } from '../../main/api/dispatch.ts';
import type { JobRecord } from '../../main/api/types.ts';
import { openAppContext } from '../../main/app-context.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';
import { createCase } from '../../main/services/cases.ts';
import { adoptIdea, setImprovementStatus } from '../../main/services/improvements.ts';
import { exportYouSaidWeDid } from '../../main/services/improvement-reports.ts';
import { ADMIN_PASSWORD, openTempApp, rawValue, removeTempDirs, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const NOW = '2027-06-01T09:00:00';
const caseCount = (t: TempApp) => rawValue<number>(t.app, 'SELECT count(*) AS n FROM cases');

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background jobs', () => {
  it('export as a job: progress reaches only the starter, the file equals the direct export, nobody else sees the job', async () => {
    const t = await openTempApp(NOW);
    const department = await t.department('Straßen');
    const office = await t.user('petra', 'ombudsman');
    await t.user('jonas', 'deputy');
    const idea = await createCase(t.app.services, office, {
      kind: 'idea',
      channel: 'email',
      origin: 'external',
      subject: 'Mehr Bänke',
      description: '',
      departmentId: department,
      priority: 'normal',
      submitter: { anonymous: false, name: 'Erika Muster', email: 'erika@example.org', phone: null, address: null, organisation: null, language: 'de', consent: true, consentText: 'ok' },
    });
    const improvement = await adoptIdea(t.app.services, office, { caseId: idea, title: 'Bänke aufstellen', description: '' });
    await setImprovementStatus(t.app.services, office, { id: improvement, status: 'done', doneOn: '2027-05-01', note: 'Aufgestellt.' });

    const dispatch = createDispatcher(t.app, () => undefined);
    await dispatch('petra-window', 'login', { username: 'petra', password: STAFF_PASSWORD });
    await dispatch('jonas-window', 'login', { username: 'jonas', password: STAFF_PASSWORD });
    const heard: Record<string, JobRecord[]> = { petra: [], jonas: [] };
    // Job events only: on PostgreSQL every signed-in window also hears casesChanged (live refresh between seats).
    t.app.events.attach('petra-window', (name, payload) => name === 'jobProgress' && heard.petra!.push(payload as JobRecord));
    t.app.events.attach('jonas-window', (name, payload) => name === 'jobProgress' && heard.jonas!.push(payload as JobRecord));

    const started = await dispatch('petra-window', 'startJob', { kind: 'youSaidWeDidXlsx', params: { year: 2027, language: 'de' } });
    expect(started).toMatchObject({ ok: true, value: { kind: 'youSaidWeDidXlsx', status: 'running' } });
    const id = (started as { value: JobRecord }).value.id;
    const finished = await t.app.jobs.finished(id);
    expect(finished).toMatchObject({ status: 'done', resultName: 'you-said-we-did-2027.xlsx', error: null });
    expect(heard.petra!.at(-1)).toMatchObject({ id, status: 'done' });
    expect(heard.jonas).toEqual([]);

    const file = await dispatch('petra-window', 'jobResult', { id });
    if (!file.ok) throw new Error(JSON.stringify(file));
    const direct = await exportYouSaidWeDid(t.app.services, office, 2027, 'de');
    const sheets = (base64: string) => {
      const book = XLSX.read(Buffer.from(base64, 'base64'));
      return book.SheetNames.map((name) => XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1 }));
    };
    const fromJob = sheets((file.value as { dataBase64: string }).dataBase64);
    expect(fromJob).toEqual(sheets(direct.dataBase64));
    expect(JSON.stringify(fromJob)).toContain('Bänke aufstellen');

    // Someone else's job is unknown to them, for every job channel.
    for (const channel of ['jobResult', 'cancelJob'] as const) {
      expect(await dispatch('jonas-window', channel, { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await dispatch('jonas-window', 'listJobs', undefined)).toEqual({ ok: true, value: [] });
    // Only the administrator fills in demo data.
    expect(await dispatch('petra-window', 'startJob', { kind: 'demo', params: { cases: 5 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('petra-window', 'startJob', { kind: 'youSaidWeDidXlsx', params: { year: 1999, language: 'de' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'params.year' } },
    });
    await t.cleanup();
  }, 60_000);

  it('a cancelled demo keeps only whole batches and says so', async () => {
    const t = await openTempApp(NOW);
    const job = await t.app.jobs.start('demo', { cases: 5_000, seed: 3 }, SYSTEM_ACTOR);
    await until(() => (t.app.jobs.progress(job.id)?.done ?? 0) >= 200, 'the first progress');
    await t.app.jobs.cancel(job.id, SYSTEM_ACTOR);
    const ended = await t.app.jobs.finished(job.id);
    expect(ended.status).toBe('cancelled');
    const cases = await caseCount(t);
    expect(cases).toBeLessThan(5_000);
    expect(cases % 500).toBe(0);
    await t.cleanup();
  }, 120_000);

  it('a killed worker leaves whole batches only, and the record outlives the app as interrupted', async () => {
    const t = await openTempApp(NOW);
    const job = await t.app.jobs.start('demo', { cases: 5_000, seed: 4 }, SYSTEM_ACTOR);
    await until(() => (t.app.jobs.progress(job.id)?.done ?? 0) >= 700, 'the second batch under way');
    const killed = await t.app.jobs.kill(job.id);
    expect(killed.status).toBe('interrupted');
    const cases = await caseCount(t);
    expect(cases).toBeGreaterThanOrEqual(500);
    expect(cases).toBeLessThan(5_000);
    expect(cases % 500).toBe(0);
    // Every case that stayed is whole: its timeline starts with 'created' and its search entry exists.
    const orphans = await rawValue<number>(t.app, "SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'created')");
    expect(orphans).toBe(0);

    // A job still running when the app stops is found interrupted at the next start.
    const second = await t.app.jobs.start('demo', { cases: 5_000, seed: 5 }, SYSTEM_ACTOR);
    await until(() => (t.app.jobs.progress(second.id)?.done ?? 0) >= 100, 'the second job under way');
    await t.app.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await openAppContext({ dataDir: t.dir, now: () => new Date(NOW), adminPassword: ADMIN_PASSWORD, engine: t.engine });
    expect(await again.jobs.get(second.id, SYSTEM_ACTOR)).toMatchObject({ status: 'interrupted' });
    expect(await again.jobs.get(job.id, SYSTEM_ACTOR)).toMatchObject({ status: 'interrupted' });
    await again.close();
  }, 120_000);
});

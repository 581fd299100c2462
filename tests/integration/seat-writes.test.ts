// Writes at a seat that runs under its user's own login role (PostgreSQL, issue 11): a department head's write with a
// requestId (every button that writes sends one) must succeed. After such a write the dispatcher prunes old request ids,
// a DELETE that only the office's login may run: at a department head's seat it failed, and the call answered
// "internal" although the statement was already committed. On SQLite (one connection for everyone) the same walk runs
// as a plain check.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import { createCase } from '../../main/services/cases.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { onPostgres, openTempApp, rawQuery, removeTempDirs, STAFF_PASSWORD, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);

it('a department head returns a statement with a requestId at her own seat: the call succeeds, once', async () => {
  const t = await openTempApp('2027-08-23T09:00:00');
  let seat: AppContext | null = null;
  try {
    const roads = await t.department('Straßenbau');
    const office = await t.user('petra', 'ombudsman');
    await t.user('hanna', 'department_head', [roads]);
    const caseId = await createCase(t.app.services, office, {
      kind: 'complaint',
      channel: 'email',
      origin: 'external',
      subject: 'Schlagloch Hauptstraße',
      description: '',
      departmentId: roads,
      priority: 'normal',
      submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
    });
    await transitionCase(t.app.services, office, { id: caseId, action: 'forward', departmentId: roads });
    // The pruning runs at most hourly per dispatcher, and deletes only request ids older than a week: one to delete.
    await rawQuery(t.app, "INSERT INTO request_ids (id, channel, user_id, result, at) VALUES ('00000000-0000-4000-8000-000000000001', 'addCaseNote', ?, 'null', '2027-01-01T00:00:00.000Z')", [office.id]);

    // Her seat: on PostgreSQL her own login role over TCP with her password; on SQLite the same app.
    if (onPostgres && t.engine.kind === 'postgres') {
      const [role] = await rawQuery<{ role_name: string }>(t.app, 'SELECT l.role_name FROM login_roles l JOIN users u ON u.id = l.user_id WHERE u.username = ?', ['hanna']);
      const connection = { host: '127.0.0.1', port: t.engine.connection.port!, database: t.engine.connection.database, user: role!.role_name, password: STAFF_PASSWORD };
      seat = await openAppContext({ dataDir: tempDir(), now: () => new Date('2027-08-23T09:00:00'), engine: { kind: 'postgres', connection } satisfies EngineConfig });
      expect(seat.engine.seatUserId, 'the seat runs under her login role').not.toBeNull();
    }
    const dispatch = createDispatcher(seat ?? t.app, () => undefined);
    // The sign-in form asks whose seat this is (before anyone signs in): hers at her seat, nobody's on SQLite.
    expect(await dispatch('hanna', 'appInfo', undefined)).toMatchObject({ ok: true, value: { seatUsername: onPostgres ? 'hanna' : null } });
    expect(await createDispatcher(t.app, () => undefined)('owner', 'appInfo', undefined)).toMatchObject({ ok: true, value: { seatUsername: null } });
    expect(await dispatch('hanna', 'login', { username: 'hanna', password: STAFF_PASSWORD })).toMatchObject({ ok: true });

    const requestId = randomUUID();
    const input = { id: caseId, action: 'return_from_department', statement: 'Wird am Mittwoch verfüllt.', requestId };
    const first = await dispatch('hanna', 'transitionCase', input);
    expect(first).toMatchObject({ ok: true, value: { status: 'open' } });
    // The double click: the same requestId answers with the stored result and writes nothing more.
    expect(await dispatch('hanna', 'transitionCase', input)).toEqual(first);
    const returned = await rawQuery<{ n: number }>(
      t.app,
      onPostgres
        ? "SELECT count(*)::int AS n FROM case_events WHERE case_id = ? AND type = 'status_changed' AND data::jsonb ->> 'action' = 'return_from_department'"
        : "SELECT count(*) AS n FROM case_events WHERE case_id = ? AND type = 'status_changed' AND json_extract(data, '$.action') = 'return_from_department'",
      [caseId],
    );
    expect(Number(returned[0]!.n)).toBe(1);
    // Her request id is remembered; the office's old one stays for the office's own seats to prune (on PostgreSQL her
    // login may not delete it), while on SQLite the one connection prunes it.
    const ids = (await rawQuery<{ id: string }>(t.app, 'SELECT id FROM request_ids ORDER BY id')).map((row) => row.id);
    expect(ids).toContain(requestId);
    expect(ids.includes('00000000-0000-4000-8000-000000000001')).toBe(onPostgres);
  } finally {
    await seat?.close();
    await t.cleanup();
  }
});

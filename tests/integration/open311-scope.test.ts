// Migration 0020 on either engine (npm run test:pg runs it on PostgreSQL): Open311 requests imported before it, all
// under the source kind 'open311', get the key an import gives now (main/jobs/table-jobs.ts, open311Scope): a file's
// from the file name in its case's import event, a poll's from its import's URL without the query, plus the
// jurisdiction_id. The import itself (two cities, the same id) is tested in table-import.test.ts.
import { afterAll, expect, it } from 'vitest';
import { migration as postgresMigration } from '../../main/db/postgres/migrations/0020_open311_scope.ts';
import type { PostgresEngine } from '../../main/db/postgres/index.ts';
import { migration as sqliteMigration } from '../../main/db/sqlite/migrations/0020_open311_scope.ts';
import { open311Scope } from '../../main/jobs/table-jobs.ts';
import { open311RequestsUrl } from '../../main/io/open311.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';
import { beginImport } from '../../main/services/imports.ts';
import { importRowsBatch } from '../../main/services/table-imports.ts';
import { onPostgres, openTempApp, rawDb, rawQuery, removeTempDirs } from '../support/temp-app.ts';

afterAll(removeTempDirs);

it('0020 keys the Open311 requests imported before it as an import keys them now', async () => {
  const t = await openTempApp('2027-03-01T09:00:00');
  const services = t.app.services;
  const row = { kind: 'complaint' as const, channel: 'web' as const, origin: 'external' as const, receivedAt: null, subject: 'Pothole', description: 'Schlagloch', name: null, email: null, phone: null, address: null, categoryId: null, departmentId: null, externalId: null };
  const item = (externalId: string, source: string) => ({ name: externalId, sourceKind: 'open311', externalId, row, event: { type: 'open311_imported' as const, data: { source } } });
  const url = open311RequestsUrl('https://311.example.org/open311/v2/', { startDate: '2027-01-01T00:00:00Z', endDate: null, jurisdictionId: 'soest.de' });
  // One import of two files (its source names both; each case's event names its file), and one poll.
  const files = await beginImport(services, SYSTEM_ACTOR, { kind: 'open311', source: 'soest.json, lippstadt.xml', jobId: null });
  await importRowsBatch(services, SYSTEM_ACTOR, files, [item('101', 'soest.json'), item('102', 'lippstadt.xml')]);
  const poll = await beginImport(services, SYSTEM_ACTOR, { kind: 'open311', source: url.href, jobId: null });
  await importRowsBatch(services, SYSTEM_ACTOR, poll, [item('103', url.host)]);

  if (onPostgres) await (t.app.engine as PostgresEngine).pool.query(postgresMigration.sql);
  else rawDb(t.app).exec(sqliteMigration.sql);
  expect(await rawQuery(t.app, 'SELECT source_kind, external_id FROM imported_sources ORDER BY external_id')).toEqual([
    { source_kind: open311Scope({ fileName: 'soest.json' }), external_id: '101' },
    { source_kind: open311Scope({ fileName: 'lippstadt.xml' }), external_id: '102' },
    { source_kind: open311Scope({ url }), external_id: '103' },
  ]);
  expect(open311Scope({ url })).toBe('open311:https://311.example.org/open311/v2/requests.json#soest.de');
}, 30_000);

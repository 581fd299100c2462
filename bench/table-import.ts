// Benchmark entry (issue 12, not a timed test): the 6,623-row CFPB export imported end to end (read, header found,
// parsed, mapped, batches of 500 with case, timeline event and idempotency record each), target <= 3 s, against the raw
// insert of the same rows into cases (one prepared INSERT per row in one transaction; no events, no sources) as the ratio.
//   node --experimental-strip-types bench/table-import.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppContext } from '../main/app-context.ts';
import type { SqliteEngine } from '../main/db/sqlite/index.ts';
import { mapTableRow } from '../main/domain/table-mapping.ts';
import { parseTable } from '../main/io/table.ts';
import { importTableJob } from '../main/jobs/table-jobs.ts';
import { SYSTEM_ACTOR } from '../main/services/actor.ts';
import { EMPTY_TABLE_MAPPING, type TableMapping } from '../main/vocabulary/imports.ts';

const FILE = path.resolve(import.meta.dirname, '../tests/fixtures/complaints/cfpb_complaints_sample_BDM_HW3.csv');
const MAPPING: TableMapping = {
  ...EMPTY_TABLE_MAPPING,
  columns: { ...EMPTY_TABLE_MAPPING.columns, receivedAt: 'Date received', channel: 'Submitted via', subject: 'Issue', description: ['Consumer complaint narrative', 'Product', 'Issue', 'Sub-issue'] },
  externalId: 'Complaint ID',
  dateOrder: 'mdy',
};

async function endToEnd(): Promise<{ ms: number; counts: Record<string, number> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-table-'));
  const app = await openAppContext({ dataDir: dir });
  try {
    const start = performance.now();
    const counts = await importTableJob(
      { services: app.services, actor: SYSTEM_ACTOR, jobId: null, dataDir: dir, progress() {}, checkCancelled() {} },
      { source: 'bench', file: { name: 'cfpb.csv', path: FILE }, sheet: null, mapping: MAPPING },
      'imports',
    );
    return { ms: performance.now() - start, counts };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rawInsert(): Promise<{ ms: number; rows: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-table-raw-'));
  const app = await openAppContext({ dataDir: dir });
  try {
    const table = parseTable({ fileName: 'cfpb.csv', bytes: readFileSync(FILE) });
    const lookups = { departments: new Map<string, number>(), categories: new Map<string, number>() };
    const now = new Date();
    const rows = table.rows.map((cells) => mapTableRow(table.headers, cells, MAPPING, lookups, now).row!);
    const sqlite = (app.engine as SqliteEngine).sqlite;
    const insert = sqlite.prepare(
      `INSERT INTO cases (reference, year, number, kind, channel, origin, received_at, received_on, subject, description, status, stage_started_on, ack_due, response_due, created_at, updated_at)
       VALUES (?, 2027, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)`,
    );
    const start = performance.now();
    sqlite.transaction(() => {
      rows.forEach((row, index) => {
        const received = row.receivedAt ?? now.toISOString();
        const day = received.slice(0, 10);
        insert.run(`2027-${String(index + 1).padStart(5, '0')}`, index + 1, row.kind, row.channel, row.origin, received, day, row.subject, row.description, day, day, day, received, received);
      });
    })();
    return { ms: performance.now() - start, rows: rows.length };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const app = await endToEnd();
const raw = await rawInsert();
console.log(`table import: CFPB export (${raw.rows.toLocaleString('en')} rows) end to end ${(app.ms / 1000).toFixed(2)} s (target <= 3 s; new ${app.counts.new}) vs raw insert of the same rows ${raw.ms.toFixed(0)} ms: ratio ${(app.ms / raw.ms).toFixed(1)}x`);

// Benchmark entries of issue 13, point 7 (not timed tests): the yearly report's data (reportData for the year with the
// most cases; target <= 2 s) and the XLSX export of 100,000 cases through the job path (tableExport started through the
// job runner: worker thread, batches of listCases, the workbook written, the file read back as the window fetches it;
// target <= 10 s) against the same rows written by SheetJS directly (aoa_to_sheet + writeFile) as the ratio.
//   node --experimental-strip-types --no-warnings bench/exports.ts [--data-dir DIR] [--cases N] [--runs N]
// Without --data-dir it generates the demo cases first (about a minute per 100,000 on the 2-core machine).
import * as fs from 'node:fs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from 'xlsx';
import { openAppContext } from '../main/app-context.ts';
import type { SqliteEngine } from '../main/db/sqlite/index.ts';
import { generateDemoData } from '../main/demo/demo-data.ts';
import type { Actor } from '../main/services/actor.ts';
import { listCases } from '../main/services/case-list.ts';
import { reportData } from '../main/services/reports.ts';
import { caseExportRow, EXPORT_BATCH } from '../main/services/table-exports.ts';

XLSX.set_fs(fs); // the ES module build writes files only through the fs it is given

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' }, 'data-dir': { type: 'string' } } });
const REUSE = values['data-dir'];
const RUNS = Number(values.runs);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const dataDir = REUSE ? path.resolve(REUSE) : mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-exports-'));
const app = await openAppContext({ dataDir, adminPassword: 'bench-admin-password' });
const db = app.engine as SqliteEngine;
try {
  if (!REUSE) {
    console.log(`Generating ${Number(values.cases).toLocaleString('en')} demo cases in ${dataDir} ...`);
    await generateDemoData(app.services, { cases: Number(values.cases), seed: 42, until: new Date() });
  }
  const cases = db.sqlite.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const ombudsman = db.sqlite.prepare("SELECT id FROM users WHERE username = 'ombudsman'").pluck().get() as number;
  const actor: Actor = { id: ombudsman, role: 'ombudsman', departmentIds: [] };
  const year = db.sqlite.prepare("SELECT substr(received_on, 1, 4) AS y FROM cases GROUP BY y ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;

  // (a) The yearly report's data, as the report view and the report XLSX job read it.
  await reportData(app.services, actor, { period: year }); // warm-up
  const reportSamples: number[] = [];
  let yearCases = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const data = await reportData(app.services, actor, { period: year });
    reportSamples.push(performance.now() - start);
    yearCases = data.byKind.reduce((sum, c) => sum + c.count, 0);
  }

  // (b) The inbox's "All" view (every case, by received, newest first) to XLSX through the job runner, as the window
  // starts it; then the same rows written by SheetJS directly.
  const params = { table: 'cases' as const, filter: {}, sort: { column: 'receivedAt' as const, direction: 'desc' as const }, format: 'xlsx' as const, language: 'de' as const };
  const jobSamples: number[] = [];
  let fileBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const job = await app.jobs.start('tableExport', params, actor);
    const ended = await app.jobs.finished(job.id);
    if (ended.status !== 'done') throw new Error(`export job ${ended.status}: ${JSON.stringify(ended.error)}`);
    const file = await app.jobs.result(job.id, actor);
    jobSamples.push(performance.now() - start);
    fileBytes = Buffer.byteLength(file.dataBase64, 'base64');
  }
  // The same rows, read the way the job reads them (pages of EXPORT_BATCH), untimed.
  const rows: unknown[][] = [['Aktenzeichen', 'Eingang', 'Art', 'Kanal', 'Herkunft', 'Betreff', 'Name', 'Fachbereich', 'Status', 'Stufe', 'Priorität', 'Bearbeitung', 'Antwort fällig', 'Arbeitstage übrig', 'Überfällig']];
  for (let offset = 0; offset < cases; offset += EXPORT_BATCH) {
    const page = await listCases(app.services, actor, { filter: {}, sort: params.sort, limit: EXPORT_BATCH, offset });
    rows.push(...page.rows.map(caseExportRow));
    if (page.rows.length < EXPORT_BATCH) break;
  }
  const out = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-bench-sheetjs-'));
  const directSamples: number[] = [];
  let directBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const file = path.join(out, `cases-${i}.xlsx`);
    const start = performance.now();
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Fälle');
    XLSX.writeFile(book, file, { compression: true });
    directSamples.push(performance.now() - start);
    directBytes = statSync(file).size;
  }
  rmSync(out, { recursive: true, force: true });

  const report = median(reportSamples);
  const exportMs = median(jobSamples);
  const direct = median(directSamples);
  console.log(`${cases.toLocaleString('en')} cases; medians of ${RUNS} runs`);
  console.log(`yearly report data (reportData ${year}, ${yearCases.toLocaleString('en')} cases in the year): ${report.toFixed(0)} ms (target <= 2 s)`);
  console.log(`XLSX export of ${(rows.length - 1).toLocaleString('en')} cases through the job path: ${(exportMs / 1000).toFixed(2)} s (target <= 10 s; ${(fileBytes / 1e6).toFixed(1)} MB) vs SheetJS directly (aoa_to_sheet + writeFile of the same rows) ${(direct / 1000).toFixed(2)} s (${(directBytes / 1e6).toFixed(1)} MB): ratio ${(exportMs / direct).toFixed(2)}x`);
} finally {
  await app.close();
  if (!REUSE) rmSync(dataDir, { recursive: true, force: true });
}

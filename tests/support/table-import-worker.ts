// Run as a separate process by the table import's crash test: imports a CSV file in small batches through the same
// function the importTable job runs, printing "batch" after each committed batch (the test kills it with SIGKILL).
import { openAppContext } from '../../main/app-context.ts';
import { importTableJob } from '../../main/jobs/table-jobs.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';
import type { TableMapping } from '../../main/vocabulary/imports.ts';

const [dataDir, file, mappingJson, batchText, slowText] = process.argv.slice(2);
const app = await openAppContext({ dataDir: dataDir! });
const counts = await importTableJob(
  {
    services: app.services,
    actor: SYSTEM_ACTOR,
    jobId: null,
    dataDir: dataDir!,
    progress(done) {
      if (done > 0) process.stdout.write(`batch ${done}\n`);
      // Slowed down on request, so that the kill lands between and inside batches.
      const until = Date.now() + Number(slowText ?? 0);
      while (Date.now() < until);
    },
    checkCancelled() {},
  },
  { source: file!, file: { name: 'nyc311.csv', path: file! }, sheet: null, mapping: JSON.parse(mappingJson!) as TableMapping, batchSize: Number(batchText) },
  'imports',
);
process.stdout.write(`done ${JSON.stringify(counts)}\n`);
await app.close();

// Background jobs: started with their kind's params, followed by jobProgress events, only ever by who started them.
import { z } from 'zod';
import type { JobKind } from '../../vocabulary/jobs.ts';
import { JOB_DEFINITIONS } from '../../jobs/definitions.ts';
import { startJobInput } from '../../jobs/params.ts';
import { fail } from '../../services/errors.ts';
import { actorOf, CASE_READERS, channel, id, IMPROVEMENT_READERS, isAllowed, none, OFFICE, out, type Access } from '../define.ts';
import type { ExportFile, JobRecord } from '../types.ts';

/** Who may start each kind from a window (the CLI runs as the system). */
export const JOB_ACCESS: Record<JobKind, Access> = {
  // Demo data is for a trial installation: only the administrator, and only into an office without cases (definitions.ts).
  demo: ['admin'],
  // Whoever may export it directly (exportYouSaidWeDid): a department head's file holds only their own people.
  youSaidWeDidXlsx: IMPROVEMENT_READERS,
  // Whoever opens cases: the office. Started through importMailFiles (main/api/areas/imports.ts), never startJob.
  importMail: OFFICE,
  // Table and Open311 imports likewise, through their channels in the imports area.
  previewTable: OFFICE,
  importTable: OFFICE,
  importOpen311: OFFICE,
  open311Poll: OFFICE,
  // Whoever reads reports and lists: department scope is applied by the services the jobs call.
  reportXlsx: CASE_READERS,
  tableExport: CASE_READERS,
  // The office's mailbox, fetched on demand (fetchMailNow in main/api/areas/imports.ts) or by the poll timer.
  pollMailbox: OFFICE,
  // Web votes for the barometer, like paper tallies the office's: through importWebVotes (main/api/areas/barometer.ts).
  importBarometerVotes: OFFICE,
};

export const jobsChannels = {
  // Background jobs: started with their kind's params, followed by jobProgress events, only ever by who started them.
  // Each job kind names who may start it (main/jobs/definitions.ts); a job is seen only by who started it.
  startJob: channel({
    access: 'signed_in',
    input: startJobInput,
    output: out<JobRecord>(),
    handler: async (call, input) => {
      const actor = actorOf(call);
      if (!isAllowed(JOB_ACCESS[input.kind], actor.role)) fail('forbidden');
      await (JOB_DEFINITIONS[input.kind].check as ((...args: unknown[]) => Promise<void>) | undefined)?.(call.app.services, actor, input.params);
      return call.app.jobs.start(input.kind, input.params, actor);
    },
  }),
  cancelJob: channel({
    access: 'signed_in',
    input: z.strictObject({ id }),
    output: out<JobRecord>(),
    handler: (call, input) => call.app.jobs.cancel(input.id, actorOf(call)),
  }),
  listJobs: channel({
    access: 'signed_in',
    input: none,
    output: out<JobRecord[]>(),
    handler: (call) => call.app.jobs.list(actorOf(call)),
  }),
  jobResult: channel({
    access: 'signed_in',
    input: z.strictObject({ id }),
    output: out<ExportFile>(),
    handler: (call, input) => call.app.jobs.result(input.id, actorOf(call)),
  }),
};

// What each kind of background job takes, who may start it, and what it does. A job runs in a worker thread with a
// connection of its own; it reports progress, checks for cancellation between batches, and each batch commits whole.
import { z } from 'zod';
import { generateDemoData } from '../demo/demo-data.ts';
import type { Actor } from '../services/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { exportYouSaidWeDid } from '../services/improvement-reports.ts';
import type { JobKind } from '../vocabulary/jobs.ts';
import { JOB_PARAMS } from './params.ts';
import { fail } from '../services/errors.ts';

export interface JobRun<P> {
  services: ServiceContext;
  actor: Actor;
  params: P;
  /** done of total (null: not known yet), in a named phase. */
  progress(done: number, total: number | null, phase?: string): void;
  /** Throws JobCancelled once a cancel was asked for: call it between batches, never inside one. */
  checkCancelled(): void;
}

export interface JobOutcome {
  counts: Record<string, number>;
  /** A produced file: written by the worker under a temporary name, renamed when complete. */
  result?: { name: string; mediaType: string; bytes: Uint8Array };
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

interface JobDefinition<S extends z.ZodType> {
  params: S;
  /** Checked in main before the job starts (a refusal is an API error, not a failed job). */
  check?(services: ServiceContext, actor: Actor, params: z.infer<S>): Promise<void>;
  run(job: JobRun<z.infer<S>>): Promise<JobOutcome>;
}

function define<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export const JOB_DEFINITIONS = {
  demo: define({
    params: JOB_PARAMS.demo,
    async check(services, actor) {
      // From a window, demo data only goes into an office that has no cases yet (a trial); the CLI may add more.
      if (actor.id === null) return;
      const any = await services.read.selectFrom('cases').select('id').limit(1).executeTakeFirst();
      if (any) fail('demo_needs_empty_office');
    },
    async run({ services, params, progress, checkCancelled }) {
      const created = await generateDemoData(services, {
        cases: params.cases,
        seed: params.seed,
        until: params.until ? new Date(params.until) : services.now(),
        onProgress: (done, total) => {
          progress(done, total, 'cases');
          checkCancelled();
        },
      });
      return { counts: { cases: created } };
    },
  }),
  youSaidWeDidXlsx: define({
    params: JOB_PARAMS.youSaidWeDidXlsx,
    async run({ services, actor, params, progress }) {
      progress(0, 1, 'collect');
      const file = await exportYouSaidWeDid(services, actor, params.year, params.language);
      progress(1, 1, 'write');
      return { counts: {}, result: { name: file.fileName, mediaType: file.mediaType, bytes: Buffer.from(file.dataBase64, 'base64') } };
    },
  }),
} satisfies Record<JobKind, JobDefinition<z.ZodType>>;

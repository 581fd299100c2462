// Runs background jobs in worker threads and keeps their record: progress as it comes (sent to the starter's windows),
// cancel on request, and at start-up the runs a stopped app left behind are marked interrupted.
import { sqliteConfig, type EngineConfig } from '../db/open.ts';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ApiError } from '../services/errors.ts';
import type { ExportFile, JobRecord } from '../types/jobs.ts';
import { readJson } from '../db/json.ts';
import type { Actor } from '../services/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { fail } from '../services/errors.ts';
import type { JobKind, JobStatus } from '../vocabulary/jobs.ts';
import type { FromWorker, WorkerInput } from './protocol.ts';

export const JOBS_FOLDER = 'jobs';

export interface JobProgress {
  done: number;
  total: number | null;
  phase: string | null;
}

export interface JobRunner {
  /** Starts a job for this actor (params already checked against the kind's schema); the record as it is now. */
  start(kind: JobKind, params: unknown, actor: Actor, secrets?: Record<string, string>): Promise<JobRecord>;
  cancel(id: number, actor: Actor): Promise<JobRecord>;
  get(id: number, actor: Actor): Promise<JobRecord>;
  list(actor: Actor): Promise<JobRecord[]>;
  /** The progress of a running job, from memory (null once it has ended). */
  progress(id: number): JobProgress | null;
  /** The file a finished job produced. */
  result(id: number, actor: Actor): Promise<ExportFile>;
  /** Resolves when the job has ended (for the CLI and tests). */
  finished(id: number): Promise<JobRecord>;
  /** Stops the worker at once, wherever it is (what it committed stays); the job is recorded as interrupted. */
  kill(id: number): Promise<JobRecord>;
  /** The app quits: workers are stopped without waiting, and the next start records their jobs as interrupted. */
  close(): void;
}

/** The one event the runner sends: a job's record, to the windows of the user who started it. */
export interface JobEvents {
  toUser(userId: number, name: 'jobProgress', payload: JobRecord): void;
}

interface Options {
  services: ServiceContext;
  dataDir: string;
  /** The database a job's worker connects to (default: SQLite in the data folder). */
  engine?: EngineConfig;
  /** Where progress goes: the app's event hub (main/api/events.ts), which the runner knows only by this much. */
  events?: JobEvents;
}

interface Running {
  worker: Worker;
  ended: Promise<JobRecord>;
  /** Progress lives in memory while the job runs (a write per message would wait behind the worker's batch). */
  progress: JobProgress;
}

const WORKER_FILE = import.meta.url.endsWith('.ts') ? 'worker.ts' : 'job-worker.js';
const countsSchema = z.record(z.string(), z.number());
const errorSchema = z.object({ code: z.string(), details: z.record(z.string(), z.unknown()).optional() });

export async function createJobRunner({ services, dataDir, engine = sqliteConfig(dataDir), events }: Options): Promise<JobRunner> {
  const folder = path.join(dataDir, JOBS_FOLDER);
  mkdirSync(folder, { recursive: true });
  const running = new Map<number, Running>();
  /** After close() the database is gone: workers that still report are not recorded (the next start marks them). */
  let closed = false;
  const now = () => services.now().toISOString();

  // Whatever was running when the app stopped did not finish: its committed batches stay, the record says so; a file
  // it was writing never got its final name and goes.
  for (const name of readdirSync(folder)) if (name.endsWith('.partial')) rmSync(path.join(folder, name), { force: true });
  await services.tx((ctx) => ctx.db.updateTable('jobs').set({ status: 'interrupted', finished_at: now() }).where('status', '=', 'running').execute());

  const record = async (id: number): Promise<JobRecord> => {
    const stored = (await services.read.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? fail('not_found', { id });
    const live = running.get(id)?.progress;
    const row = live && stored.status === 'running' ? { ...stored, ...live } : stored;
    return {
      id: row.id,
      kind: row.kind as JobKind,
      status: row.status as JobStatus,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      done: row.done,
      total: row.total,
      phase: row.phase,
      counts: readJson(row.counts, countsSchema),
      error: row.error === null ? null : (readJson(row.error, errorSchema) as ApiError),
      resultName: row.result_name,
    };
  };

  const ownRecord = async (id: number, actor: Actor): Promise<JobRecord> => {
    const row = await services.read.selectFrom('jobs').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
    // Someone else's job is as unknown as a job that does not exist.
    if (!row || row.user_id !== actor.id) fail('not_found', { id });
    return record(id);
  };

  const notify = async (id: number, userId: number | null) => {
    if (events && userId !== null) events.toUser(userId, 'jobProgress', await record(id));
  };

  type Ending = { counts?: Record<string, number>; error?: ApiError; result?: { name: string; mediaType: string } | null };
  const finish = (id: number, status: JobStatus, patch: Ending) =>
    services.tx((ctx) =>
      ctx.db
        .updateTable('jobs')
        .set({
          status,
          finished_at: now(),
          ...(running.get(id)?.progress ?? {}),
          ...(patch.counts ? { counts: JSON.stringify(patch.counts) } : {}),
          ...(patch.error ? { error: JSON.stringify(patch.error) } : {}),
          ...(patch.result ? { result_file: `${id}.result`, result_name: patch.result.name, result_type: patch.result.mediaType } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute(),
    );

  return {
    async start(kind, params, actor, secrets) {
      const { id } = await services.tx((ctx) =>
        ctx.db
          .insertInto('jobs')
          .values({ kind, status: 'running', user_id: actor.id, params: JSON.stringify(params ?? {}), started_at: now() })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      const input: WorkerInput = {
        jobId: id,
        kind,
        params,
        actor,
        dataDir,
        engine,
        clockOffsetMs: services.now().getTime() - Date.now(),
        resultPath: path.join(folder, `${id}.result`),
        // Passwords the job needs (the mailbox's): handed to the worker in memory, never written to the jobs table.
        secrets: secrets ?? {},
      };
      const worker = new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: input });
      let settled = false;
      const ended = new Promise<JobRecord>((resolve, reject) => {
        const end = (status: JobStatus, patch: Ending) => {
          if (settled || closed) return;
          settled = true;
          finish(id, status, patch)
            .then(async () => {
              running.delete(id);
              const last = await record(id);
              if (events && actor.id !== null) events.toUser(actor.id, 'jobProgress', last);
              resolve(last);
            })
            .catch(reject);
        };
        worker.on('message', (message: FromWorker) => {
          switch (message.type) {
            case 'progress': {
              const job = running.get(id);
              if (closed || !job) break;
              job.progress = { done: message.done, total: message.total, phase: message.phase };
              notify(id, actor.id).catch(() => undefined);
              break;
            }
            case 'done':
              end('done', { counts: message.counts, result: message.result });
              break;
            case 'cancelled':
              end('cancelled', {});
              break;
            case 'failed':
              end('failed', { error: message.error });
              break;
          }
        });
        worker.on('error', (error) => {
          console.error(`ombudsdesk: job ${id} (${kind}) crashed`, error);
          end('failed', { error: { code: 'internal' } });
        });
        // Terminated (the app closing) or gone without a word: interrupted, whatever it committed stays.
        worker.on('exit', () => end('interrupted', {}));
      });
      running.set(id, { worker, ended, progress: { done: 0, total: null, phase: null } });
      return record(id);
    },
    async cancel(id, actor) {
      const current = await ownRecord(id, actor);
      running.get(id)?.worker.postMessage({ type: 'cancel' });
      return current;
    },
    get: ownRecord,
    async list(actor) {
      const rows = await services.read.selectFrom('jobs').select('id').where((eb) => (actor.id === null ? eb('user_id', 'is', null) : eb('user_id', '=', actor.id))).orderBy('id', 'desc').limit(50).execute();
      return Promise.all(rows.map((row) => record(row.id)));
    },
    progress: (id) => running.get(id)?.progress ?? null,
    async result(id, actor) {
      await ownRecord(id, actor);
      const row = (await services.read.selectFrom('jobs').select(['status', 'result_file', 'result_name', 'result_type']).where('id', '=', id).executeTakeFirst())!;
      if (row.status !== 'done' || !row.result_file || !row.result_name || !row.result_type) fail('not_found', { id });
      return { fileName: row.result_name, mediaType: row.result_type, dataBase64: readFileSync(path.join(folder, row.result_file)).toString('base64') };
    },
    finished(id) {
      return running.get(id)?.ended ?? record(id);
    },
    async kill(id) {
      const job = running.get(id);
      if (!job) return record(id);
      await job.worker.terminate();
      return job.ended;
    },
    close() {
      closed = true;
      for (const { worker } of running.values()) void worker.terminate();
      running.clear();
    },
  };
}

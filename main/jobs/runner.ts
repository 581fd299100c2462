// Runs background jobs in worker threads and keeps their record: progress as it comes (sent to the starter's windows),
// cancel on request, and at start-up the runs a stopped app left behind are marked interrupted.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventHub } from '../api/events.ts';
import type { ApiError, ExportFile, JobRecord } from '../api/types.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../services/actor.ts';
import type { Clock } from '../services/clock.ts';
import { fail } from '../services/errors.ts';
import type { JobKind, JobStatus } from '../vocabulary/jobs.ts';
import { JOB_DEFINITIONS } from './definitions.ts';
import type { FromWorker, WorkerInput } from './protocol.ts';

export const JOBS_FOLDER = 'jobs';

export interface JobRunner {
  /** Starts a job for this actor (params already checked against the kind's schema); the record as it is now. */
  start(kind: JobKind, params: unknown, actor: Actor): JobRecord;
  cancel(id: number, actor: Actor): JobRecord;
  get(id: number, actor: Actor): JobRecord;
  list(actor: Actor): JobRecord[];
  /** The file a finished job produced. */
  result(id: number, actor: Actor): ExportFile;
  /** Resolves when the job has ended (for the CLI and tests). */
  finished(id: number): Promise<JobRecord>;
  /** Stops the worker at once, wherever it is (what it committed stays); the job is recorded as interrupted. */
  kill(id: number): Promise<JobRecord>;
  /** The app quits: workers are stopped without waiting, and the next start records their jobs as interrupted. */
  close(): void;
}

interface Options {
  db: Db;
  databaseFile: string;
  dataDir: string;
  now: Clock;
  events?: EventHub;
}

interface Running {
  worker: Worker;
  userId: number | null;
  ended: Promise<JobRecord>;
  /** Progress lives in memory while the job runs (a write per message would wait behind the worker's batch). */
  progress: { done: number; total: number | null; phase: string | null };
}

const WORKER_FILE = import.meta.url.endsWith('.ts') ? 'worker.ts' : 'job-worker.js';

export function createJobRunner({ db, databaseFile, dataDir, now, events }: Options): JobRunner {
  const folder = path.join(dataDir, JOBS_FOLDER);
  mkdirSync(folder, { recursive: true });
  const running = new Map<number, Running>();
  /** After close() the database is gone: workers that still report are not recorded (the next start marks them). */
  let closed = false;

  // Whatever was running when the app stopped did not finish: its committed batches stay, the record says so; a file
  // it was writing never got its final name and goes.
  for (const name of readdirSync(folder)) if (name.endsWith('.partial')) rmSync(path.join(folder, name), { force: true });
  db.run(db.q.updateTable('jobs').set({ status: 'interrupted', finished_at: now().toISOString() }).where('status', '=', 'running'));

  const record = (id: number): JobRecord => {
    const stored = db.first(db.q.selectFrom('jobs').selectAll().where('id', '=', id)) ?? fail('not_found', { id });
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
      counts: JSON.parse(row.counts) as Record<string, number>,
      error: row.error === null ? null : (JSON.parse(row.error) as ApiError),
      resultName: row.result_name,
    };
  };

  const ownRecord = (id: number, actor: Actor): JobRecord => {
    const row = db.first(db.q.selectFrom('jobs').select(['id', 'user_id']).where('id', '=', id));
    // Someone else's job is as unknown as a job that does not exist.
    if (!row || row.user_id !== actor.id) fail('not_found', { id });
    return record(id);
  };

  const notify = (id: number, userId: number | null) => {
    if (events && userId !== null) events.toUser(userId, 'jobProgress', record(id));
  };

  const finish = (id: number, status: JobStatus, patch: { counts?: Record<string, number>; error?: ApiError; result?: { name: string; mediaType: string } | null }) => {
    const progress = running.get(id)?.progress;
    db.run(
      db.q
        .updateTable('jobs')
        .set({
          status,
          finished_at: now().toISOString(),
          ...(progress ?? {}),
          ...(patch.counts ? { counts: JSON.stringify(patch.counts) } : {}),
          ...(patch.error ? { error: JSON.stringify(patch.error) } : {}),
          ...(patch.result ? { result_file: `${id}.result`, result_name: patch.result.name, result_type: patch.result.mediaType } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'running'),
    );
  };

  return {
    start(kind, params, actor) {
      const definition = JOB_DEFINITIONS[kind];
      const checked = definition.params.safeParse(params);
      if (!checked.success) fail('invalid_input', { field: String(checked.error.issues[0]?.path[0] ?? 'params') });
      const { id } = db.first(
        db.q
          .insertInto('jobs')
          .values({ kind, status: 'running', user_id: actor.id, params: JSON.stringify(checked.data), started_at: now().toISOString() })
          .returning('id'),
      )!;
      const input: WorkerInput = {
        jobId: id,
        kind,
        params: checked.data,
        actor,
        databaseFile,
        clockOffsetMs: now().getTime() - Date.now(),
        resultPath: path.join(folder, `${id}.result`),
      };
      const worker = new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: input });
      let settled = false;
      const ended = new Promise<JobRecord>((resolve) => {
        const end = (status: JobStatus, patch: Parameters<typeof finish>[2]) => {
          if (settled || closed) return;
          settled = true;
          finish(id, status, patch);
          running.delete(id);
          const ended = record(id);
          if (events && actor.id !== null) events.toUser(actor.id, 'jobProgress', ended);
          resolve(ended);
        };
        worker.on('message', (message: FromWorker) => {
          switch (message.type) {
            case 'progress': {
              const job = running.get(id);
              if (closed || !job) break;
              job.progress = { done: message.done, total: message.total, phase: message.phase };
              notify(id, actor.id);
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
      running.set(id, { worker, userId: actor.id, ended, progress: { done: 0, total: null, phase: null } });
      return record(id);
    },
    cancel(id, actor) {
      const current = ownRecord(id, actor);
      running.get(id)?.worker.postMessage({ type: 'cancel' });
      return current;
    },
    get: ownRecord,
    list(actor) {
      const ids = db.all(db.q.selectFrom('jobs').select('id').where('user_id', 'is', actor.id).orderBy('id', 'desc').limit(50));
      return ids.map((row) => record(row.id));
    },
    result(id, actor) {
      ownRecord(id, actor);
      const row = db.first(db.q.selectFrom('jobs').select(['status', 'result_file', 'result_name', 'result_type']).where('id', '=', id))!;
      if (row.status !== 'done' || !row.result_file || !row.result_name || !row.result_type) fail('not_found', { id });
      return { fileName: row.result_name, mediaType: row.result_type, dataBase64: readFileSync(path.join(folder, row.result_file)).toString('base64') };
    },
    finished(id) {
      return running.get(id)?.ended ?? Promise.resolve(record(id));
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

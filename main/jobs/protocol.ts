// The messages between the job runner (main thread) and a job's worker thread.
import type { ApiError } from '../services/errors.ts';
import type { EngineConfig } from '../db/open.ts';
import type { Actor } from '../services/actor.ts';
import type { JobKind } from '../vocabulary/jobs.ts';

export interface WorkerInput {
  jobId: number;
  kind: JobKind;
  params: unknown;
  actor: Actor;
  /** The data folder: the worker opens its own connection to the engine there. */
  dataDir: string;
  /** The database the worker connects to (the same one as the app's). */
  engine: EngineConfig;
  /** The office clock's offset from this machine's clock (tests run the office at a fixed time). */
  clockOffsetMs: number;
  /** Where a produced file goes: written as <resultPath>.partial, renamed to resultPath when complete. */
  resultPath: string;
  /** Secrets for this run only (a mail server's password), in memory: never stored with the job's params. */
  secrets: Record<string, string>;
}

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; done: number; total: number | null; phase: string | null }
  | { type: 'done'; counts: Record<string, number>; result: { name: string; mediaType: string } | null }
  | { type: 'cancelled' }
  | { type: 'failed'; error: ApiError };

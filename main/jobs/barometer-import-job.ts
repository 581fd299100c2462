// The web vote import job (runs in a worker thread; see definitions.ts): the CSV or XLSX file main wrote is parsed here,
// never in main. A file that cannot be read, or that lacks the rating or time column, fails the job before anything
// is stored; otherwise each row becomes a vote or a row error naming its row, and the votes go in batches that commit
// whole (main/services/barometer-import.ts). Keys: main/domain/barometer-import.ts.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { findVoteColumns, keySources, readVoteRow, type WebVote } from '../domain/barometer-import.ts';
import type { Actor } from '../services/actor.ts';
import { departmentsByName, insertWebVotes, type KeyedWebVote } from '../services/barometer-import.ts';
import type { ServiceContext } from '../services/context.ts';
import { DomainError } from '../services/errors.ts';
import type { VoteImportRowError } from '../types/barometer.ts';
import { readTableFile } from './table-jobs.ts';

/** Votes per transaction. */
export const VOTE_BATCH = 1000;
/** Row errors listed in the job's result (the count covers them all). */
export const MAX_LISTED_ROW_ERRORS = 200;

interface VoteJob {
  services: ServiceContext;
  actor: Actor;
  dataDir: string;
  progress(done: number, total: number | null, phase?: string): void;
  checkCancelled(): void;
}

export interface VoteImportOutcome {
  counts: { rows: number; imported: number; skipped: number; failed: number };
  errors: VoteImportRowError[];
}

export async function importBarometerVotesJob(
  job: VoteJob,
  params: { file: { name: string; path: string }; batchSize?: number | undefined; removeFolder?: string | null | undefined },
  importsFolder: string,
): Promise<VoteImportOutcome> {
  try {
    job.progress(0, null, 'read');
    const table = readTableFile(params.file, null);
    const columns = findVoteColumns(table.headers);
    const headers = table.headers.slice(0, 20).join(', ');
    if (columns.rating === null) throw new DomainError('votes_no_rating_column', { file: params.file.name, headers });
    if (columns.time === null) throw new DomainError('votes_no_time_column', { file: params.file.name, headers });
    if (table.rows.length === 0) throw new DomainError('table_empty', { file: params.file.name });

    const departments = await departmentsByName(job.services);
    const now = job.services.now();
    const votes: WebVote[] = [];
    const errors: VoteImportRowError[] = [];
    table.rows.forEach((cells, index) => {
      const result = readVoteRow(cells, columns, table.headerRow + index + 1, departments, now);
      if (result.vote) votes.push(result.vote);
      else errors.push({ row: result.error.details.row as number, code: result.error.code, details: result.error.details });
    });
    const keyed: KeyedWebVote[] = keySources(votes).map((source, index) => {
      const vote = votes[index]!;
      const key = source.startsWith('web:id:') ? source : `web:row:${createHash('sha256').update(source).digest('hex')}`;
      return { key, rating: vote.rating, votedAt: vote.votedAt, departmentId: vote.departmentId };
    });

    const counts = { rows: table.rows.length, imported: 0, skipped: 0, failed: errors.length };
    const size = params.batchSize ?? VOTE_BATCH;
    job.progress(0, keyed.length, 'votes');
    for (let start = 0; start < keyed.length; start += size) {
      job.checkCancelled();
      const batch = await insertWebVotes(job.services, job.actor, keyed.slice(start, start + size));
      counts.imported += batch.imported;
      counts.skipped += batch.skipped;
      job.progress(Math.min(start + size, keyed.length), keyed.length, 'votes');
    }
    return { counts, errors: errors.slice(0, MAX_LISTED_ROW_ERRORS) };
  } finally {
    const folder = params.removeFolder;
    if (folder && path.resolve(folder).startsWith(path.resolve(job.dataDir, importsFolder) + path.sep)) rmSync(folder, { recursive: true, force: true });
  }
}

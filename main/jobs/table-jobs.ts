// The table and Open311 import jobs (run in a worker thread; see definitions.ts): files are parsed here, never in main;
// rows go in batches that commit whole (main/services/table-imports.ts); the import's record counts them.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { open311Row } from '../domain/open311-case.ts';
import { mapTableRow } from '../domain/table-mapping.ts';
import { fetchOpen311, open311RequestsUrl, Open311Error, parseOpen311, type Open311Item } from '../io/open311.ts';
import { DEFAULT_TABLE_LIMITS, parseTable, TableError, type ParsedTable } from '../io/table.ts';
import type { Actor } from '../services/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { DomainError, type ErrorCode } from '../services/errors.ts';
import { beginImport, finishImport, recordItem, type BatchCounts } from '../services/imports.ts';
import { importRowsBatch, nameLookups, rowErrorDetails, type RowBatchItem } from '../services/table-imports.ts';
import type { TableMapping } from '../vocabulary/imports.ts';
import type { TablePreview } from '../types/imports.ts';

/** Rows per transaction. */
export const TABLE_BATCH = 500;
/** Rows the mapping dialog previews. */
export const PREVIEW_ROWS = 20;

interface Progress {
  progress(done: number, total: number | null, phase?: string): void;
  checkCancelled(): void;
}

/** The file main wrote (its size checked before it is read), parsed: a file that cannot be read is a DomainError. */
export function readTableFile(file: { name: string; path: string }, sheet: string | null): ParsedTable {
  try {
    let size: number;
    try {
      size = statSync(file.path).size;
    } catch {
      throw new DomainError('table_file_gone', { file: file.name });
    }
    if (size > DEFAULT_TABLE_LIMITS.maxBytes) throw new TableError('table_too_large', { file: file.name, size, maxMegabytes: DEFAULT_TABLE_LIMITS.maxBytes / 1024 / 1024 });
    return parseTable({ fileName: file.name, bytes: readFileSync(file.path) }, { sheet });
  } catch (error) {
    if (error instanceof TableError) throw new DomainError(error.code, error.details);
    if (error instanceof DomainError) throw error;
    throw new DomainError('table_unreadable', { file: file.name, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
}


export function previewTable(file: { name: string; path: string }, sheet: string | null): TablePreview {
  const table = readTableFile(file, sheet);
  return { ...table, rows: table.rows.slice(0, PREVIEW_ROWS), totalRows: table.rows.length };
}

function removeImportFolder(folder: string | null | undefined, dataDir: string, importsFolder: string): void {
  if (folder && path.resolve(folder).startsWith(path.resolve(dataDir, importsFolder) + path.sep)) rmSync(folder, { recursive: true, force: true });
}

/** Runs an import: its record, the batches, its end; the counts the job reports. */
async function runImport(
  services: ServiceContext,
  actor: Actor,
  begin: { kind: 'table' | 'open311'; source: string; jobId: number | null },
  work: (importId: number, add: (counts: BatchCounts) => void) => Promise<void>,
  cleanup: () => void,
): Promise<Record<string, number>> {
  const importId = await beginImport(services, actor, begin);
  const totals: BatchCounts = { new: 0, appended: 0, skipped: 0, failed: 0 };
  let status: 'done' | 'failed' | 'cancelled' = 'failed';
  try {
    await work(importId, (counts) => {
      for (const key of Object.keys(totals) as (keyof BatchCounts)[]) totals[key] += counts[key];
    });
    status = 'done';
  } catch (error) {
    if (error instanceof Error && error.name === 'JobCancelled') status = 'cancelled';
    // What made the whole import fail (an unreadable file, an endpoint that did not answer) is shown with its items.
    if (error instanceof DomainError) {
      const details = error.details ?? {};
      await services.tx((ctx) => recordItem(ctx, importId, begin.source.slice(0, 1000), 'failed', error.code, details));
    }
    throw error;
  } finally {
    await finishImport(services, importId, status);
    cleanup();
  }
  return { ...totals, importId };
}

export async function importTableJob(
  job: Progress & { services: ServiceContext; actor: Actor; jobId: number | null; dataDir: string },
  params: { source: string; file: { name: string; path: string }; sheet: string | null; mapping: TableMapping; batchSize?: number | undefined; removeFolder?: string | null | undefined },
  importsFolder: string,
): Promise<Record<string, number>> {
  const { services, actor } = job;
  return await runImport(
    services,
    actor,
    { kind: 'table', source: params.source, jobId: job.jobId },
    async (importId, add) => {
      job.progress(0, null, 'read');
      const table = readTableFile(params.file, params.sheet);
      const lookups = await nameLookups(services);
      const size = params.batchSize ?? TABLE_BATCH;
      const sourceKind = params.mapping.externalId ? `table:${params.mapping.externalId}` : 'table:row';
      job.progress(0, table.rows.length, 'rows');
      for (let start = 0; start < table.rows.length; start += size) {
        job.checkCancelled();
        const now = services.now();
        const items: RowBatchItem[] = table.rows.slice(start, start + size).map((cells, offset) => {
          const number = table.headerRow + start + offset + 1;
          const name = `${params.file.name}, row ${number}`;
          const result = mapTableRow(table.headers, cells, params.mapping, lookups, now);
          if (!result.row) return { name, error: { code: result.errors[0]!.code, details: rowErrorDetails(number, result.errors) } };
          const externalId = result.row.externalId ?? `sha256:${createHash('sha256').update(JSON.stringify(cells)).digest('hex')}`;
          const warnings = result.warnings.map((w) => ({ code: w.code, column: w.column, value: w.value.slice(0, 200) }));
          return { name, sourceKind, externalId, row: result.row, event: { type: 'row_imported', data: { fileName: params.file.name, row: number, warnings } } };
        });
        add(await importRowsBatch(services, actor, importId, items));
        job.progress(Math.min(start + size, table.rows.length), table.rows.length, 'rows');
      }
    },
    () => removeImportFolder(params.removeFolder, job.dataDir, importsFolder),
  );
}

const OPEN311_BATCH = 200;

/**
 * The idempotency scope of Open311 requests: a service_request_id is unique only within one city's endpoint, so the
 * source kind names where the requests came from. A poll: the endpoint (its URL without the query) and the
 * jurisdiction_id as the URL carries it; a file: its name (the same file again is skipped, another city's file with
 * the same ids imports). Migration 0020 gave the requests imported before this the same keys.
 */
export function open311Scope(from: { url: URL } | { fileName: string }): string {
  if ('fileName' in from) return `open311:file:${from.fileName}`;
  const href = from.url.href;
  const query = href.indexOf('?');
  const jurisdiction = /[?&]jurisdiction_id=([^&]*)/.exec(from.url.search)?.[1] ?? '';
  return `open311:${query < 0 ? href : href.slice(0, query)}#${jurisdiction}`;
}

async function importOpen311Items(services: ServiceContext, actor: Actor, importId: number, label: string, scope: string, items: Open311Item[], job: Progress, add: (counts: BatchCounts) => void): Promise<void> {
  const lookups = await nameLookups(services);
  for (let start = 0; start < items.length; start += OPEN311_BATCH) {
    job.checkCancelled();
    const now = services.now();
    const batch: RowBatchItem[] = items.slice(start, start + OPEN311_BATCH).map((item) => {
      if (item.error) return { name: `${label}, request ${item.index + 1}`, error: item.error };
      const { row, data } = open311Row(item.request, lookups, now);
      return { name: `${label}, request ${item.request.serviceRequestId}`, sourceKind: scope, externalId: item.request.serviceRequestId, row, event: { type: 'open311_imported', data: { ...data, source: label } } };
    });
    add(await importRowsBatch(services, actor, importId, batch));
  }
}

function open311Failure(error: unknown, file: string): DomainError {
  if (error instanceof Open311Error) return new DomainError(error.code as ErrorCode, error.details);
  if (error instanceof DomainError) return error;
  return new DomainError('open311_unreadable', { file, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
}

export async function importOpen311Job(
  job: Progress & { services: ServiceContext; actor: Actor; jobId: number | null; dataDir: string },
  params: { source: string; files: { name: string; path: string }[]; removeFolder?: string | null | undefined },
  importsFolder: string,
): Promise<Record<string, number>> {
  const { services, actor } = job;
  return await runImport(
    services,
    actor,
    { kind: 'open311', source: params.source, jobId: job.jobId },
    async (importId, add) => {
      job.progress(0, params.files.length, 'files');
      for (const [index, file] of params.files.entries()) {
        let items: Open311Item[];
        try {
          items = parseOpen311({ fileName: file.name, bytes: readFileSync(file.path) });
        } catch (error) {
          // One unreadable file is a failed item; the other files still import.
          const failure = open311Failure(error, file.name);
          add(await importRowsBatch(services, actor, importId, [{ name: file.name, error: { code: failure.code, details: { file: file.name, ...failure.details } } }]));
          continue;
        }
        await importOpen311Items(services, actor, importId, file.name, open311Scope({ fileName: file.name }), items, job, add);
        job.progress(index + 1, params.files.length, 'files');
      }
    },
    () => removeImportFolder(params.removeFolder, job.dataDir, importsFolder),
  );
}

export async function open311PollJob(
  job: Progress & { services: ServiceContext; actor: Actor; jobId: number },
  params: { url: string; jurisdictionId: string | null; startDate: string | null; endDate: string | null },
): Promise<Record<string, number>> {
  const url = (() => {
    try {
      return open311RequestsUrl(params.url, params);
    } catch (error) {
      throw open311Failure(error, params.url);
    }
  })();
  return await runImport(
    job.services,
    job.actor,
    { kind: 'open311', source: url.href, jobId: job.jobId },
    async (importId, add) => {
      job.progress(0, null, 'fetch');
      let items: Open311Item[];
      try {
        const response = await fetchOpen311(url);
        items = parseOpen311(response);
      } catch (error) {
        throw open311Failure(error, url.href);
      }
      job.progress(0, items.length, 'requests');
      await importOpen311Items(job.services, job.actor, importId, url.host, open311Scope({ url }), items, job, add);
      job.progress(items.length, items.length, 'requests');
    },
    () => undefined,
  );
}

// What the app needs of a database engine, whatever it is: the async Kysely instance the services use, closing, a
// verified backup, how it reports conflicts and busy errors, and the engine's full-text search. One implementation per
// engine lives in its own folder (main/db/sqlite/ today); nothing outside that folder names the engine's driver.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** A failure of the engine that the API reports with its own code instead of "internal". */
export interface MappedDbError {
  code: 'conflict' | 'busy';
  details: Record<string, unknown>;
}

export interface BackupResult {
  totalPages: number;
  /** Tables in the copy (b-tree tables, the engine's own included), each with the row count of the snapshot. */
  tables: number;
  rows: number;
}

export interface BackupOptions {
  /** For tests: runs on the finished temp copy just before it is verified (to damage it). */
  beforeVerify?: (tempFile: string) => void;
}

export interface Engine {
  readonly kind: 'sqlite' | 'postgres';
  /** The query builder and executor every service uses (through ReadDb and, inside ctx.tx, WriteDb). */
  readonly db: Kysely<Schema>;
  /** A consistent, verified copy of the live database at `target`; writers may continue meanwhile. */
  backup(target: string, options?: BackupOptions): Promise<BackupResult>;
  /** Conflict (constraint) and busy errors as the API's codes; null for anything else. */
  mapError(error: unknown): MappedDbError | null;
  /**
   * Runs fn, a long run of write transactions from this process (the demo's batches), with connection settings for bulk
   * writes, and restores the usual ones afterwards (also when fn fails). Inside a transaction fn runs unchanged.
   */
  bulkWrites<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * How often ctx.tx runs a whole transaction again after it failed as busy (mapError code 'busy': PostgreSQL's
   * serialization failures and deadlocks, which abort one of the transactions involved and expect the caller to retry).
   * 0 where the engine waits for its lock itself and a busy error means that wait ran out (SQLite's busy_timeout).
   */
  readonly busyRetries: number;
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  /** Apply the shipped migrations on open (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

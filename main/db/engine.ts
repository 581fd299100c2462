// What the app needs of a database engine, whatever it is: the async Kysely instance the services use, closing, a
// verified backup, how it reports conflicts and busy errors, and the engine's full-text search. One implementation per
// engine lives in its own folder (main/db/sqlite/ today); nothing outside that folder names the engine's driver.
import type { Kysely } from 'kysely';
import type { ReadDb, WriteDb } from './handles.ts';
import type { Schema } from './schema.ts';

/** A failure of the engine that the API reports with its own code instead of "internal". */
export interface MappedDbError {
  code: 'conflict' | 'busy';
  details: Record<string, unknown>;
}

export interface BackupResult {
  /** SQLite's pages copied (0 for a pg_dump). */
  totalPages: number;
  /** The written file's size (PostgreSQL's pg_dump). */
  bytes?: number;
  /** What the file is: a SQLite database (the default) or a pg_dump custom-format archive. */
  format?: 'sqlite' | 'pg_dump custom';
  /** Tables in the copy (b-tree tables, the engine's own included), each with the row count of the snapshot. */
  tables: number;
  rows: number;
}

export interface BackupOptions {
  /** For tests: runs on the finished temp copy just before it is verified (to damage it). */
  beforeVerify?: (tempFile: string) => void;
}

/**
 * Cases changed by any seat (this process included): their ids, or `all` when the engine cannot say which (too many in
 * one statement, or the change feed was interrupted and notifications may have been missed).
 */
export type CaseChange = { all: false; caseIds: number[] } | { all: true; caseIds: [] };
/** A user whose database login must follow their users row (created, renamed, role changed, deactivated, new password). */
export interface LoginRoleChange {
  userId: number;
  /** A new password (the user's own); undefined keeps the current one. */
  password?: string | undefined;
}

/**
 * Attachments' bytes kept in the database itself, content-addressed by their SHA-256 (hex), so every seat on the same
 * database reaches them and a backup of the database holds them. The SQL runs on the handle the caller gives (its
 * transaction, or its read handle), the way syncLoginRole does.
 */
export interface AttachmentContents {
  /** Stores the bytes under sha256 in the caller's transaction, unless that content is stored already (then nothing). */
  put(db: WriteDb, sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under sha256, as far as the connection may see them (row-level security), or null. */
  read(db: ReadDb, sha256: string): Promise<Buffer | null>;
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
   * Listens for committed changes to cases (the case row, its timeline, its attachments), from every seat on the same
   * database, coalesced over a short interval; returns how to stop. PostgreSQL: LISTEN/NOTIFY on a connection of its own
   * (migration 0027). SQLite: one seat per database file, so there is nobody else to hear from; the listener is never called.
   */
  watchCases(listener: (change: CaseChange) => void): () => void;
  /**
   * Keeps the database's own login for an Ombudsdesk user in step with their users row, inside the caller's transaction
   * (call it after writing the row). PostgreSQL: a LOGIN role per user in the group role of their office role, so the
   * database enforces the permissions whoever connects with a seat's credentials (postgres/login-roles.ts). SQLite has
   * no database users: nothing to do.
   */
  syncLoginRole(db: WriteDb, change: LoginRoleChange): Promise<void>;
  /**
   * How often ctx.tx runs a whole transaction again after it failed as busy (mapError code 'busy': PostgreSQL's
   * serialization failures and deadlocks, which abort one of the transactions involved and expect the caller to retry).
   * 0 where the engine waits for its lock itself and a busy error means that wait ran out (SQLite's busy_timeout).
   */
  readonly busyRetries: number;
  /**
   * Where attachments' bytes live (services/attachment-store.ts chooses the store from this, once per process):
   * PostgreSQL keeps them in the database (attachment_contents, migration 0024; postgres/attachment-contents.ts), so a
   * second seat with another data folder reads them too; null on SQLite, whose one seat keeps them as files in its
   * data folder (<dataDir>/attachments).
   */
  readonly attachmentContents: AttachmentContents | null;
  /**
   * A seat's own login (issue 11, point 2): the Ombudsdesk user whose PostgreSQL login role this connection uses, so
   * the database enforces that user's rights on everything this process does; null when the connection is the owner
   * (the migrating administrator's, or a single computer's) and on SQLite. Read once on open.
   */
  readonly seatUserId: number | null;
  /**
   * Whether `password` opens a connection as this seat's login (a fresh connection, checked by the server): how a seat
   * signs in, since the password hashes are the admin's to read. Only for seats (seatUserId not null).
   */
  checkSeatPassword(password: string): Promise<boolean>;
  /** The seat's login has a new password: connections opened from now on use it (the pool's, the change feed's). */
  useSeatPassword(password: string): void;
  /**
   * A seat user's own new password, in the caller's transaction: the users row's hash (`hash`) and the login role's
   * password together (PostgreSQL: ombudsdesk_set_own_password of migration 0028). Only for seats.
   */
  setOwnPassword(db: WriteDb, hash: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  /** Apply the shipped migrations on open (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * Hear other seats' case changes (default true). false for a process without windows (the command line): watchCases
   * then hears nothing, and PostgreSQL opens no LISTEN connection for it.
   */
  caseFeed?: boolean;
}

// This computer's database connection: <data folder>/connection.json, read at start-up to choose the engine (no file:
// SQLite in the data folder, as before). For a shared server it holds host, port, database, user, TLS mode (verify-full
// unless changed) and an optional CA file; the password only sealed by the same secret box as the mail passwords
// (Electron's safeStorage; the key-file fallback outside Electron), never in plain text. The file is per computer (each
// seat may use its own PostgreSQL login) and is written whole under a temp name, then renamed (mode 0600).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sqliteConfig, type EngineConfig } from '../db/open.ts';
import { SSL_MODES, toPgConnection, type ServerAddress, type SslMode } from '../db/postgres/connection.ts';
import type { ConnectionView, ServerSettings } from '../types/connection.ts';
import { fail } from './errors.ts';
import type { SecretBox } from './secrets.ts';

export const CONNECTION_FILE = 'connection.json';


export type StoredConnection = { engine: 'sqlite' } | ({ engine: 'postgres'; password: string | null } & ServerSettings);


export class ConnectionFileError extends Error {}

export function connectionFilePath(dataDir: string): string {
  return path.join(dataDir, CONNECTION_FILE);
}

/** The stored connection, or null when this computer has none yet (first start, or a SQLite office from before). */
export function readConnectionFile(dataDir: string): StoredConnection | null {
  const file = connectionFilePath(dataDir);
  if (!existsSync(file)) return null;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConnectionFileError(`the connection file ${file} cannot be read (${error instanceof Error ? error.message : String(error)}); delete it to start on this computer's own database`);
  }
  if (data.engine === 'sqlite') return { engine: 'sqlite' };
  const str = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : null);
  const port = data.port;
  const sslmode = str('sslmode') ?? 'verify-full';
  if (data.engine !== 'postgres' || !str('host') || !str('database') || !str('user') || typeof port !== 'number' || !SSL_MODES.includes(sslmode as SslMode)) {
    throw new ConnectionFileError(`the connection file ${file} is incomplete; choose the database again or delete the file`);
  }
  const password = str('password');
  if (password !== null && !/^(safeStorage|keyfile):v1:/.test(password)) throw new ConnectionFileError(`the connection file ${file} holds a password that is not sealed; enter it again`);
  return { engine: 'postgres', host: str('host')!, port, database: str('database')!, user: str('user')!, sslmode: sslmode as SslMode, caFile: str('caFile'), password };
}

export function viewOf(stored: StoredConnection | null): ConnectionView | null {
  if (!stored) return null;
  if (stored.engine === 'sqlite') return stored;
  const { password, ...rest } = stored;
  return { ...rest, hasPassword: password !== null };
}

/**
 * Writes this computer's choice. For a server, `password` undefined or empty keeps the one already stored for the same
 * server and user (the form does not show it), a new one is sealed; nothing is written when it cannot be sealed.
 */
export function saveConnectionFile(
  dataDir: string,
  choice: { engine: 'sqlite' } | ({ engine: 'postgres'; password?: string | undefined } & ServerSettings),
  secrets: SecretBox,
): ConnectionView {
  let stored: StoredConnection;
  if (choice.engine === 'sqlite') stored = { engine: 'sqlite' };
  else {
    const { password } = choice;
    const settings: ServerSettings = { host: choice.host, port: choice.port, database: choice.database, user: choice.user, sslmode: choice.sslmode, caFile: choice.caFile };
    let sealed: string | null = null;
    if (password) {
      if (!secrets.available()) fail('secret_storage_unavailable', { field: 'password' });
      sealed = secrets.seal(password);
    } else {
      const before = readConnectionFileQuietly(dataDir);
      if (before?.engine === 'postgres' && before.host === settings.host && before.user === settings.user) sealed = before.password;
    }
    stored = { ...settings, engine: 'postgres', password: sealed };
  }
  const file = connectionFilePath(dataDir);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ version: 1, ...stored }, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  return viewOf(stored)!;
}

function readConnectionFileQuietly(dataDir: string): StoredConnection | null {
  try {
    return readConnectionFile(dataDir);
  } catch {
    return null;
  }
}

/**
 * A seat's login has a new password (its user changed theirs, which is the same): the connection file keeps the
 * server and user and gets the new password, sealed. Nothing changes for SQLite or without a file.
 */
export function storeSeatPassword(dataDir: string, password: string, secrets: SecretBox): void {
  const stored = readConnectionFile(dataDir);
  if (stored?.engine !== 'postgres') return;
  const { password: _old, engine: _engine, ...settings } = stored;
  saveConnectionFile(dataDir, { engine: 'postgres', ...settings, password }, secrets);
}

/** The server address of settings with a password (given, or the stored one opened). */
export function addressOf(settings: ServerSettings, password: string | undefined): ServerAddress {
  return { ...settings, password };
}

/** The engine this computer starts on: SQLite in the data folder unless the connection file names a server. */
export function engineConfigFor(dataDir: string, secrets: SecretBox): EngineConfig {
  const stored = readConnectionFile(dataDir);
  if (!stored || stored.engine === 'sqlite') return sqliteConfig(dataDir);
  const password = stored.password === null ? undefined : secrets.open(stored.password);
  return { kind: 'postgres', connection: toPgConnection(addressOf(stored, password)) };
}

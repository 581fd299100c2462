// Online backup of the live database that never leaves a partial file under the final name: the copy is written to a temp
// file in the target's folder, verified against the snapshot it was taken from, flushed, and only then renamed.
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BackupOptions, BackupResult } from '../engine.ts';

/** What a copy must hold: schema, header versions and the row count of every table, read inside one transaction. */
interface Contents {
  schema: string;
  versions: string;
  counts: Record<string, number>;
}

// SQLite sidecar files: a copy must have none left when it is renamed, and none of the live database's may be a target.
const SIDECARS = ['-journal', '-wal', '-shm'];
const STEP_PAGES = 200;

/**
 * A consistent, verified copy of the live database at `target`; writers may continue meanwhile.
 *
 * Steps: a temp file `.<name>.<pid>-<random>.partial` beside the target; a dedicated connection opens one read transaction
 * on the source, measures schema and row counts in it, and runs SQLite's backup API inside that same transaction (the
 * backup uses an open read transaction instead of starting its own, so it copies exactly that snapshot even in WAL mode
 * while the app writes); the copy is switched to journal_mode=DELETE (it inherits WAL from the source, which would add
 * -wal/-shm files beside it), must pass integrity_check and hold the same schema and the same row count in every table
 * as measured; then it is fsynced, renamed over the target, and the folder fsynced. A kill at any moment leaves at most
 * a temp file (cleared by the next backup into that folder) and the target either untouched or the complete copy.
 */
export async function backupDatabase(sqlite: BetterSqlite3.Database, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  if (sqlite.memory) throw new Error('an in-memory database cannot be backed up to a file');
  const source = path.resolve(sqlite.name);
  const final = path.resolve(target);
  const folder = path.dirname(final);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`cannot write the backup: the folder ${folder} does not exist`);
  if ([source, ...SIDECARS.map((suffix) => source + suffix)].some((file) => sameFile(file, final))) {
    throw new Error(`refusing to write the backup over the live database (${source}) or one of its journal files`);
  }
  removeAbandonedTemps(folder, path.basename(final));

  const temp = path.join(folder, `.${path.basename(final)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
  // Created empty and exclusively first: an empty file is a valid empty database, and nothing else can own this name.
  closeSync(openSync(temp, 'wx'));
  const snapshot = new BetterSqlite3(source, { fileMustExist: true });
  try {
    snapshot.pragma('busy_timeout = 5000');
    snapshot.exec('BEGIN');
    const expected = contentsOf(snapshot); // the first read starts the transaction the backup then copies from
    let totalPages = 0;
    await snapshot.backup(temp, {
      progress: ({ totalPages: total }) => {
        totalPages = total;
        return STEP_PAGES;
      },
    });
    snapshot.exec('COMMIT');
    options.beforeVerify?.(temp);
    verifyCopy(temp, expected, final);
    flush(temp, 'r+');
    renameSync(temp, final);
    // Makes the rename itself durable; Windows cannot open a folder for this (NTFS journals the rename).
    if (process.platform !== 'win32') flush(folder, 'r');
    const counts = Object.values(expected.counts);
    return { totalPages, tables: counts.length, rows: counts.reduce((sum, count) => sum + count, 0) };
  } catch (error) {
    for (const file of [temp, ...SIDECARS.map((suffix) => temp + suffix)]) rmSync(file, { force: true });
    throw error;
  } finally {
    snapshot.close();
  }
}

function contentsOf(sqlite: BetterSqlite3.Database): Contents {
  const schema = sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
  // Tables with their own b-tree (rootpage > 0): every one the backup copies. Virtual tables (FTS) store their rows in
  // shadow tables, which are listed here themselves.
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name").pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const name of tables) counts[name] = sqlite.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number;
  const versions = ['user_version', 'application_id', 'page_size', 'encoding'].map((pragma) => `${pragma}=${sqlite.pragma(pragma, { simple: true })}`);
  return { schema: JSON.stringify(schema), versions: versions.join(' '), counts };
}

function verifyCopy(temp: string, expected: Contents, final: string): void {
  const fail = (reason: string): never => {
    throw new Error(`backup verification failed (${reason}); nothing was written to ${final}`);
  };
  let copy: BetterSqlite3.Database | undefined;
  try {
    copy = new BetterSqlite3(temp, { fileMustExist: true });
    const mode = copy.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') fail(`journal mode stays ${String(mode)}`);
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`integrity_check: ${String(integrity)}`);
    const found = contentsOf(copy);
    if (found.schema !== expected.schema) fail('the schema differs from the live database');
    if (found.versions !== expected.versions) fail(`${found.versions} instead of ${expected.versions}`);
    for (const [table, count] of Object.entries(expected.counts)) {
      if (found.counts[table] !== count) fail(`table ${table} has ${found.counts[table] ?? 'no'} rows instead of ${count}`);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('backup verification failed')) throw error;
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    copy?.close();
  }
  // Closed in DELETE mode, SQLite removes its journal and WAL; one still there would hold part of the data.
  const sidecar = SIDECARS.slice(0, 2).find((suffix) => existsSync(temp + suffix));
  if (sidecar) fail(`a ${sidecar} file remained beside the copy`);
  rmSync(`${temp}-shm`, { force: true });
}

function flush(file: string, flags: 'r' | 'r+'): void {
  const fd = openSync(file, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The same file: one inode when both exist, else the same real path (case-insensitive where the file system usually is). */
function sameFile(a: string, b: string): boolean {
  const [sa, sb] = [statSync(a, { throwIfNoEntry: false }), statSync(b, { throwIfNoEntry: false })];
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  const real = (file: string) => {
    const dir = path.dirname(file);
    const resolved = path.join(existsSync(dir) ? realpathSync(dir) : dir, path.basename(file));
    return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
  };
  return real(a) === real(b);
}

/** Temp files (and their journals) of backups into this target that were killed: their process no longer runs. */
function removeAbandonedTemps(folder: string, base: string): void {
  const pattern = /^\.(.+)\.(\d+)-[0-9a-f]{12}\.partial(?:-journal|-wal|-shm)?$/;
  for (const name of readdirSync(folder)) {
    const match = pattern.exec(name);
    if (!match || match[1] !== base) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && !isRunning(pid)) rmSync(path.join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Backups: a copy is written under a temp name, verified, flushed and renamed, so the final name holds a complete database or nothing.
import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../main/app-context.ts';
import { backupDatabase } from '../../main/db/sqlite/backup.ts';
import { DATABASE_FILE, openSqlite as openDatabase } from '../../main/db/sqlite/index.ts';
import { removeTempDirs, tempDir, rawDb } from '../support/temp-app.ts';

afterAll(removeTempDirs);
const cli = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));
const cliArgs = (target: string, dataDir: string) => ['--experimental-strip-types', '--no-warnings', cli, 'backup', target, '--data-dir', dataDir];
const env = { ...process.env, OMBUDSDESK_ADMIN_PASSWORD: 'cli-admin-password' };

/** A migrated data folder plus a table of random blobs, so a backup takes long enough to be killed half-way. */
async function dataFolder(megabytes: number): Promise<string> {
  const dir = tempDir();
  const app = await openAppContext({ dataDir: dir, adminPassword: 'first-admin-password' });
  rawDb(app).exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const insert = rawDb(app).prepare('INSERT INTO bulk (data) VALUES (?)');
  rawDb(app).transaction(() => {
    for (let i = 0; i < megabytes * 10; i++) insert.run(randomBytes(100 * 1024));
  })();
  await app.close();
  return dir;
}

/** Schema, row count of every table and integrity of a database file; what it says instead when it is no database. */
function describeDatabase(file: string) {
  let db: BetterSqlite3.Database | undefined;
  try {
    // Opened as anyone would open a backup: read-write, so a journal beside it would be rolled back.
    db = new BetterSqlite3(file, { fileMustExist: true });
    const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name").all();
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name").pluck().all() as string[];
    const counts = Object.fromEntries(tables.map((name) => [name, db!.prepare(`SELECT count(*) FROM "${name}"`).pluck().get()]));
    return { schema, counts, integrity: db.pragma('integrity_check', { simple: true }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    db?.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the CLI backup, kills it with SIGKILL `delay` ms after the first file shows up in the target folder (or after it starts). */
async function killedBackup(dataDir: string, target: string, delay: number, from: 'spawn' | 'first-file'): Promise<{ killed: boolean }> {
  const child = spawn(process.execPath, cliArgs(target, dataDir), { env, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let done = false;
  void exited.then(() => (done = true));
  if (from === 'first-file') {
    while (!done && readdirSync(path.dirname(target)).length === 0) await sleep(1);
  }
  await sleep(delay);
  if (!done) child.kill('SIGKILL');
  return { killed: (await exited) === 'SIGKILL' };
}

describe('backup', () => {
  it('killed at any moment leaves no file or a complete, verified database under the final name', async () => {
    const dataDir = await dataFolder(40);
    const source = describeDatabase(path.join(dataDir, DATABASE_FILE));
    expect(source).toMatchObject({ integrity: 'ok', counts: { bulk: 400, users: 1 } });

    // One undisturbed run: it succeeds and leaves only the backup, and tells how long a run takes.
    const folder = tempDir();
    const started = performance.now();
    const ok = spawnSync(process.execPath, cliArgs(path.join(folder, 'backup.sqlite'), dataDir), { env, encoding: 'utf8' });
    const duration = performance.now() - started;
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(['backup.sqlite']);
    expect(describeDatabase(path.join(folder, 'backup.sqlite'))).toEqual(source);

    // Before the copy starts, then across the copy, its verification, the rename and the exit (about 0.4 s here).
    const moments: [number, 'spawn' | 'first-file'][] = [
      [Math.round(duration / 3), 'spawn'],
      ...[0, 2, 5, 10, 20, 40, 70, 110, 160, 220, 280, 340, 420, 520].map((ms) => [ms, 'first-file'] as [number, 'first-file']),
    ];
    let interruptedMidway = 0;
    let leftovers = '';
    for (const [delay, from] of moments) {
      const dir = tempDir();
      const target = path.join(dir, 'backup.sqlite');
      const { killed } = await killedBackup(dataDir, target, delay, from);
      const moment = `killed=${killed} ${delay} ms after ${from}`;
      if (existsSync(target)) expect(describeDatabase(target), moment).toEqual(source);
      else if (killed && readdirSync(dir).length > 0) interruptedMidway += 1;
      if (readdirSync(dir).some((name) => name !== 'backup.sqlite')) leftovers = dir;
    }
    // The kills must have hit the copy half-way, or this test proves nothing.
    expect(interruptedMidway).toBeGreaterThan(2);

    // The next run into a folder a killed one left temp files in clears them: only the backup remains.
    expect(leftovers).not.toBe('');
    const rerun = spawnSync(process.execPath, cliArgs(path.join(leftovers, 'backup.sqlite'), dataDir), { env, encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/Backup written to .*verified: integrity ok, \d+ tables, \d+ rows/);
    expect(readdirSync(leftovers)).toEqual(['backup.sqlite']);
    expect(describeDatabase(path.join(leftovers, 'backup.sqlite'))).toEqual(source);
  }, 60_000);

  it('is a self-contained rollback-journal database with the snapshot it started from, while another connection writes', async () => {
    const dataDir = await dataFolder(8);
    const file = path.join(dataDir, DATABASE_FILE);
    const db = openDatabase(file);
    const writer = new BetterSqlite3(file);
    writer.pragma('busy_timeout = 5000');
    const before = describeDatabase(file);
    const target = path.join(tempDir(), 'copy.sqlite');
    let writes = 0;
    const writing = setInterval(() => {
      writer.prepare('INSERT INTO bulk (data) VALUES (?)').run(randomBytes(1000));
      writes += 1;
    }, 1);
    try {
      const result = await backupDatabase(db.sqlite, target);
      expect(result.totalPages).toBeGreaterThan(2000);
    } finally {
      clearInterval(writing);
      writer.close();
      await db.close();
    }
    expect(writes).toBeGreaterThan(0);
    expect(describeDatabase(target)).toEqual(before);
    expect(readdirSync(path.dirname(target))).toEqual(['copy.sqlite']);
    const copy = new BetterSqlite3(target, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('leaves no final file, no temp file and an older backup untouched when the copy fails verification', async () => {
    const dataDir = await dataFolder(2);
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    const folder = tempDir();
    const target = path.join(folder, 'backup.sqlite');
    const tamper: Record<string, (copy: string) => void> = {
      'a row missing': (copy) => {
        const other = new BetterSqlite3(copy);
        other.prepare('DELETE FROM bulk WHERE id = 1').run();
        other.close();
      },
      'a table missing': (copy) => {
        const other = new BetterSqlite3(copy);
        other.exec('DROP TABLE bulk');
        other.close();
      },
      'damaged pages': (copy) => {
        const bytes = readFileSync(copy);
        // Keep the header (page 1) readable, break the b-tree pages behind it.
        randomBytes(bytes.length - 8192).copy(bytes, 8192);
        writeFileSync(copy, bytes);
      },
    };
    try {
      for (const [what, change] of Object.entries(tamper)) {
        await expect(backupDatabase(db.sqlite, target, { beforeVerify: change }), what).rejects.toThrow(/backup verification failed/);
        expect(readdirSync(folder), what).toEqual([]);
      }
      writeFileSync(target, 'the previous backup');
      await expect(backupDatabase(db.sqlite, target, { beforeVerify: tamper['a row missing'] })).rejects.toThrow(/verification failed/);
      expect(readdirSync(folder)).toEqual(['backup.sqlite']);
      expect(readFileSync(target, 'utf8')).toBe('the previous backup');
      // Without tampering the same call replaces it.
      await backupDatabase(db.sqlite, target);
      expect(readdirSync(folder)).toEqual(['backup.sqlite']);
      expect(describeDatabase(target)).toEqual(describeDatabase(path.join(dataDir, DATABASE_FILE)));
    } finally {
      await db.close();
    }
  });

  it('refuses to write over the live database or its journal files', async () => {
    const dataDir = await dataFolder(1);
    const file = path.join(dataDir, DATABASE_FILE);
    const before = describeDatabase(file);
    const db = openDatabase(file);
    try {
      for (const target of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, path.join(dataDir, '.', 'x', '..', DATABASE_FILE)]) {
        await expect(backupDatabase(db.sqlite, target), target).rejects.toThrow(/live database/);
      }
    } finally {
      await db.close();
    }
    expect(describeDatabase(file)).toEqual(before);
    const cliRun = spawnSync(process.execPath, cliArgs(file, dataDir), { env, encoding: 'utf8' });
    expect(cliRun.status).toBe(1);
    expect(cliRun.stderr).toContain('live database');
    expect(readdirSync(dataDir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);
const cli = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));

function run(...args: string[]) {
  return spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, ...args], { encoding: 'utf8', env: { ...process.env, OMBUDSDESK_ADMIN_PASSWORD: 'cli-admin-password' } });
}

function snapshot(file: string) {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db.prepare('SELECT reference, kind, channel, subject, submitter_name, status, department_id FROM cases ORDER BY id').all();
  const events = db.prepare('SELECT count(*) FROM case_events').pluck().get();
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  return { rows, events, integrity };
}

describe('command line', () => {
  it('makes the same demo data for the same seed, and different data for another seed', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    for (const [dir, seed] of [[a, '7'], [b, '7'], [c, '8']] as const) {
      const result = run('demo', '--cases', '60', '--seed', seed, '--data-dir', dir);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('Created 60 demo cases');
    }
    const [sa, sb, sc] = [a, b, c].map((dir) => snapshot(path.join(dir, 'ombudsdesk.sqlite')));
    expect(sa!.rows).toHaveLength(60);
    expect(new Set(sa!.rows.map((row) => (row as { status: string }).status)).size).toBeGreaterThan(2);
    expect(sb).toEqual(sa);
    expect(sc!.rows).not.toEqual(sa!.rows);
  }, 60_000);

  it('writes a consistent backup that opens on its own', () => {
    const dir = tempDir();
    expect(run('demo', '--cases', '40', '--data-dir', dir).status).toBe(0);
    const target = path.join(tempDir(), 'backup.sqlite');
    const result = run('backup', target, '--data-dir', dir);
    expect(result.status, result.stderr).toBe(0);
    const original = snapshot(path.join(dir, 'ombudsdesk.sqlite'));
    const copy = snapshot(target);
    expect(copy.integrity).toBe('ok');
    expect(copy).toEqual(original);
  }, 60_000);

  it('explains wrong usage and exits non-zero', () => {
    const unknown = run('explode');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "explode"');
    const badCount = run('demo', '--cases', 'many', '--data-dir', tempDir());
    expect(badCount.status).toBe(2);
    expect(badCount.stderr).toContain('--cases must be a positive whole number');
  });
});

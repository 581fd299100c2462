import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { protocolFor } from '../support/draw-protocol.ts';
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
  it('makes the same demo data for the same seed, and different data for another seed', async () => {
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
    // It ran as a background job, and its record says what it did.
    const db = new BetterSqlite3(path.join(a, 'ombudsdesk.sqlite'), { readonly: true });
    const jobs = db.prepare("SELECT kind, status, done, total, counts, finished_at IS NOT NULL AS finished FROM jobs").all();
    db.close();
    expect(jobs).toEqual([{ kind: 'demo', status: 'done', done: 60, total: 60, counts: '{"cases":60}', finished: 1 }]);
  }, 60_000);

  it('writes a consistent backup that opens on its own', async () => {
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

  it('explains wrong usage and exits non-zero', async () => {
    const unknown = run('explode');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "explode"');
    const badCount = run('demo', '--cases', 'many', '--data-dir', tempDir());
    expect(badCount.status).toBe(2);
    expect(badCount.stderr).toContain('--cases must be a positive whole number');
  });
});

describe('cli draw verify', () => {
  const refs = ['2027-00003', '2027-00017', '2027-00021', '2027-00042', '2027-00108'];

  function protocolFile(change: (p: Record<string, unknown>) => Record<string, unknown> = (p) => p): string {
    const file = path.join(tempDir(), 'protocol.json');
    writeFileSync(file, JSON.stringify(change({ ...protocolFor(refs, '3 6 1 4 2 5') })));
    return file;
  }

  it('exits 0 for a correct protocol, 1 with the mismatch for a tampered one, 2 for a file that is not JSON', async () => {
    const ok = run('draw', 'verify', protocolFile());
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Protocol verified: fingerprint bb7c0238ad30f3c037670745491cb8c6285963c8b379055c02021baa2a747e3c, 5 entries, winners: 2027-00003, 2027-00017');

    const tampered = run('draw', 'verify', protocolFile((p) => ({ ...p, winners: ['2027-00003', '2027-00021'] })));
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('winners mismatch');

    const garbage = path.join(tempDir(), 'garbage.json');
    writeFileSync(garbage, 'not json');
    const unreadable = run('draw', 'verify', garbage);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read .* as a JSON protocol/);
    expect(run('draw', 'verify').status).toBe(2);
  });
});

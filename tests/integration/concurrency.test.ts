import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../main/app-context.ts';
import { removeTempDirs, tempDir, rawDb } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const worker = fileURLToPath(new URL('../support/create-cases-worker.ts', import.meta.url));

function run(dataDir: string, count: number, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', worker, dataDir, String(count), label], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('references under concurrent creates', () => {
  it('stays gap-free and unique when four processes create cases at the same time', async () => {
    const dataDir = tempDir();
    (await openAppContext({ dataDir, adminPassword: 'x'.repeat(12) })).close();
    const exits = await Promise.all(['a', 'b', 'c', 'd'].map((label) => run(dataDir, 40, label)));
    expect(exits).toEqual([0, 0, 0, 0]);
    const app = await openAppContext({ dataDir });
    const numbers = rawDb(app).prepare('SELECT number FROM cases ORDER BY number').pluck().all() as number[];
    const year = new Date().getFullYear();
    expect(numbers).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(rawDb(app).prepare('SELECT last_number FROM reference_counters WHERE year = ?').pluck().get(year)).toBe(160);
    expect(rawDb(app).prepare("SELECT count(*) FROM case_events WHERE type = 'created'").pluck().get()).toBe(160);
    await app.close();
  }, 60_000);
});

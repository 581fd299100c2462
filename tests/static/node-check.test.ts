// npm install and npm test stop on an old Node.js with one sentence naming the version needed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/check-node.mjs', import.meta.url).pathname;
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };

describe('the Node.js version check', () => {
  it('runs before npm install and npm test, and passes on this Node', () => {
    expect(pkg.scripts.preinstall).toBe('node scripts/check-node.mjs');
    expect(pkg.scripts.pretest).toBe('node scripts/check-node.mjs');
    expect(spawnSync(process.execPath, [script], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });

  // The system's own Node (Debian's, often 20 here) is the realistic old one; where it is recent or absent, say so.
  const old = ['/usr/bin/node', '/usr/local/bin/node'].find((file) => {
    if (!existsSync(file)) return false;
    const version = spawnSync(file, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim().split('.').map(Number);
    return version[0]! < 22 || (version[0] === 22 && version[1]! < 12);
  });
  if (!old) console.log('node-check: no Node.js older than 22.12 on this machine; the refusal is not exercised here');
  it.skipIf(!old)('stops an older Node with one sentence naming 22.12', () => {
    const run = spawnSync(old!, [script], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Ombudsdesk needs Node\.js 22\.12 or newer, but this is Node\.js 2\d\.\d+\.\d+/);
  });
});

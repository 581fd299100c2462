// npm run bench [-- --cases N --runs N]: the database benchmark on SQLite, the same on PostgreSQL (both engines in one
// run; on a throwaway server where Debian's binaries are installed, else skipped with the reason), the table import,
// the exports, then the renderer benchmark, each given the same options (npm appends them to the script's last command
// only, so `node a && node b` passed them to the renderer alone).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pgRoot = '/usr/lib/postgresql';
const pgBin = process.env.OMBUDSDESK_PG_BIN ?? (existsSync(pgRoot) ? readdirSync(pgRoot).map((v) => path.join(pgRoot, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb'))) : undefined);
const steps = [
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/run.ts', ...args]],
  ...(pgBin
    ? [[process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/postgres.ts', ...args]]]
    : (console.log(`bench: the PostgreSQL part is skipped: no server binaries under ${pgRoot}/*/bin (apt-get install postgresql postgresql-contrib)`), [])),
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/table-import.ts']],
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/exports.ts', ...args.filter((arg, i, all) => !arg.startsWith('--runs') && !all[i - 1]?.startsWith('--runs'))]],
  [npm, ['run', 'build']],
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/renderer.ts', ...args.filter((arg, i, all) => !arg.startsWith('--runs') && !all[i - 1]?.startsWith('--runs'))]],
];
for (const [command, commandArgs] of steps) {
  const { status } = spawnSync(command, commandArgs, { stdio: 'inherit', shell: command === npm && process.platform === 'win32' });
  if (status !== 0) process.exit(status ?? 1);
}

// npm run bench [-- --cases N --runs N]: the database benchmark, then the renderer benchmark, each given the same
// options (npm appends them to the script's last command only, so `node a && node b` passed them to the renderer alone).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/run.ts', ...args]],
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/table-import.ts']],
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/exports.ts', ...args.filter((arg, i, all) => !arg.startsWith('--runs') && !all[i - 1]?.startsWith('--runs'))]],
  [npm, ['run', 'build']],
  [process.execPath, ['--experimental-strip-types', '--no-warnings', 'bench/renderer.ts', ...args.filter((arg, i, all) => !arg.startsWith('--runs') && !all[i - 1]?.startsWith('--runs'))]],
];
for (const [command, commandArgs] of steps) {
  const { status } = spawnSync(command, commandArgs, { stdio: 'inherit', shell: command === npm && process.platform === 'win32' });
  if (status !== 0) process.exit(status ?? 1);
}

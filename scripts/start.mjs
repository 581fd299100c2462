// npm start: build, then run Electron on the app. Without a downloaded Electron runtime, say so in one sentence.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronPackageDir, MISSING_RUNTIME } from './electron-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function ensureElectron() {
  const present = electronBinary();
  if (present) return present;
  // The package's own installer fetches the binary; its output (a stack trace when offline) stays captured.
  spawnSync(process.execPath, [path.join(electronPackageDir(), 'install.js')], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return electronBinary();
}

const binary = ensureElectron();
if (!binary) {
  console.error(MISSING_RUNTIME);
  process.exit(1);
}

const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// An inherited ELECTRON_RUN_AS_NODE (set by some editors' terminals) would run main as a plain Node script.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

// Where the electron package keeps its runtime, found the way node_modules/electron/index.js finds it but without
// its side effect: requiring that file downloads the binary when it is missing, and throws a stack trace offline.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const MISSING_RUNTIME =
  'Ombudsdesk cannot start: the Electron runtime is not downloaded yet; run `npx install-electron` once on a machine with internet access, then `npm start` again.';

/** The electron package's folder (node_modules/electron). */
export function electronPackageDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

const PLATFORM_PATHS = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** The Electron executable, or null while it has not been downloaded. */
export function electronBinary() {
  const packageDir = electronPackageDir();
  const pathFile = path.join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, recorded || PLATFORM_PATHS[process.platform] || 'electron')
    : recorded && path.join(packageDir, 'dist', recorded);
  return binary && existsSync(binary) ? binary : null;
}

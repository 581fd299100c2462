// Shared by the static guards: where the project and its build are, and the source files to scan.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const outPath = (file: string) => path.join(root, 'out', file);
export const readOut = (file: string) => readFileSync(outPath(file), 'utf8');
export const readSource = (file: string) => readFileSync(path.join(root, file), 'utf8');

const BUILT = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'];

/** Call in beforeAll: the guards read the real build, which `npm test` makes first (`npm run build`). */
export function requireBuild(): void {
  const missing = BUILT.filter((file) => !existsSync(outPath(file)));
  if (missing.length > 0) {
    throw new Error(`The build is missing (out/${missing.join(', out/')}): run \`npm run build\` first; \`npm test\` does it for you.`);
  }
}

/** Source files under a project folder, as project-relative paths with forward slashes. */
export function sourceFiles(dir: string, pattern = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** Module specifiers a built file loads: static imports and re-exports, dynamic import() and require(). */
export function loadedModules(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*import\s[^'"]*?from\s*(['"])([^'"]+)\1/gm,
    /^\s*import\s*(['"])([^'"]+)\1/gm,
    /^\s*export\s[^'"]*?from\s*(['"])([^'"]+)\1/gm,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
    /(?<![\w$.])require\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[2]!);
  return [...found].sort();
}

/** The package a bare specifier belongs to ("date-fns/format" -> "date-fns", "@scope/x/y" -> "@scope/x"). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

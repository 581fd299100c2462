// ELECTRON-NOTES 3 and 6: the built main is one ES module that loads better-sqlite3 (and every other dependency) from
// node_modules, where electron-builder packs it; only "dependencies" are packed, so nothing may come from devDependencies.
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadedModules, outPath, packageOf, readOut, readSource, requireBuild } from './build-output.ts';

interface PackageJson {
  type?: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

describe('built main (out/main)', () => {
  let files: string[];
  let code: string;
  let pkg: PackageJson;
  beforeAll(() => {
    requireBuild();
    files = readdirSync(outPath('main'), { recursive: true }).map(String).filter((file) => /\.(js|mjs|cjs)$/.test(file));
    code = files.map((file) => readOut(`main/${file}`)).join('\n');
    pkg = JSON.parse(readSource('package.json')) as PackageJson;
  });

  it('is what package.json starts, as an ES module', () => {
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type).toBe('module');
    expect(readOut('main/index.js')).toMatch(/^\s*(import|export)\s/m);
  });

  it('builds the job worker beside the module that starts it (a worker thread is loaded by file, relative to that module)', () => {
    expect(files).toContain('job-worker.js');
    const starters = files.filter((file) => readOut(`main/${file}`).includes('job-worker.js'));
    expect(starters.length).toBeGreaterThan(0);
    for (const file of starters) expect(file, 'the runner must sit in out/main itself, not in a chunk folder').not.toContain('/');
  });

  it('imports better-sqlite3 instead of inlining it, and ships no .node file of its own', () => {
    expect(loadedModules(code)).toContain('better-sqlite3');
    expect(code, 'better-sqlite3/lib/binding.js inlined').not.toContain('better_sqlite3.node');
    expect(code).not.toMatch(/DEFAULT_ADDON|require\(['"]bindings['"]\)/);
    expect(readdirSync(outPath('main'), { recursive: true }).map(String).filter((file) => file.endsWith('.node'))).toEqual([]);
  });

  it('loads only Node built-ins, electron, and packages listed in "dependencies"', () => {
    const dependencies = Object.keys(pkg.dependencies ?? {});
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const offenders = loadedModules(code).filter(
      (specifier) => !specifier.startsWith('.') && !builtins.has(specifier) && specifier !== 'electron' && !dependencies.includes(packageOf(specifier)),
    );
    expect(offenders, 'not packed by electron-builder: move to "dependencies" or let Vite bundle them').toEqual([]);
  });

  it('uses no CommonJS-only globals (undefined in an ES module main)', () => {
    expect(code).not.toMatch(/(?<![\w$.'"`])__dirname\b/);
    expect(code).not.toMatch(/(?<![\w$.'"`])__filename\b/);
    expect(code).not.toMatch(/(?<![\w$.'"`])require\s*\(/);
    expect(code).not.toMatch(/(?<![\w$.'"`])module\.exports\b/);
  });

  it('keeps electron a devDependency and better-sqlite3 a dependency, as electron-builder requires', () => {
    expect(pkg.dependencies).not.toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
  });
});

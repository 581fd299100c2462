import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import de from '../../renderer/src/i18n/de.json';
import en from '../../renderer/src/i18n/en.json';
import { CASE_ACTIONS } from '../../main/domain/workflow.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS, CASE_OUTCOMES, CASE_STATUSES, IMPROVEMENT_STATUSES, ROLES } from '../../main/vocabulary/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function flatten(tree: object, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, full)) keys.set(k, v);
    else keys.set(full, String(value));
  }
  return keys;
}

const catalogs = { de: flatten(de), en: flatten(en) };
/** i18next plural forms: t('x', { count }) looks up x_one / x_other. */
const hasKey = (catalog: Map<string, string>, key: string) => catalog.has(key) || catalog.has(`${key}_other`);

function unionMembers(file: string, typeName: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const body = new RegExp(`export type ${typeName} =([^;]+);`).exec(source)![1]!;
  return [...body.matchAll(/'([a-z_0-9]+)'/g)].map((m) => m[1]!);
}

function constList(file: string, name: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const body = new RegExp(`export const ${name} = \\[([^\\]]+)\\]`).exec(source)![1]!;
  return [...body.matchAll(/'([a-z_0-9]+)'/g)].map((m) => m[1]!);
}

describe('translations', () => {
  it('German and English have exactly the same keys, none empty', () => {
    expect([...catalogs.de.keys()].sort()).toEqual([...catalogs.en.keys()].sort());
    for (const [language, catalog] of Object.entries(catalogs)) {
      for (const [key, value] of catalog) expect(value.trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  it('translate every API error code', () => {
    const codes = unionMembers('main/services/errors.ts', 'ErrorCode');
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      expect(catalogs.de.has(`errors.${code}`), `de errors.${code}`).toBe(true);
      expect(catalogs.en.has(`errors.${code}`), `en errors.${code}`).toBe(true);
    }
  });

  it('name every kind, channel, origin, status and role', () => {
    const lists = {
      kind: [...CASE_KINDS],
      channel: [...CASE_CHANNELS],
      origin: [...CASE_ORIGINS],
      status: [...CASE_STATUSES],
      role: [...ROLES],
      action: [...CASE_ACTIONS, 'note', 'extend'],
      outcome: [...CASE_OUTCOMES],
      improvementStatus: [...IMPROVEMENT_STATUSES],
      'inbox.views': constList('renderer/src/views/inbox/saved-views.ts', 'SAVED_VIEWS'),
    };
    for (const [group, values] of Object.entries(lists)) {
      expect(values.length).toBeGreaterThan(1);
      for (const value of values) for (const catalog of Object.values(catalogs)) expect(catalog.has(`${group}.${value}`), `${group}.${value}`).toBe(true);
    }
  });

  it('has every key the renderer asks for', () => {
    const files = readdirSync(path.join(root, 'renderer/src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name));
    const used = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) {
      expect(hasKey(catalogs.de, key), `de ${key}`).toBe(true);
      expect(hasKey(catalogs.en, key), `en ${key}`).toBe(true);
    }
  });
});

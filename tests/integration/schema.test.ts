import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite as openDatabase } from '../../main/db/sqlite/index.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);

/** The Kysely table interfaces are written by hand; this keeps them in step with what the migrations create. */
function declaredTables(): Map<string, string[]> {
  const source = readFileSync(new URL('../../main/db/schema.ts', import.meta.url), 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const match of source.matchAll(/export interface (\w+)Table \{([^}]*)\}/g)) {
    interfaces.set(match[1]!, [...match[2]!.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!));
  }
  const schema = /export interface Schema \{([^}]*)\}/.exec(source)![1]!;
  const tables = new Map<string, string[]>();
  for (const [, table, type] of schema.matchAll(/^\s+(\w+): (\w+)Table;/gm)) tables.set(table!, interfaces.get(type!)!);
  return tables;
}

describe('schema types', () => {
  it('declare exactly the columns the migrations create', async () => {
    const db = openDatabase(path.join(tempDir(), 'schema.sqlite'));
    const declared = declaredTables();
    expect(declared.size).toBeGreaterThan(8);
    for (const [table, columns] of declared) {
      if (table === 'case_search') continue; // FTS5 virtual table: hidden columns rowid, rank and the table name itself
      const actual = (db.sqlite.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(table) as string[]).sort();
      expect(actual, table).toEqual([...columns].sort());
    }
    await db.close();
  });
});

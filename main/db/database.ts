// One SQLite connection: Kysely builds the typed SQL, better-sqlite3 runs it synchronously so transactions stay real.
import BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type InferResult,
} from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate } from './migrate.ts';
import type { Schema } from './schema.ts';

export const DATABASE_FILE = 'ombudsdesk.sqlite';

export interface Db {
  readonly sqlite: BetterSqlite3.Database;
  /** Query builder only: compile with it, run through all/first/run. */
  readonly q: Kysely<Schema>;
  all<Q extends Compilable<unknown>>(query: Q): InferResult<Q>;
  all<R>(query: CompiledQuery<R>): R[];
  first<Q extends Compilable<unknown>>(query: Q): InferResult<Q>[number] | undefined;
  first<R>(query: CompiledQuery<R>): R | undefined;
  run(query: Compilable<unknown>): BetterSqlite3.RunResult;
  /** Runs fn in an IMMEDIATE transaction (writers queue instead of failing half-way). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function createQueryBuilder(): Kysely<Schema> {
  return new Kysely<Schema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

export function openDatabase(file: string, options: { migrate?: boolean; readonly?: boolean } = {}): Db {
  const sqlite = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  if (options.migrate ?? true) migrate(sqlite, MIGRATIONS);
  return wrap(sqlite);
}

function wrap(sqlite: BetterSqlite3.Database): Db {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (query: Compilable<unknown> | CompiledQuery<unknown>): [BetterSqlite3.Statement, readonly unknown[]] => {
    const compiled = 'compile' in query ? query.compile() : query;
    let statement = statements.get(compiled.sql);
    if (!statement) {
      statement = sqlite.prepare(compiled.sql);
      statements.set(compiled.sql, statement);
    }
    return [statement, compiled.parameters];
  };
  return {
    sqlite,
    q: createQueryBuilder(),
    all(query: Compilable<unknown> | CompiledQuery<unknown>) {
      const [statement, parameters] = prepare(query);
      return statement.all(...parameters) as never;
    },
    first(query: Compilable<unknown> | CompiledQuery<unknown>) {
      const [statement, parameters] = prepare(query);
      return statement.get(...parameters) as never;
    },
    run(query) {
      const [statement, parameters] = prepare(query);
      return statement.run(...parameters);
    },
    transaction(fn) {
      return sqlite.transaction(fn).immediate();
    },
    close() {
      statements.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}

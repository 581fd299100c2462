// Kysely over better-sqlite3: the SqliteDialect with a driver subclass whose transactions begin IMMEDIATE (writers queue
// on the busy timeout instead of failing half-way when they upgrade a read lock) and whose connection keeps its prepared
// statements. One connection serves one process; a mutex hands it to one query or one transaction at a time, so a
// transaction never sees another caller's statements interleaved.
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Schema } from '../schema.ts';

/** A FIFO lock: the next waiter gets the connection when the holder releases it. */
class Mutex {
  #held = false;
  #waiting: (() => void)[] = [];
  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** The one connection, with a cache of prepared statements keyed by SQL text (Kysely's own prepares every time). */
class CachingConnection implements DatabaseConnection {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite streams only SELECT queries');
    // A statement that iterates is busy until done: stream with one of its own, not the cached one.
    const statement = this.#sqlite.prepare(compiled.sql);
    for (const row of statement.iterate(...(compiled.parameters as unknown[]))) yield { rows: [row as R] };
  }

  clear(): void {
    this.#statements.clear();
  }
}

export class ImmediateSqliteDriver implements Driver {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #connection: CachingConnection;
  readonly #mutex = new Mutex();
  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    this.#connection = new CachingConnection(sqlite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); a second ROLLBACK would only hide the first error.
    if (this.#sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.#connection.clear();
    if (this.#sqlite.open) this.#sqlite.close();
  }
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #sqlite: BetterSqlite3.Database;
  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
  }
  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#sqlite);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

export function createKysely(sqlite: BetterSqlite3.Database): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(sqlite) });
}

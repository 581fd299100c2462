// `db copy`: moves a SQLite office to an empty, migrated PostgreSQL database. Everything happens in one PostgreSQL
// transaction (a failure leaves the target as empty as it was): every table of the SQLite file in foreign-key order,
// the identity sequences set past the copied ids, the attachment files into attachment_contents (migration 0024), then
// each table read back inside the same transaction and compared with the SQLite snapshot by row count and checksum.
// The SQLite file is opened read-only and read in one read transaction (a consistent snapshot); it is never written.
//
// Checksums are order-independent (the sorted SHA-256 of each row's canonical values), so the two engines' collations
// and row orders do not matter. Tables PostgreSQL fills by triggers from `cases` (the counts and volumes; the search
// index, whose shape differs per engine) are not inserted: the counts and volumes are compared like the other tables,
// the search index by its row count.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../sqlite/migrations/index.ts';
import { openSqliteSnapshot, type SnapshotRow } from '../sqlite/snapshot.ts';
import { clientOptions, type PostgresConnection } from './connection-options.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { newerSchemaSentence, readSchemaState } from './schema-state.ts';

/**
 * Filled by PostgreSQL's triggers on `cases`: compared, not inserted. Their rows that dropped to n = 0 are left out of
 * the comparison: SQLite keeps such rows (harmless), while a copy inserts each case once with its final status.
 */
const DERIVED = ['case_counts', 'case_volumes'];
const derivedFilter = (table: string) => (DERIVED.includes(table) ? ' WHERE n <> 0' : '');
/** Rows that migrations put in a fresh database (default templates and settings): replaced by the office's own. */
const SEEDED = ['reply_templates', 'settings'];
const BATCH = 500;

export interface TableCopy {
  table: string;
  rows: number;
  checksum: string;
}

export interface CopyReport {
  tables: TableCopy[];
  attachments: { files: number; bytes: number };
}

export class CopyRefused extends Error {}

type Row = SnapshotRow;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (typeof value === 'number' || typeof value === 'bigint') return `n${String(value)}`;
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `b${Buffer.from(value).toString('hex')}`;
  return `j${JSON.stringify(value)}`;
}

/** Collects row digests; the checksum is over their sorted list, so row order does not count. */
class TableSum {
  private digests: string[] = [];
  add(columns: readonly string[], row: Row): void {
    this.digests.push(createHash('sha256').update(columns.map((column) => canonical(row[column])).join('\u001f')).digest('hex'));
  }
  get rows(): number {
    return this.digests.length;
  }
  finish(): string {
    return createHash('sha256').update(this.digests.sort().join('\n')).digest('hex');
  }
}

/** Parents before children (PostgreSQL's foreign keys); a table's reference to itself does not count. */
function foreignKeyOrder(tables: string[], edges: { child: string; parent: string }[]): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (done.has(table)) return;
    if (path.includes(table)) throw new CopyRefused(`the tables' foreign keys form a circle: ${[...path, table].join(' -> ')}`);
    for (const edge of edges) if (edge.child === table && edge.parent !== table && tables.includes(edge.parent)) visit(edge.parent, [...path, table]);
    done.add(table);
    order.push(table);
  };
  for (const table of tables) visit(table, []);
  return order;
}

async function pgSum(client: pg.ClientBase, table: string, columns: string[]): Promise<TableSum> {
  const sum = new TableSum();
  const cursor = `copy_check_${table}`;
  await client.query(`DECLARE ${quote(cursor)} NO SCROLL CURSOR FOR SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${derivedFilter(table)}`);
  for (;;) {
    const { rows } = await client.query<Row>(`FETCH 2000 FROM ${quote(cursor)}`);
    for (const row of rows) sum.add(columns, row);
    if (rows.length < 2000) break;
  }
  await client.query(`CLOSE ${quote(cursor)}`);
  return sum;
}

/** The attachment files of the data folder: <attachments>/<2 hex>/<sha256>. */
function attachmentFiles(folder: string): { sha256: string; file: string }[] {
  if (!existsSync(folder)) return [];
  const found: { sha256: string; file: string }[] = [];
  for (const prefix of readdirSync(folder)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of readdirSync(path.join(folder, prefix))) {
      if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(prefix)) found.push({ sha256: name, file: path.join(folder, prefix, name) });
    }
  }
  return found.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
}

export async function copySqliteToPostgres(
  source: { file: string; attachments: string },
  connection: PostgresConnection,
  log: (line: string) => void = () => {},
): Promise<CopyReport> {
  if (!existsSync(source.file)) throw new CopyRefused(`no SQLite office at ${source.file}`);
  const sqlite = openSqliteSnapshot(source.file);
  const client = new pg.Client(clientOptions(connection));
  // int8 (count(*), the volumes' sums) as numbers, as the engine's pool reads them.
  client.setTypeParser(20, (value: string) => Number(value));
  try {
    const applied = sqlite.applied();
    const shipped = SQLITE_MIGRATIONS.map((migration) => migration.id);
    if (applied.join(',') !== shipped.join(',')) {
      throw new CopyRefused(
        `the SQLite office is not at this version's schema (it has ${applied.at(-1) ?? 'none'}, this version ships ${shipped.at(-1)}): ` +
          'start this version of Ombudsdesk on it once, then copy',
      );
    }
    await client.connect();
    const state = await readSchemaState(client, MIGRATIONS);
    if (state.state === 'newer') throw new CopyRefused(newerSchemaSentence(state, MIGRATIONS));
    if (state.state !== 'current') throw new CopyRefused('the target database is not migrated: run `npm run cli -- db init --engine postgres --url …` on it first');

    const tables = sqlite.tables();
    const pgColumns = new Map<string, string[]>();
    for (const row of (
      await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position",
      )
    ).rows) {
      pgColumns.set(row.table_name, [...(pgColumns.get(row.table_name) ?? []), row.column_name]);
    }
    const columnsOf = new Map<string, string[]>();
    for (const table of tables) {
      const columns = sqlite.columns(table);
      const target = pgColumns.get(table);
      if (!target) throw new CopyRefused(`the PostgreSQL schema has no table ${table}`);
      const differ = [...columns.filter((c) => !target.includes(c)), ...target.filter((c) => !columns.includes(c))];
      if (differ.length) throw new CopyRefused(`table ${table} has different columns on the two engines (${differ.join(', ')})`);
      columnsOf.set(table, columns);
    }
    const edges = (
      await client.query<{ child: string; parent: string }>(
        `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
      )
    ).rows;
    const order = foreignKeyOrder(tables, edges);

    await client.query('BEGIN');
    try {
      // One copy at a time, and no seat writing meanwhile: the emptiness checked below stays true until the commit.
      await client.query(`LOCK TABLE ${order.map(quote).join(', ')}, attachment_contents IN EXCLUSIVE MODE NOWAIT`).catch((error: unknown) => {
        throw new CopyRefused(`the target database is in use (${error instanceof Error ? error.message : String(error)}); close every seat and try again`);
      });
      for (const table of [...order, 'attachment_contents']) {
        if (SEEDED.includes(table)) continue;
        const { rows } = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
        if (rows[0]!.n > 0) throw new CopyRefused(`the target database is not empty (table ${table} has ${rows[0]!.n} rows); db copy only fills a freshly initialised database`);
      }
      for (const table of SEEDED) if (order.includes(table)) await client.query(`DELETE FROM ${quote(table)}`);

      const sums = new Map<string, TableSum>();
      for (const table of order) {
        const columns = columnsOf.get(table)!;
        const sum = new TableSum();
        const insert = !DERIVED.includes(table);
        let batch: Row[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const values: unknown[] = [];
          const tuples = batch.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
          await client.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, values);
          batch = [];
        };
        const perBatch = Math.max(1, Math.min(BATCH, Math.floor(60_000 / columns.length)));
        for (const row of sqlite.rows(table, columns, derivedFilter(table))) {
          sum.add(columns, row);
          if (!insert) continue;
          batch.push(row);
          if (batch.length >= perBatch) await flush();
        }
        await flush();
        sums.set(table, sum);
        log(`${table}: ${sum.rows} rows${insert ? '' : ' (filled by the database from cases)'}`);
      }

      // Identity columns: the next id after the highest copied one.
      const identities = (
        await client.query<{ table_name: string; column_name: string }>(
          "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
        )
      ).rows;
      for (const { table_name: table, column_name: column } of identities) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
          [quote(table), column],
        );
      }

      // Attachment files: every stored file, each checked against its name; every attachment row must find its file.
      const files = attachmentFiles(source.attachments);
      const stored = new Set(files.map((file) => file.sha256));
      const referenced = sqlite.pluck<string>('SELECT DISTINCT sha256 FROM attachments');
      const lost = referenced.filter((sha256) => !stored.has(sha256));
      if (lost.length) throw new CopyRefused(`${lost.length} attachment file(s) are missing from ${source.attachments} (first: ${lost[0]}); nothing was copied`);
      let bytes = 0;
      for (const { sha256, file } of files) {
        const content = readFileSync(file);
        if (createHash('sha256').update(content).digest('hex') !== sha256) throw new CopyRefused(`the attachment file ${file} does not match its name (damaged); nothing was copied`);
        await client.query('INSERT INTO attachment_contents (sha256, size, content) VALUES ($1, $2, $3)', [sha256, content.length, content]);
        bytes += content.length;
      }
      log(`attachment files: ${files.length} (${bytes} bytes)`);

      // Verification inside the same transaction: what PostgreSQL now holds is what the SQLite snapshot held.
      const report: TableCopy[] = [];
      for (const table of order) {
        const columns = columnsOf.get(table)!;
        const expected = sums.get(table)!;
        const found = await pgSum(client, table, columns);
        const [want, got] = [expected.finish(), found.finish()];
        if (found.rows !== expected.rows || want !== got) {
          throw new CopyRefused(`verification failed for ${table}: ${expected.rows} rows (checksum ${want.slice(0, 12)}) in SQLite, ${found.rows} rows (checksum ${got.slice(0, 12)}) in PostgreSQL; nothing was copied`);
        }
        report.push({ table, rows: expected.rows, checksum: want });
      }
      const cases = sqlite.value<number>('SELECT count(*) FROM cases');
      const indexed = (await client.query<{ n: number }>('SELECT count(*) AS n FROM case_search')).rows[0]!.n;
      if (indexed !== cases) throw new CopyRefused(`verification failed: the search index holds ${indexed} of ${cases} cases; nothing was copied`);
      const attachmentCheck = (
        await client.query<{ n: number; bad: number; bytes: number }>(
          "SELECT count(*) AS n, count(*) FILTER (WHERE encode(sha256(content), 'hex') <> sha256) AS bad, coalesce(sum(size), 0)::int8 AS bytes FROM attachment_contents",
        )
      ).rows[0]!;
      if (attachmentCheck.n !== files.length || attachmentCheck.bad !== 0 || attachmentCheck.bytes !== bytes) {
        throw new CopyRefused('verification failed for the attachment files; nothing was copied');
      }
      await client.query('COMMIT');
      return { tables: report, attachments: { files: files.length, bytes } };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    sqlite.close();
    await client.end().catch(() => {});
  }
}

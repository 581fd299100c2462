// The two kinds of database handle a service gets (after Signal Desktop's ReadableDB/WritableDB): ReadDb can only build
// reads (no insertInto/updateTable/deleteFrom, no schema), WriteDb is a transaction and can do both. A function that
// writes takes a WriteDb, so it can only be called inside ctx.tx (services/context.ts).
import { SelectQueryNode, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.ts';

/** A read-only handle: the root Kysely instance or a transaction, seen through the reads only. */
export type ReadDb = Pick<Kysely<Schema>, 'selectFrom' | 'selectNoFrom' | 'fn' | 'dynamic' | 'case'>;

/** A handle that writes: always a transaction (on SQLite one that began IMMEDIATE). */
export type WriteDb = Transaction<Schema>;

/**
 * Runs a compiled SELECT (kept compiled by a cache) on a read handle: the root instance or the transaction it belongs to.
 * Anything but a SELECT is refused, so the read-only handle stays read-only.
 */
export async function runCompiled<R>(db: ReadDb, query: CompiledQuery<R>): Promise<R[]> {
  if (!SelectQueryNode.is(query.query)) throw new Error('runCompiled runs SELECT queries only');
  const result = await (db as unknown as Kysely<Schema>).executeQuery(query);
  return result.rows;
}

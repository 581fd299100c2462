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

/**
 * A statement of fixed shape whose Kysely query is built and compiled once, then run again with new arguments (the
 * hot statements of case creation and transitions, some 20 per demo case: building and compiling a query costs more
 * than SQLite's own work for a small insert). `build` gets markers in place of the arguments' values; each compiled
 * parameter that is a marker takes that argument's value on every run. Every argument must reach SQL as a parameter,
 * whatever its value (null included): nothing in `build` may choose the SQL's shape from a value. The compiled text is
 * kept once per process, so it assumes one SQL dialect per process (true while SQLite is the only engine; a second
 * engine in the same process would need the cache keyed by dialect).
 */
export function reusable<P extends Record<string, unknown>, R>(build: (db: Kysely<Schema>, args: P) => { compile(): CompiledQuery<R> }) {
  let compiled: { query: CompiledQuery<R>; slots: ({ key: string } | { value: unknown })[] } | null = null;
  return async (db: ReadDb | WriteDb, args: P): Promise<R[]> => {
    if (!compiled) {
      const keys = Object.keys(args);
      const markers = Object.fromEntries(keys.map((key) => [key, `\u0000reusable:${key}\u0000`]));
      const byMarker = new Map(keys.map((key) => [markers[key], key]));
      const query = build(db as unknown as Kysely<Schema>, markers as P).compile();
      const slots = query.parameters.map((value) => {
        const key = typeof value === 'string' ? byMarker.get(value) : undefined;
        return key === undefined ? { value } : { key };
      });
      if (new Set(slots.flatMap((slot) => ('key' in slot ? [slot.key] : []))).size !== keys.length) {
        throw new Error('reusable: every argument must reach the statement as a parameter');
      }
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const kysely = db as unknown as Kysely<Schema>;
    // A read handle stays read-only (as with runCompiled): outside a transaction only a SELECT runs.
    if (!kysely.isTransaction && !SelectQueryNode.is(query.query)) throw new Error('reusable: writes run in a transaction');
    const parameters = slots.map((slot) => ('key' in slot ? args[slot.key] : slot.value));
    return (await kysely.executeQuery<R>({ ...query, parameters })).rows;
  };
}

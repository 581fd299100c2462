// The two kinds of database handle a service gets (after Signal Desktop's ReadableDB/WritableDB): ReadDb can only build
// reads (no insertInto/updateTable/deleteFrom, no schema), WriteDb is a transaction and can do both. A function that
// writes takes a WriteDb, so it can only be called inside ctx.tx (services/context.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

/** A read-only handle: the root Kysely instance or a transaction, seen through the reads only. */
export type ReadDb = Pick<Kysely<Schema>, 'selectFrom' | 'selectNoFrom' | 'fn' | 'dynamic' | 'case'>;

/** A handle that writes: always a transaction (on SQLite one that began IMMEDIATE). */
export type WriteDb = Transaction<Schema>;

// What every service needs: a read handle, the engine, the clock, the office settings with their calendar, and ctx.tx
// to write. Inside ctx.tx the context is bound to that transaction: reads see its writes, and a nested ctx.tx reuses it
// instead of opening a second one (the one connection is held by the transaction until it ends).
import { sql } from 'kysely';
import type { WorkingCalendar } from '../domain/calendar.ts';
import type { OfficeSettings } from '../types/settings.ts';
import type { Engine } from '../db/engine.ts';
import type { ReadDb, WriteDb } from '../db/handles.ts';
import { systemClock, type Clock } from './clock.ts';
import { calendarCache, readSettings } from './settings-read.ts';

export interface ServiceContext {
  /** Reads; inside a transaction, the transaction itself (a read outside it would wait for the connection). */
  read: ReadDb;
  engine: Engine;
  now: Clock;
  /** The office settings, read fresh on each call. */
  settings(): Promise<OfficeSettings>;
  calendar(): Promise<WorkingCalendar>;
  /** Runs fn in one transaction; inside one already, fn runs in it. */
  tx<T>(fn: (ctx: TxContext) => Promise<T>): Promise<T>;
}

export interface TxContext extends ServiceContext {
  /** Writes (and reads) of this transaction. */
  db: WriteDb;
  /** Called by updateSettings: the next settings() in this transaction reads them again. */
  settingsChanged(): void;
  /** Rows requireExisting found in this transaction ("table:id"); forgotten when a savepoint rolls back. */
  readonly found: Set<string>;
}

export function isTxContext(ctx: ServiceContext): ctx is TxContext {
  return 'db' in ctx;
}

export function createServiceContext(engine: Engine, now: Clock = systemClock): ServiceContext {
  const calendarFor = calendarCache();
  const bind = (read: ReadDb): Omit<ServiceContext, 'tx' | 'now'> => ({
    read,
    engine,
    settings: () => readSettings(read),
    calendar: async () => calendarFor(await readSettings(read)),
  });
  const root: ServiceContext = {
    ...bind(engine.db),
    now,
    tx: (fn) => retryBusy(engine, () => transaction(fn)),
  };
  const transaction = <T>(fn: (ctx: TxContext) => Promise<T>): Promise<T> =>
    engine.db.transaction().execute((trx) => {
      // Inside the transaction nobody else writes (it began IMMEDIATE), so the settings are read once and kept until
      // this transaction itself changes them (updateSettings calls settingsChanged); a demo batch of 500 cases reads
      // them once instead of some 4,000 times.
      let memo: Promise<OfficeSettings> | null = null;
      const settings = () => (memo ??= readSettings(trx));
      const inner: TxContext = {
        read: trx,
        engine,
        settings,
        calendar: async () => calendarFor(await settings()),
        settingsChanged: () => {
          memo = null;
        },
        found: new Set(),
        db: trx,
        // The clock as the outer context has it now (the demo moves it between batches).
        now: () => root.now(),
        tx: (nested) => nested(inner),
      };
      return fn(inner);
    });
  return root;
}

/**
 * Runs a whole transaction again when the engine aborted it as busy (a deadlock victim, a serialization failure), at
 * most engine.busyRetries times, after a short random pause that grows with each attempt; any other failure, and the
 * last busy one, reaches the caller. fn must be safe to run again: everything it wrote was rolled back with the
 * transaction (the request id claim included), and each attempt gets a fresh context.
 */
export async function retryBusy<T>(engine: Engine, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= engine.busyRetries || engine.mapError(error)?.code !== 'busy') throw error;
      await new Promise((resolve) => setTimeout(resolve, (attempt + 1) * (5 + Math.random() * 20)));
    }
  }
}

/**
 * Runs fn so that a failure undoes fn's writes only: in its own transaction, or inside one as a savepoint. For bulk
 * changes where one refused case must not undo the others.
 */
export async function isolated<T>(ctx: ServiceContext, fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  if (!isTxContext(ctx)) return ctx.tx(fn);
  // One name serves any depth: ROLLBACK TO and RELEASE act on the innermost savepoint of that name.
  const name = sql.raw('isolated');
  await sql`SAVEPOINT ${name}`.execute(ctx.db);
  try {
    const value = await fn(ctx);
    await sql`RELEASE ${name}`.execute(ctx.db);
    return value;
  } catch (error) {
    await sql`ROLLBACK TO ${name}`.execute(ctx.db);
    await sql`RELEASE ${name}`.execute(ctx.db);
    ctx.found.clear();
    throw error;
  }
}

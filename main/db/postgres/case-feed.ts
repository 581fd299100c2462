// The other seats' changes to cases, as they commit: one connection of its own LISTENs on ombudsdesk_cases (the
// triggers of migration 0027 NOTIFY there), opened when the first listener comes and closed with the engine. Ids are
// coalesced for COALESCE_MS, so a burst of writes (another seat's import, a bulk action) reaches the windows as one
// change. When the connection fails it is opened again after a pause, and the next change says `all`: notifications
// sent while nobody listened are lost, so the windows reload whatever they show.
import pg from 'pg';
import type { CaseChange } from '../engine.ts';

export const CASE_CHANNEL = 'ombudsdesk_cases';
const COALESCE_MS = 100;
const RECONNECT_MS = 1_000;

export interface CaseFeed {
  watch(listener: (change: CaseChange) => void): () => void;
  /** Resolves once the feed's connection LISTENs (or failed to): for tests that must not write before. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The ids a notification names ('1,2,3'), or null for '*' or anything unreadable (then: everything may have changed). */
export function parseCaseIds(payload: string | undefined): number[] | null {
  if (!payload || payload === '*') return null;
  const ids = payload.split(',').map(Number);
  return ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids : null;
}

/** `connection`: where the pool connects (host, port, database, user, password, TLS), for a connection of its own. */
export function createCaseFeed(connection: Pick<pg.ClientConfig, 'host' | 'port' | 'database' | 'user' | 'password' | 'ssl'>): CaseFeed {
  const listeners = new Set<(change: CaseChange) => void>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let pending: Set<number> | 'all' | null = null;
  let timer: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    const change: CaseChange = pending === 'all' ? { all: true, caseIds: [] } : { all: false, caseIds: [...(pending ?? [])].sort((a, b) => a - b) };
    pending = null;
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('ombudsdesk: a case change listener failed', error);
      }
    }
  };
  const note = (ids: number[] | null) => {
    if (ids === null || pending === 'all') pending = 'all';
    else {
      pending ??= new Set();
      for (const id of ids) pending.add(id);
    }
    timer ??= setTimeout(flush, COALESCE_MS);
  };

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const next = new pg.Client({ host: connection.host, port: connection.port, database: connection.database, user: connection.user, password: connection.password, ssl: connection.ssl });
      const lost = (error?: Error & { code?: string }) => {
        if (client !== next) return;
        client = null;
        next.end().catch(() => {});
        if (closed || listeners.size === 0) return;
        if (error && error.code !== '57P01') console.error('ombudsdesk: the live refresh connection to PostgreSQL failed; trying again', error.message);
        retry = setTimeout(() => {
          retry = null;
          void connect().then(() => note(null));
        }, RECONNECT_MS);
      };
      try {
        await next.connect();
        next.on('notification', (message) => {
          if (message.channel === CASE_CHANNEL) note(parseCaseIds(message.payload));
        });
        next.on('error', lost);
        next.on('end', () => lost());
        await next.query(`LISTEN ${CASE_CHANNEL}`);
        if (closed) {
          await next.end();
          return;
        }
        client = next;
      } catch (error) {
        await next.end().catch(() => {});
        if (!closed && listeners.size > 0) {
          console.error('ombudsdesk: cannot listen for other seats\' changes; trying again', (error as Error).message);
          retry ??= setTimeout(() => {
            retry = null;
            void connect().then(() => note(null));
          }, RECONNECT_MS);
        }
      } finally {
        connecting = null;
      }
    })());

  return {
    watch(listener) {
      listeners.add(listener);
      if (!client && !closed) void connect();
      return () => {
        listeners.delete(listener);
      };
    },
    ready: () => connecting ?? Promise.resolve(),
    async close() {
      closed = true;
      listeners.clear();
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      await connecting?.catch(() => {});
      const open = client;
      client = null;
      await open?.end().catch(() => {});
    },
  };
}

// What a PostgreSQL database holds, read without changing anything (no history table is created): no Ombudsdesk schema
// yet, an older one (migrations missing), this app's, or a newer one (a migration this app does not ship: another seat
// runs a newer version). Seats refuse a newer schema with a sentence instead of working on tables they do not know.
import type pg from 'pg';
import type { Migration } from '../sqlite/migrations/index.ts';

export type SchemaState =
  | { state: 'empty'; applied: [] }
  | { state: 'behind'; applied: string[]; missing: string[] }
  | { state: 'current'; applied: string[] }
  | { state: 'newer'; applied: string[]; unknown: string[] }
  | { state: 'diverged'; applied: string[]; position: number };

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function readSchemaState(db: Queryable, migrations: readonly Migration[]): Promise<SchemaState> {
  const exists = await db.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  if (!exists.rows[0]?.found) return { state: 'empty', applied: [] };
  const applied = (await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY position')).rows.map((row) => row.id);
  if (applied.length === 0) return { state: 'empty', applied: [] };
  const shipped = migrations.map((migration) => migration.id);
  for (let index = 0; index < Math.min(applied.length, shipped.length); index++) {
    if (applied[index] !== shipped[index]) {
      // An id this app does not know at all, after the ones it knows: a newer app added it.
      if (!shipped.includes(applied[index]!)) return { state: 'newer', applied, unknown: applied.slice(index) };
      return { state: 'diverged', applied, position: index + 1 };
    }
  }
  if (applied.length > shipped.length) return { state: 'newer', applied, unknown: applied.slice(shipped.length) };
  if (applied.length < shipped.length) return { state: 'behind', applied, missing: shipped.slice(applied.length) };
  return { state: 'current', applied };
}

/** The sentence for a newer schema (the command line and the start-up error say it alike). */
export function newerSchemaSentence(state: { unknown: string[] }, migrations: readonly Migration[]): string {
  return (
    `The database has a newer schema than this version of Ombudsdesk (it has migration ${state.unknown[0]}; ` +
    `this version knows up to ${migrations.at(-1)?.id ?? 'none'}). Update Ombudsdesk on this computer; the database was not changed.`
  );
}

// The few SQL expressions that differ between the engines, for services that must stay engine-neutral: JSON fields
// stored as text, and counting the rows where a condition holds. One engine per process: openEngine selects it.
import { sql, type RawBuilder } from 'kysely';

export type EngineKind = 'sqlite' | 'postgres';

let selected: EngineKind = 'sqlite';

/** A column name written as is (so SQLite's planner sees exactly the expression of an index on it). */
function column(name: string) {
  if (!/^[a-z_]+(\.[a-z_]+)?$/.test(name)) throw new Error(`dialect: unexpected column ${name}`);
  return sql.raw(name);
}

export function selectEngineSql(kind: EngineKind): void {
  selected = kind;
}

export function selectedEngine(): EngineKind {
  return selected;
}

/** A top-level field of a JSON text column as text (SQLite json_extract, PostgreSQL ->>). */
export function jsonText(name: string, key: string): RawBuilder<string | null> {
  if (!/^[a-zA-Z_]+$/.test(key)) throw new Error(`jsonText: unexpected key ${key}`);
  return selected === 'postgres'
    ? sql<string | null>`((${column(name)}::jsonb) ->> ${sql.lit(key)})`
    : sql<string | null>`json_extract(${column(name)}, ${sql.lit(`$.${key}`)})`;
}

/** The length of a JSON array stored as text. */
export function jsonArrayLength(name: string): RawBuilder<number> {
  return selected === 'postgres' ? sql<number>`jsonb_array_length(${column(name)}::jsonb)` : sql<number>`json_array_length(${column(name)})`;
}

/** A JSON object text from pairs of key and SQL value. */
export function jsonObject(pairs: Record<string, RawBuilder<unknown>>): RawBuilder<string> {
  const args = Object.entries(pairs).flatMap(([key, value]) => [sql.lit(key), value]);
  return selected === 'postgres' ? sql<string>`json_build_object(${sql.join(args)})::text` : sql<string>`json_object(${sql.join(args)})`;
}

/** How many rows a condition holds for (0 when none): sum(CASE ...), which both engines read the same way. */
export function countWhere(condition: RawBuilder<boolean>): RawBuilder<number> {
  return sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
}

// Imports of rows that become cases: spreadsheet and form-export rows read through a column mapping, and Open311
// service requests (both parsed in the job's worker; see main/io/table.ts, main/io/open311.ts and the domain mappings).
// Each batch is one transaction, as for mail (main/services/imports.ts): all of it or nothing; a row whose source and
// external id were imported before is skipped; a row with errors is a failed item with its reasons. Also: the saved
// column mappings, and the Open311 endpoint the office polls.
import { z } from 'zod';
import type { MappedRow, NameLookups, RowIssue } from '../domain/table-mapping.ts';
import { readJson } from '../db/json.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS } from '../vocabulary/cases.ts';
import { DATE_ORDERS, type TableMapping } from '../vocabulary/imports.ts';
import type { Actor } from './actor.ts';
import { createCases } from './cases.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { fail } from './errors.ts';
import { recordItems, type BatchCounts, type ImportItemEntry } from './imports.ts';
import type { Open311Endpoint, SavedMapping } from '../types/imports.ts';

/** One row of a batch: mapped (with its warnings, kept in the case's import event) or failed with its reasons. */
export type RowBatchItem =
  | { name: string; sourceKind: string; externalId: string; row: MappedRow; event: { type: 'row_imported' | 'open311_imported'; data: Record<string, unknown> } }
  | { name: string; error: { code: string; details: Record<string, unknown> } };

export async function nameLookups(ctx: ServiceContext): Promise<NameLookups> {
  const [departments, categories] = await Promise.all([
    ctx.read.selectFrom('departments').select(['id', 'name']).where('active', '=', 1).execute(),
    ctx.read.selectFrom('categories').select(['id', 'name']).where('active', '=', 1).execute(),
  ]);
  const fold = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
  return { departments: new Map(departments.map((d) => [fold(d.name), d.id])), categories: new Map(categories.map((c) => [fold(c.name), c.id])) };
}

/** A row's errors as an import item's details (the first names the column and value; all are listed). */
export function rowErrorDetails(row: number, errors: RowIssue[]): Record<string, unknown> {
  return { row, column: errors[0]?.column ?? null, value: errors[0]?.value.slice(0, 200) ?? '', errors: errors.map((e) => ({ code: e.code, column: e.column, value: e.value.slice(0, 200) })) };
}

/** External ids per lookup of the already known ones (one parameter each). */
const IDS_PER_LOOKUP = 500;

/** Which of these sources were imported before, with their case: one query per source kind (and 500 ids). */
async function knownSources(ctx: TxContext, keys: { sourceKind: string; externalId: string }[]): Promise<Map<string, { id: number; reference: string }>> {
  const known = new Map<string, { id: number; reference: string }>();
  const byKind = new Map<string, string[]>();
  for (const key of keys) {
    const ids = byKind.get(key.sourceKind) ?? [];
    ids.push(key.externalId);
    byKind.set(key.sourceKind, ids);
  }
  for (const [sourceKind, ids] of byKind) {
    const distinct = [...new Set(ids)];
    for (let start = 0; start < distinct.length; start += IDS_PER_LOOKUP) {
      const rows = await ctx.db
        .selectFrom('imported_sources as s')
        .innerJoin('cases as c', 'c.id', 's.case_id')
        .select(['s.external_id', 'c.id', 'c.reference'])
        .where('s.source_kind', '=', sourceKind)
        .where('s.external_id', 'in', distinct.slice(start, start + IDS_PER_LOOKUP))
        .execute();
      for (const row of rows) known.set(sourceKey(sourceKind, row.external_id), { id: row.id, reference: row.reference });
    }
  }
  return known;
}

const sourceKey = (sourceKind: string, externalId: string) => `${sourceKind}\u0000${externalId}`;

/**
 * Imports one batch of rows in one transaction: the already known sources are looked up at once, the new rows become
 * cases through createCases (references, deadlines, "created" and import events as for one case), their sources are
 * recorded, and the skipped and failed rows become the import's items in row order. A row whose source appears twice
 * in the batch is created once and skipped the second time, as if the rows had come one after the other.
 */
export async function importRowsBatch(ctx: ServiceContext, actor: Actor, importId: number, items: RowBatchItem[]): Promise<BatchCounts> {
  return await ctx.tx(async (ctx) => {
    const counts: BatchCounts = { new: 0, appended: 0, skipped: 0, failed: 0 };
    const known = await knownSources(ctx, items.flatMap((item) => ('error' in item ? [] : [item])));
    // Each item's outcome in row order; a new case is named by its place among the cases to create.
    type Outcome = { failed: { code: string; details: Record<string, unknown> } } | { skipped: { id: number; reference: string } } | { skippedNew: number } | { created: number };
    const outcomes: Outcome[] = [];
    const toCreate: { item: Extract<RowBatchItem, { row: MappedRow }>; key: string }[] = [];
    const pending = new Map<string, number>();
    for (const item of items) {
      if ('error' in item) {
        outcomes.push({ failed: item.error });
        continue;
      }
      const key = sourceKey(item.sourceKind, item.externalId);
      const before = known.get(key);
      const earlier = pending.get(key);
      if (before) outcomes.push({ skipped: before });
      else if (earlier !== undefined) outcomes.push({ skippedNew: earlier });
      else {
        pending.set(key, toCreate.length);
        outcomes.push({ created: toCreate.length });
        toCreate.push({ item, key });
      }
    }
    const created = await createCases(
      ctx,
      actor,
      toCreate.map(({ item }) => {
        const row = item.row;
        return {
          input: {
            kind: row.kind,
            channel: row.channel,
            origin: row.origin,
            receivedAt: row.receivedAt ?? undefined,
            subject: row.subject,
            description: row.description,
            priority: 'normal',
            departmentId: row.departmentId,
            categoryId: row.categoryId,
            submitter: { anonymous: false, name: row.name, email: row.email, phone: row.phone, address: row.address, organisation: null, language: null, consent: false, consentText: null },
          },
          events: [{ type: item.event.type, data: { ...item.event.data, importId, externalId: item.externalId } }],
        };
      }),
    );
    const stamp = ctx.now().toISOString();
    for (let start = 0; start < toCreate.length; start += SOURCES_PER_INSERT) {
      await ctx.db
        .insertInto('imported_sources')
        .values(
          toCreate.slice(start, start + SOURCES_PER_INSERT).map(({ item }, offset) => ({
            source_kind: item.sourceKind,
            external_id: item.externalId,
            case_id: created[start + offset]!.id,
            import_id: importId,
            imported_at: stamp,
          })),
        )
        .execute();
    }
    counts.new = toCreate.length;
    const recorded = items.flatMap((item, index): ImportItemEntry[] => {
      const outcome = outcomes[index]!;
      if ('failed' in outcome) return [{ item: item.name, outcome: 'failed', code: outcome.failed.code, details: outcome.failed.details }];
      const skipped = 'skipped' in outcome ? outcome.skipped : 'skippedNew' in outcome ? created[outcome.skippedNew]! : null;
      if (!skipped) return [];
      return [{ item: item.name, outcome: 'skipped', code: 'already_imported', details: { reference: skipped.reference }, caseId: skipped.id }];
    });
    await recordItems(ctx, importId, recorded);
    counts.failed = recorded.filter((entry) => entry.outcome === 'failed').length;
    counts.skipped = recorded.length - counts.failed;
    await ctx.db
      .updateTable('imports')
      .set((eb) => ({ new_count: eb('new_count', '+', counts.new), skipped_count: eb('skipped_count', '+', counts.skipped), failed_count: eb('failed_count', '+', counts.failed) }))
      .where('id', '=', importId)
      .execute();
    return counts;
  });
}

/** Sources per multi-row INSERT (5 parameters each). */
const SOURCES_PER_INSERT = 1000;

// ------------------------------------------------------------------------------------------------- saved mappings

const header = z.string().min(1).max(500);
export const tableMappingSchema = z.strictObject({
  columns: z.strictObject({
    receivedAt: header.nullable(),
    kind: header.nullable(),
    channel: header.nullable(),
    subject: header.nullable(),
    description: z.array(header).max(10),
    name: header.nullable(),
    email: header.nullable(),
    phone: header.nullable(),
    address: header.nullable(),
    department: header.nullable(),
    category: header.nullable(),
  }),
  externalId: header.nullable(),
  dateOrder: z.enum(DATE_ORDERS),
  defaultKind: z.enum(CASE_KINDS),
  defaultChannel: z.enum(CASE_CHANNELS),
  origin: z.enum(CASE_ORIGINS),
  channelValues: z.array(z.strictObject({ value: z.string().trim().min(1).max(200), channel: z.enum(CASE_CHANNELS) })).max(200),
}) satisfies z.ZodType<TableMapping>;


export async function listMappings(ctx: ServiceContext): Promise<SavedMapping[]> {
  const rows = await ctx.read.selectFrom('import_mappings').select(['id', 'name', 'mapping', 'updated_at']).orderBy('name').execute();
  const parse = (text: string): TableMapping | null => {
    const result = tableMappingSchema.safeParse(readJson(text, z.unknown()));
    return result.success ? result.data : null;
  };
  return rows.flatMap((row) => {
    const mapping = parse(row.mapping);
    return mapping ? [{ id: row.id, name: row.name, mapping, updatedAt: row.updated_at }] : [];
  });
}

/** Saves a mapping under its name (an existing name is overwritten: "save as" the same name updates it). */
export async function saveMapping(ctx: ServiceContext, actor: Actor, name: string, mapping: TableMapping): Promise<SavedMapping> {
  const trimmed = name.trim();
  if (!trimmed) fail('invalid_input', { field: 'name' });
  return await ctx.tx(async (ctx) => {
    const stamp = ctx.now().toISOString();
    const json = JSON.stringify(mapping);
    const row = await ctx.db
      .insertInto('import_mappings')
      .values({ name: trimmed, mapping: json, updated_at: stamp, updated_by: actor.id })
      .onConflict((oc) => oc.column('name').doUpdateSet({ mapping: json, updated_at: stamp, updated_by: actor.id }))
      .returning(['id', 'name', 'updated_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, mapping, updatedAt: row.updated_at };
  });
}

// ---------------------------------------------------------------------------------------------- Open311 endpoint

const OPEN311_KEY = 'open311_endpoint';
const endpointSchema = z.strictObject({ url: z.string().max(2000), jurisdictionId: z.string().max(200).nullable() });

export async function readOpen311Endpoint(ctx: ServiceContext): Promise<Open311Endpoint | null> {
  const row = await ctx.read.selectFrom('settings').select('value').where('key', '=', OPEN311_KEY).executeTakeFirst();
  if (!row) return null;
  const parsed = endpointSchema.safeParse(readJson(row.value, z.unknown()));
  return parsed.success ? parsed.data : null;
}

export async function saveOpen311Endpoint(ctx: ServiceContext, endpoint: Open311Endpoint): Promise<Open311Endpoint> {
  await ctx.tx((ctx) =>
    ctx.db
      .insertInto('settings')
      .values({ key: OPEN311_KEY, value: JSON.stringify(endpoint) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(endpoint) }))
      .execute(),
  );
  return endpoint;
}

// The append-only timelines of cases and of improvements: every change writes one event; nothing here edits or deletes
// one (the database refuses that too). Both tables have the same shape apart from the column naming their owner.
import type { TimelineEvent } from '../types/cases.ts';
import { reusable, type ReadDb, type WriteDb } from '../db/handles.ts';
import { readJson, stored } from '../db/json.ts';
import { departmentScope, type Actor } from './actor.ts';
import { visibleCases, visibleImprovements } from './scope.ts';

const TIMELINES = {
  case: { table: 'case_events', owner: 'case_id' },
  improvement: { table: 'improvement_events', owner: 'improvement_id' },
} as const;
export type TimelineOwner = keyof typeof TIMELINES;

export interface NewEvent {
  actorId: number | null;
  type: string;
  at: string;
  data?: Record<string, unknown>;
}

// Kysely types each table on its own; the two timelines differ only in the owner column, so one statement serves both
// (typed as the case timeline's).
// Compiled once per timeline (some 4 events per demo case).
const INSERT_EVENT = Object.fromEntries(
  Object.entries(TIMELINES).map(([owner, { table, owner: column }]) => [
    owner,
    reusable((db, values: { ownerId: number; actorId: number | null; type: string; at: string; data: string }) =>
      db.insertInto(table as 'case_events').values({ [column as 'case_id']: values.ownerId, actor_id: values.actorId, type: values.type, at: values.at, data: values.data }),
    ),
  ]),
) as Record<TimelineOwner, ReturnType<typeof reusable<{ ownerId: number; actorId: number | null; type: string; at: string; data: string }, unknown>>>;

export async function appendTimelineEvent(db: WriteDb, owner: TimelineOwner, ownerId: number, event: NewEvent): Promise<void> {
  await INSERT_EVENT[owner](db, { ownerId, actorId: event.actorId, type: event.type, at: event.at, data: JSON.stringify(event.data ?? {}) });
}

/**
 * The fields of an event that name another record: the id that decides whether the reader may see it, and what is
 * dropped with it when not. An event keeps its type and the rest of its data, marked restricted.
 */
const LINKED_FIELDS = [
  { id: 'caseId', of: 'case', names: ['caseId', 'reference'] },
  { id: 'intoId', of: 'case', names: ['intoId', 'intoReference'] },
  { id: 'fromId', of: 'case', names: ['fromId', 'fromReference'] },
  { id: 'improvementId', of: 'improvement', names: ['improvementId', 'title'] },
] as const;

/** Drops from each event what names a case or improvement outside the actor's departments. */
async function restrictToScope(db: ReadDb, actor: Actor, events: TimelineEvent[]): Promise<TimelineEvent[]> {
  if (departmentScope(actor) === null) return events;
  const idsOf = (of: 'case' | 'improvement') =>
    events.flatMap((event) => LINKED_FIELDS.filter((f) => f.of === of).map((f) => event.data[f.id])).filter((id): id is number => typeof id === 'number');
  const seen = { case: await visibleCases(db, actor)(idsOf('case')), improvement: await visibleImprovements(db, actor)(idsOf('improvement')) };
  return events.map((event) => {
    const hidden = LINKED_FIELDS.filter((f) => typeof event.data[f.id] === 'number' && !seen[f.of].has(event.data[f.id] as number));
    if (hidden.length === 0) return event;
    const data: Record<string, unknown> = { ...event.data, restricted: true };
    for (const field of hidden) for (const name of field.names) delete data[name];
    return { ...event, data };
  });
}

/** One timeline as the actor may read it (see restrictToScope). */
export async function readTimelineOf(db: ReadDb, actor: Actor, owner: TimelineOwner, ownerId: number): Promise<TimelineEvent[]> {
  return await restrictToScope(db, actor, await readRawTimeline(db, owner, ownerId));
}

async function readRawTimeline(db: ReadDb, owner: TimelineOwner, ownerId: number): Promise<TimelineEvent[]> {
  const { table, owner: column } = TIMELINES[owner];
  return (await db
        .selectFrom(`${table} as e` as 'case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.id', 'e.at', 'e.actor_id', 'u.display_name', 'e.type', 'e.data'])
        .where(`e.${column}` as 'e.case_id', '=', ownerId)
        .orderBy('e.id').execute())
    .map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.display_name,
      type: row.type,
      data: readJson(row.data, stored.object),
    }));
}

export async function appendEvent(db: WriteDb, event: NewEvent & { caseId: number }): Promise<void> {
  return await appendTimelineEvent(db, 'case', event.caseId, event);
}

/** Events per multi-row INSERT (5 parameters each). */
const EVENTS_PER_INSERT = 1000;

/** Many case events at once (a batch of imported cases), in the order given: multi-row INSERTs instead of one each. */
export async function appendEvents(db: WriteDb, events: (NewEvent & { caseId: number })[]): Promise<void> {
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    await db
      .insertInto('case_events')
      .values(events.slice(start, start + EVENTS_PER_INSERT).map((event) => ({ case_id: event.caseId, actor_id: event.actorId, type: event.type, at: event.at, data: JSON.stringify(event.data ?? {}) })))
      .execute();
  }
}

export async function readTimeline(db: ReadDb, actor: Actor, caseId: number): Promise<TimelineEvent[]> {
  return await readTimelineOf(db, actor, 'case', caseId);
}

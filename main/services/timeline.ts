// The append-only timelines of cases and of improvements: every change writes one event; nothing here edits or deletes
// one (the database refuses that too). Both tables have the same shape apart from the column naming their owner.
import type { TimelineEvent } from '../api/types.ts';
import type { Db } from '../db/database.ts';
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
export function appendTimelineEvent(db: Db, owner: TimelineOwner, ownerId: number, event: NewEvent): void {
  const { table, owner: column } = TIMELINES[owner];
  db.run(
    db.q.insertInto(table as 'case_events').values({
      [column as 'case_id']: ownerId,
      actor_id: event.actorId,
      type: event.type,
      at: event.at,
      data: JSON.stringify(event.data ?? {}),
    }),
  );
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
function restrictToScope(db: Db, actor: Actor, events: TimelineEvent[]): TimelineEvent[] {
  if (departmentScope(actor) === null) return events;
  const idsOf = (of: 'case' | 'improvement') =>
    events.flatMap((event) => LINKED_FIELDS.filter((f) => f.of === of).map((f) => event.data[f.id])).filter((id): id is number => typeof id === 'number');
  const seen = { case: visibleCases(db, actor)(idsOf('case')), improvement: visibleImprovements(db, actor)(idsOf('improvement')) };
  return events.map((event) => {
    const hidden = LINKED_FIELDS.filter((f) => typeof event.data[f.id] === 'number' && !seen[f.of].has(event.data[f.id] as number));
    if (hidden.length === 0) return event;
    const data: Record<string, unknown> = { ...event.data, restricted: true };
    for (const field of hidden) for (const name of field.names) delete data[name];
    return { ...event, data };
  });
}

/** One timeline as the actor may read it (see restrictToScope). */
export function readTimelineOf(db: Db, actor: Actor, owner: TimelineOwner, ownerId: number): TimelineEvent[] {
  return restrictToScope(db, actor, readRawTimeline(db, owner, ownerId));
}

function readRawTimeline(db: Db, owner: TimelineOwner, ownerId: number): TimelineEvent[] {
  const { table, owner: column } = TIMELINES[owner];
  return db
    .all(
      db.q
        .selectFrom(`${table} as e` as 'case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.id', 'e.at', 'e.actor_id', 'u.display_name', 'e.type', 'e.data'])
        .where(`e.${column}` as 'e.case_id', '=', ownerId)
        .orderBy('e.id'),
    )
    .map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.display_name,
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
}

export function appendEvent(db: Db, event: NewEvent & { caseId: number }): void {
  appendTimelineEvent(db, 'case', event.caseId, event);
}

export function readTimeline(db: Db, actor: Actor, caseId: number): TimelineEvent[] {
  return readTimelineOf(db, actor, 'case', caseId);
}

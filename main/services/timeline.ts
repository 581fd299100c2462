// The append-only timelines of cases and of improvements: every change writes one event; nothing here edits or deletes
// one (the database refuses that too). Both tables have the same shape apart from the column naming their owner.
import type { TimelineEvent } from '../api/types.ts';
import type { Db } from '../db/database.ts';

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

export function readTimelineOf(db: Db, owner: TimelineOwner, ownerId: number): TimelineEvent[] {
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

export function readTimeline(db: Db, caseId: number): TimelineEvent[] {
  return readTimelineOf(db, 'case', caseId);
}

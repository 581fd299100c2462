// The append-only case timeline: every change writes one event; nothing here edits or deletes one.
import type { TimelineEvent } from '../api/types.ts';
import type { Db } from '../db/database.ts';

export function appendEvent(
  db: Db,
  event: { caseId: number; actorId: number | null; type: string; at: string; data?: Record<string, unknown> },
): void {
  db.run(
    db.q.insertInto('case_events').values({
      case_id: event.caseId,
      actor_id: event.actorId,
      type: event.type,
      at: event.at,
      data: JSON.stringify(event.data ?? {}),
    }),
  );
}

export function readTimeline(db: Db, caseId: number): TimelineEvent[] {
  return db
    .all(
      db.q
        .selectFrom('case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.id', 'e.at', 'e.actor_id', 'u.display_name', 'e.type', 'e.data'])
        .where('e.case_id', '=', caseId)
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

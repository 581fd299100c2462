// Imported web votes (issue 13, point 1): the rows the import job read (in its worker) go into barometer_votes with
// source 'web' in batches that commit whole; a row whose import key is already there is skipped as known (the unique
// index decides, so two imports of the same file at once cannot both add it). See main/domain/barometer-import.ts.
import type { BarometerRating } from '../vocabulary/barometer.ts';
import type { Actor } from './actor.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';

export interface KeyedWebVote {
  key: string;
  rating: BarometerRating;
  votedAt: Date;
  departmentId: number | null;
}

/** The office's departments by name in lower case (a web export names them as the office does). */
export async function departmentsByName(ctx: ServiceContext): Promise<Map<string, number>> {
  const rows = await ctx.read.selectFrom('departments').select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.name.trim().toLowerCase(), row.id]));
}

/** One batch in one transaction: each vote stored once (count 1, source web); those with a known key skipped. */
export async function insertWebVotes(ctx: ServiceContext, actor: Actor, votes: readonly KeyedWebVote[]): Promise<{ imported: number; skipped: number }> {
  return await ctx.tx(async ({ db }) => {
    const created = ctx.now().toISOString();
    let imported = 0;
    for (const vote of votes) {
      const row = await db
        .insertInto('barometer_votes')
        .values({
          rating: vote.rating,
          count: 1,
          voted_at: vote.votedAt.toISOString(),
          voted_on: localDate(vote.votedAt),
          source: 'web',
          department_id: vote.departmentId,
          kiosk_id: null,
          place: null,
          entered_by: actor.id,
          created_at: created,
          import_key: vote.key,
        })
        .onConflict((oc) => oc.column('import_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) imported++;
    }
    return { imported, skipped: votes.length - imported };
  });
}

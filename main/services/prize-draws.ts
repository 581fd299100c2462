// The yearly prize draw: who is eligible (with every exclusion and its reason), preparing (freezing the list and its
// fingerprint), drawing with a public seed in front of witnesses, the protocol, and the follow-up with winners.
import {
  canonicalEntryList,
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_VERSION,
  drawResult,
  DrawSeedError,
  fingerprint,
  normalizeSeed,
  PROTOCOL_FORMAT,
  PROTOCOL_FORMAT_VERSION,
  SEED_MAX_CODE_POINTS,
  type DrawProtocol,
} from '../domain/draw.ts';
import { checkFollowUp, followUpState, type FollowUp, type FollowUpType } from '../domain/draw-followup.ts';
import { prizeOfPlace, winnerLetter } from '../domain/draw-letters.ts';
import type { DrawDetail, DrawEligibility, DrawEntry, DrawExclusion, DrawPool, DrawSummary, Prize } from '../types/draws.ts';
import type { ExportFile } from '../types/jobs.ts';
import type { Selectable } from 'kysely';
import type { PrizeDrawsTable } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { readJson, stored } from '../db/json.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

type DrawRow = Selectable<PrizeDrawsTable>;

/** Idea cases of this origin linked to an improvement done in this year (exported so the benchmark can run the same SQL raw). */
export function eligibilityQuery(ctx: ServiceContext, year: number, pool: DrawPool) {
  return ctx.read
    .selectFrom('cases as c')
    .select(['c.id', 'c.reference', 'c.subject', 'c.status', 'c.submitter_anonymous', 'c.submitter_name', 'c.submitter_email', 'c.submitter_phone', 'c.submitter_address', 'c.consent_given_at'])
    .where('c.kind', '=', 'idea')
    .where('c.origin', '=', pool)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('improvement_cases as l')
          .innerJoin('improvements as i', 'i.id', 'l.improvement_id')
          .select('l.case_id')
          .whereRef('l.case_id', '=', 'c.id')
          .where('i.status', '=', 'done')
          .where('i.done_year', '=', year),
      ),
    )
    .orderBy('c.reference');
}

/** Each candidate as an entry, or as an exclusion with its reason. */
export async function eligibility(ctx: ServiceContext, year: number, pool: DrawPool): Promise<{ entries: DrawEntry[]; exclusions: DrawExclusion[] }> {
  const rows = (await eligibilityQuery(ctx, year, pool).execute());
  const entries: DrawEntry[] = [];
  const exclusions: DrawExclusion[] = [];
  for (const row of rows) {
    const contact = row.submitter_anonymous === 0 && Boolean(row.submitter_email || row.submitter_phone || row.submitter_address);
    const reason: DrawExclusion['reason'] | null =
      row.status === 'withdrawn' ? 'withdrawn' : row.status === 'merged' ? 'merged' : !contact ? 'no_contact' : row.consent_given_at === null ? 'no_consent' : null;
    if (reason) exclusions.push({ caseId: row.id, reference: row.reference, reason });
    else entries.push({ caseId: row.id, reference: row.reference, subject: row.subject, name: row.submitter_name });
  }
  return { entries, exclusions };
}

async function summaries(ctx: ServiceContext, year: number, pool: DrawPool): Promise<DrawSummary[]> {
  const rows = (await ctx.read.selectFrom('prize_draws').selectAll().where('year', '=', year).where('pool', '=', pool).orderBy('id').execute());
  return rows.map((row) => toSummary(row, rows));
}

function toSummary(row: DrawRow, siblings: DrawRow[]): DrawSummary {
  return {
    id: row.id,
    year: row.year,
    pool: row.pool,
    status: row.status as DrawSummary['status'],
    fingerprint: row.fingerprint,
    entryCount: (readJson(row.entries, stored.strings)).length,
    preparedAt: row.prepared_at,
    drawnAt: row.drawn_at,
    repeatOf: row.repeat_of,
    repeatReason: row.repeat_reason,
    repeatedBy: siblings.find((other) => other.repeat_of === row.id)?.id ?? null,
  };
}

export async function drawEligibility(ctx: ServiceContext, year: number, pool: DrawPool): Promise<DrawEligibility> {
  const { entries, exclusions } = await eligibility(ctx, year, pool);
  return {
    year,
    pool,
    entries,
    exclusions,
    fingerprint: entries.length ? fingerprint(entries.map((e) => e.reference)) : null,
    draws: await summaries(ctx, year, pool),
  };
}

export async function listDraws(ctx: ServiceContext): Promise<DrawSummary[]> {
  const rows = (await ctx.read.selectFrom('prize_draws').selectAll().orderBy('year', 'desc').orderBy('pool').orderBy('id').execute());
  return rows.map((row) => toSummary(row, rows));
}

async function loadDraw(ctx: ServiceContext, id: number): Promise<DrawRow> {
  const row = (await ctx.read.selectFrom('prize_draws').selectAll().where('id', '=', id).executeTakeFirst());
  if (!row) fail('not_found', { field: 'id' });
  return row;
}

export interface PrepareDrawInput {
  year: number;
  pool: DrawPool;
  prizes: Prize[];
  repeatReason?: string | null | undefined;
}

/** Freezes today's entry list with its fingerprint; a draw for a year and pool already drawn needs a written reason. */
export async function prepareDraw(ctx: ServiceContext, actor: Actor, input: PrepareDrawInput): Promise<number> {
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    const { entries, exclusions } = await eligibility(ctx, input.year, input.pool);
    if (entries.length === 0) fail('draw_no_entries', { year: input.year, pool: input.pool });
    const earlier = (await db.selectFrom('prize_draws').select(['id', 'status']).where('year', '=', input.year).where('pool', '=', input.pool).orderBy('id', 'desc').execute());
    if (earlier.some((row) => row.status === 'prepared')) fail('conflict', { field: 'pool', reason: 'prepared_draw_exists' });
    const lastDrawn = earlier.find((row) => row.status === 'drawn');
    const reason = input.repeatReason?.trim() || null;
    if (lastDrawn && !reason) fail('draw_repeat_reason_required', { previous: lastDrawn.id });
    // Canonical order: the fingerprint's order (see domain/draw.ts); the case ids follow it.
    const references = canonicalEntryList(entries.map((e) => e.reference)).split('\n');
    const caseOf = new Map(entries.map((e) => [e.reference, e.caseId]));
    const row = (await db
        .insertInto('prize_draws')
        .values({
          year: input.year,
          pool: input.pool,
          prizes: JSON.stringify(input.prizes),
          entries: JSON.stringify(references),
          entry_case_ids: JSON.stringify(references.map((ref) => caseOf.get(ref))),
          exclusions: JSON.stringify(exclusions),
          fingerprint: fingerprint(references),
          prepared_at: ctx.now().toISOString(),
          prepared_by: actor.id,
          repeat_of: lastDrawn ? lastDrawn.id : null,
          repeat_reason: lastDrawn ? reason : null,
        })
        .returning('id').executeTakeFirst())!;
    return row.id;
  });
}

export interface PerformDrawInput {
  id: number;
  seed: string;
  witnesses: string[];
  /** The fingerprint the executive sees and confirms: it must be the frozen one. */
  fingerprint: string;
}

function seedOrNull(seed: string): string | null {
  try {
    return normalizeSeed(seed);
  } catch {
    return null;
  }
}

/** The witnesses as stored: trimmed, empty lines dropped. */
const witnessList = (witnesses: readonly string[]) => witnesses.map((w) => w.trim()).filter(Boolean);

/**
 * Draws a prepared draw, once. Idempotent: the very same draw again (same fingerprint, the same seed after normalisation
 * and the same witnesses) on a draw already drawn changes nothing and succeeds, so a repeated click at the ceremony does
 * not put an error in front of the witnesses; any other draw of a drawn draw (another seed) is refused, draw_already_drawn.
 */
export async function performDraw(ctx: ServiceContext, actor: Actor, input: PerformDrawInput): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadDraw(ctx, input.id);
    if (row.status !== 'prepared') {
      const same =
        row.status === 'drawn' &&
        input.fingerprint === row.fingerprint &&
        seedOrNull(input.seed) === row.seed &&
        JSON.stringify(witnessList(input.witnesses)) === row.witnesses;
      if (same) return;
      fail('draw_already_drawn', { id: row.id });
    }
    if (input.fingerprint !== row.fingerprint) fail('draw_confirmation_required', { fingerprint: row.fingerprint });
    // The seed exactly as it will be stored and published: a lone surrogate (which has no UTF-8 bytes and would be
    // stored as U+FFFD), an empty seed and one longer than the documented limit are refused, not repaired.
    let seed: string;
    try {
      seed = normalizeSeed(input.seed);
    } catch (error) {
      const problem = error instanceof DrawSeedError ? error.problem : 'empty';
      if (problem === 'not_well_formed') fail('draw_seed_not_well_formed', { field: 'seed' });
      if (problem === 'too_long') fail('draw_seed_too_long', { field: 'seed', maxLength: SEED_MAX_CODE_POINTS });
      fail('draw_seed_invalid', { field: 'seed' });
    }
    const prizes = readJson(row.prizes, stored.prizes);
    const winnerCount = prizes.reduce((sum, prize) => sum + prize.count, 0);
    const result = drawResult(readJson(row.entries, stored.strings), seed, winnerCount);
    const drawer = actor.id === null ? undefined : (await db.selectFrom('users').select('display_name').where('id', '=', actor.id).executeTakeFirst());
    await db
        .updateTable('prize_draws')
        .set({
          status: 'drawn',
          seed,
          algorithm: DRAW_ALGORITHM,
          algorithm_version: DRAW_ALGORITHM_VERSION,
          ranking: JSON.stringify(result.ranking),
          winner_count: winnerCount,
          witnesses: JSON.stringify(witnessList(input.witnesses)),
          drawn_at: ctx.now().toISOString(),
          drawn_by: actor.id,
          drawn_by_name: drawer?.display_name ?? 'system',
        })
        .where('id', '=', row.id).execute();
  });
}

async function followUpLog(ctx: ServiceContext, drawId: number) {
  const db = ctx.read;
  return (await db
      .selectFrom('prize_draw_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.at', 'e.type', 'e.reference', 'e.note', 'u.display_name'])
      .where('e.draw_id', '=', drawId)
      .orderBy('e.id').execute());
}

export async function getDraw(ctx: ServiceContext, id: number): Promise<DrawDetail> {
  const db = ctx.read;
  const row = await loadDraw(ctx, id);
  const siblings = (await db.selectFrom('prize_draws').selectAll().where('year', '=', row.year).where('pool', '=', row.pool).execute());
  const references = readJson(row.entries, stored.strings);
  const caseIds = readJson(row.entry_case_ids, stored.numbers);
  const cases = new Map(
    (await db
          .selectFrom('cases')
          .select(['id', 'reference', 'subject', 'received_on', 'submitter_name', 'submitter_email', 'submitter_address', 'submitter_language', 'submitter_anonymous'])
          .where('id', 'in', caseIds.length ? caseIds : [0]).execute())
      .map((c) => [c.reference, c]),
  );
  const prizes = readJson(row.prizes, stored.prizes);
  const ranking = row.ranking ? (readJson(row.ranking, stored.strings)) : null;
  const log = await followUpLog(ctx, id);
  const state = ranking ? followUpState(ranking, row.winner_count ?? 0, log.map((e) => ({ type: e.type as FollowUpType, reference: e.reference }))) : null;
  return {
    ...toSummary(row, siblings),
    prizes,
    entries: references.map((reference, i) => ({ caseId: caseIds[i]!, reference, subject: cases.get(reference)?.subject ?? '', name: cases.get(reference)?.submitter_name ?? null })),
    exclusions: readJson(row.exclusions, stored.exclusions),
    canonicalText: canonicalEntryList(references),
    seed: row.seed,
    algorithm: row.algorithm,
    algorithmVersion: row.algorithm_version,
    ranking,
    witnesses: row.witnesses ? (readJson(row.witnesses, stored.strings)) : [],
    drawnByName: row.drawn_by_name,
    winners: (state?.winners ?? []).map((slot) => {
      const person = cases.get(slot.reference);
      const prize = prizeOfPlace(prizes, slot.place);
      const address = person && person.submitter_anonymous === 0 ? (person.submitter_email ?? person.submitter_address) : null;
      const letter =
        person && address
          ? {
              ...winnerLetter({
                person: { submitterName: person.submitter_name, anonymous: false, reference: person.reference, receivedOn: person.received_on },
                language: person.submitter_language,
                year: row.year,
                prize: prize ?? '',
                drawnOn: row.drawn_at!.slice(0, 10),
              }),
              channel: person.submitter_email ? ('email' as const) : ('letter' as const),
              address,
            }
          : null;
      return { place: slot.place, rank: slot.rank, reference: slot.reference, prize, notified: slot.notified, name: person?.submitter_name ?? null, letter };
    }),
    reserves: state?.reserves ?? [],
    dropped: state?.dropped ?? [],
    log: log.map((e) => ({ id: e.id, at: e.at, type: e.type as FollowUpType, reference: e.reference, note: e.note, actorName: e.display_name })),
  };
}

/** The protocol as the JSON file anyone can verify with `npm run cli -- draw verify` (see docs/prize-draw.md). */
export async function drawProtocol(ctx: ServiceContext, id: number): Promise<DrawProtocol> {
  const row = await loadDraw(ctx, id);
  if (row.status !== 'drawn') fail('invalid_transition', { from: row.status, action: 'export' });
  const ranking = readJson(row.ranking!, stored.strings);
  const k = row.winner_count ?? 0;
  return {
    format: PROTOCOL_FORMAT,
    formatVersion: PROTOCOL_FORMAT_VERSION,
    algorithm: DRAW_ALGORITHM,
    algorithmVersion: DRAW_ALGORITHM_VERSION,
    year: row.year,
    pool: row.pool,
    prizes: readJson(row.prizes, stored.prizes),
    entries: readJson(row.entries, stored.strings),
    fingerprint: row.fingerprint,
    seed: row.seed!,
    ranking,
    winners: ranking.slice(0, k),
    reserves: ranking.slice(k),
    drawnBy: row.drawn_by_name ?? '',
    witnesses: readJson(row.witnesses ?? '[]', stored.strings),
    drawnAt: row.drawn_at!,
    repeatOf: row.repeat_of,
    repeatReason: row.repeat_reason,
  };
}

export async function exportDrawProtocol(ctx: ServiceContext, id: number): Promise<ExportFile> {
  const protocol = await drawProtocol(ctx, id);
  return {
    fileName: `prize-draw-${protocol.year}-${protocol.pool}-${id}.json`,
    mediaType: 'application/json',
    dataBase64: Buffer.from(`${JSON.stringify(protocol, null, 2)}\n`, 'utf8').toString('base64'),
  };
}

export async function recordWinnerFollowUp(ctx: ServiceContext, actor: Actor, input: { drawId: number; reference: string; type: FollowUpType; note: string }): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadDraw(ctx, input.drawId);
    if (row.status !== 'drawn') fail('invalid_transition', { from: row.status, action: input.type });
    const log: FollowUp[] = (await followUpLog(ctx, row.id)).map((e) => ({ type: e.type as FollowUpType, reference: e.reference }));
    const problem = checkFollowUp(followUpState(readJson(row.ranking!, stored.strings), row.winner_count ?? 0, log), { type: input.type, reference: input.reference });
    if (problem) fail(problem, { reference: input.reference });
    await db.insertInto('prize_draw_events').values({ draw_id: row.id, at: ctx.now().toISOString(), actor_id: actor.id, type: input.type, reference: input.reference, note: input.note }).execute();
  });
}

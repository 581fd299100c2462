// In-app notifications, stored per user. Workflow events write theirs in the event's own transaction
// (notifyTransition, called from case-workflow.ts); reached deadlines are written when someone reads their start
// screen or notifications (sweepDeadlines), each at most once thanks to the unique (user_id, dedupe_key).
import { jsonObject } from '../db/dialect.ts';
import { sql } from 'kysely';
import { deadlineRule, dedupeKey, OFFICE_ROLES, transitionRecipients } from '../domain/notifications.ts';
import type { CaseAction } from '../domain/workflow.ts';
import type { NotificationItem, NotificationList } from '../types/start.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import { localDate } from './clock.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { reusable, type WriteDb } from '../db/handles.ts';
import { readJson, stored } from '../db/json.ts';
import type { WorkingCalendar } from '../domain/calendar.ts';

export interface TransitionEvent {
  caseId: number;
  action: CaseAction;
  /** The case's handler before the transition. */
  handlerId: number | null;
  /** The department the case is (now) with. */
  departmentId: number | null;
  at: string;
}

// Compiled once: forwarding and returning ask them for about one demo case in three.
const SELECT_OFFICE_USERS = reusable((db, p: { active: 1 }) => db.selectFrom('users').select('id').where('active', '=', p.active).where('role', 'in', [...OFFICE_ROLES]));
const SELECT_ACTIVE_USER = reusable((db, p: { id: number }) => db.selectFrom('users').select('id').where('id', '=', p.id).where('active', '=', 1));
const SELECT_DEPARTMENT_HEADS = reusable((db, p: { departmentId: number }) =>
  db
    .selectFrom('users as u')
    .innerJoin('user_departments as ud', 'ud.user_id', 'u.id')
    .select('u.id')
    .where('ud.department_id', '=', p.departmentId)
    .where('u.role', '=', 'department_head')
    .where('u.active', '=', 1),
);

/** Writes the notifications a workflow event causes; call inside the event's transaction. */
export async function notifyTransition(ctx: TxContext, actor: Actor, event: TransitionEvent): Promise<void> {
  if (event.action !== 'forward' && event.action !== 'return_from_department') return;
  const { db } = ctx;
  const officeUserIds = (await SELECT_OFFICE_USERS(db, { active: 1 })).map((r) => r.id);
  const departmentHeadIds =
    event.action === 'forward' && event.departmentId !== null
      ? (await SELECT_DEPARTMENT_HEADS(db, { departmentId: event.departmentId })).map((r) => r.id)
      : [];
  const handlerId = event.handlerId === null ? null : ((await SELECT_ACTIVE_USER(db, { id: event.handlerId }))[0]?.id ?? null);
  const recipients = transitionRecipients({
    action: event.action,
    actorId: actor.id,
    handlerId,
    officeUserIds,
    departmentHeadIds,
  });
  if (!recipients || recipients.userIds.length === 0) return;
  const data = JSON.stringify({ departmentId: event.departmentId });
  await db
      .insertInto('notifications')
      .values(
        recipients.userIds.map((userId) => ({
          user_id: userId,
          type: recipients.type,
          case_id: event.caseId,
          created_at: event.at,
          data,
          dedupe_key: dedupeKey(recipients.type, event.caseId, event.at),
        })),
      )
      // No arbiter named: on PostgreSQL an arbiter index makes the insert check the SELECT policies too, and a department
      // head's seat may not read the office's notifications it writes (the only unique key besides the id is this one).
      .onConflict((oc) => oc.doNothing()).execute();
}

/** The INSERT ... SELECT that writes this user's reached-deadline notifications not yet written (exported for the benchmark). */
export function deadlineSweepQuery(db: WriteDb, calendar: WorkingCalendar, actor: Actor, today: string, stamp: string) {
  const rule = deadlineRule(actor.role, calendar, today);
  if (!rule || actor.id === null) return null;
  const userId = actor.id;
  let select = db
    .selectFrom('cases as c')
    .select([
      sql<number>`CAST(${userId} AS INTEGER)`.as('user_id'),
      sql<string>`CAST(${rule.type} AS TEXT)`.as('type'),
      'c.id as case_id',
      sql<string>`CAST(${stamp} AS TEXT)`.as('created_at'),
      jsonObject({ responseDue: sql`c.response_due`, departmentId: sql`c.department_id` }).as('data'),
      sql<string>`CAST(${`${rule.type}:`} AS TEXT) || CAST(c.id AS TEXT) || ':' || c.response_due`.as('dedupe_key'),
    ])
    .where('c.status', 'in', [...rule.statuses])
    .where('c.response_due', '>=', rule.dueFrom);
  if (rule.type === 'deadline_reached') {
    select = select
      .where('c.response_due', '<=', rule.dueThrough)
      .where((eb) => eb.or([eb('c.handler_id', '=', userId), eb('c.handler_id', 'is', null)]));
  } else {
    select = select.where('c.response_due', '<', rule.dueBefore);
  }
  const scope = departmentScope(actor);
  if (scope) select = select.where('c.department_id', 'in', scopeList(scope));
  return db
    .insertInto('notifications')
    .columns(['user_id', 'type', 'case_id', 'created_at', 'data', 'dedupe_key'])
    .expression(select)
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing());
}

/** Writes the reached-deadline notifications this user is owed; running it again writes nothing new. */
export async function sweepDeadlines(ctx: ServiceContext, actor: Actor): Promise<void> {
  const now = ctx.now();
  const calendar = await ctx.calendar();
  await ctx.tx(async ({ db }) => {
    await deadlineSweepQuery(db, calendar, actor, localDate(now), now.toISOString())?.execute();
  });
}

/** This user's notifications a head may still see: one of another department's cases drops out (it may have moved). */
function ownNotifications(ctx: ServiceContext, actor: Actor) {
  let q = ctx.read
    .selectFrom('notifications as n')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .where('n.user_id', '=', actor.id ?? 0);
  const scope = departmentScope(actor);
  if (scope) q = q.where((eb) => eb.or([eb('n.case_id', 'is', null), eb('c.department_id', 'in', scopeList(scope))]));
  return q;
}

export function unreadCountQuery(ctx: ServiceContext, actor: Actor) {
  return ownNotifications(ctx, actor)
    .where('n.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'));
}

export async function unreadCount(ctx: ServiceContext, actor: Actor): Promise<number> {
  return (await unreadCountQuery(ctx, actor).executeTakeFirst())?.n ?? 0;
}

export interface ListNotificationsInput {
  unreadOnly?: boolean | undefined;
  limit: number;
}

/** The newest first; reading also writes the reached-deadline notifications owed (see sweepDeadlines). */
export async function listNotifications(ctx: ServiceContext, actor: Actor, input: ListNotificationsInput): Promise<NotificationList> {
  await sweepDeadlines(ctx, actor);
  let q = ownNotifications(ctx, actor)
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select([
      'n.id',
      'n.type',
      'n.created_at',
      'n.read_at',
      'n.case_id',
      'n.data',
      'c.reference',
      'c.subject',
      'd.name as department_name',
    ])
    .orderBy('n.id', 'desc')
    .limit(input.limit);
  if (input.unreadOnly) q = q.where('n.read_at', 'is', null);
  const items: NotificationItem[] = (await q.execute()).map((row) => {
    const data = readJson(row.data, stored.object) as { responseDue?: unknown };
    return {
      id: row.id,
      // The table's CHECK allows only NOTIFICATION_TYPES.
      type: row.type,
      createdAt: row.created_at,
      readAt: row.read_at,
      caseId: row.case_id,
      reference: row.reference,
      subject: row.subject,
      departmentName: row.department_name,
      responseDue: typeof data.responseDue === 'string' ? data.responseDue : null,
    };
  });
  return { unread: await unreadCount(ctx, actor), items };
}

export interface MarkReadInput {
  ids?: number[] | undefined;
  all?: boolean | undefined;
}

/** Marks the given notifications (or all) of this user read; another user's ids are ignored. */
export async function markNotificationsRead(ctx: ServiceContext, actor: Actor, input: MarkReadInput): Promise<{ unread: number }> {
  const stamp = ctx.now().toISOString();
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    if (!input.all && !input.ids?.length) return;
    let q = db
      .updateTable('notifications')
      .set({ read_at: stamp })
      .where('user_id', '=', actor.id ?? 0)
      .where('read_at', 'is', null);
    if (!input.all) q = q.where('id', 'in', input.ids!);
    await q.execute();
  });
  return { unread: await unreadCount(ctx, actor) };
}

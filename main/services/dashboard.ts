// The dashboard of the office's and the executive's start screens (issue 13, point 5): the figures, bars by kind,
// channel and department, the months' intake. Every number is counted by the inbox's own count query with the filter it
// carries, so opening a bar lists exactly what it counted (scoped like the inbox).
import { CASE_CHANNELS, CASE_KINDS } from '../domain/model.ts';
import { RUNNING_STATUSES } from '../domain/notifications.ts';
import type { Dashboard, DashboardBar, StartFigure } from '../types/start.ts';
import type { Actor } from './actor.ts';
import type { CaseFilter } from './case-list.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { figureCountQuery } from './start-screens.ts';

const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Monday and Sunday of the week of `date`. */
export function weekOf(date: string): { monday: string; sunday: string } {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = shift(date, -weekday);
  return { monday, sunday: shift(monday, 6) };
}

/** The last 12 months up to the one of `date`: first and last day of each. */
export function lastMonths(date: string, count = 12): { key: string; from: string; to: string }[] {
  const months: { key: string; from: string; to: string }[] = [];
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  for (let i = 0; i < count; i++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    months.unshift({ key, from: `${key}-01`, to: `${key}-${String(last).padStart(2, '0')}` });
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

export async function dashboard(ctx: ServiceContext, actor: Actor): Promise<Dashboard> {
  if (!['admin', 'ombudsman', 'deputy', 'executive'].includes(actor.role)) fail('forbidden');
  const today = localDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const { monday, sunday } = weekOf(today);
  const count = async (filter: CaseFilter): Promise<StartFigure> => ({ count: (await figureCountQuery(ctx, actor, filter, today).executeTakeFirst())?.n ?? 0, filter });
  const bar = async (key: string, filter: CaseFilter, label?: string): Promise<DashboardBar> => ({ key, ...(label === undefined ? {} : { label }), ...(await count(filter)) });
  const thisYear = { receivedFrom: `${year}-01-01`, receivedTo: today };
  const departments = await ctx.read.selectFrom('departments').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute();
  const improvements = await ctx.read
    .selectFrom('improvements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_year', '=', year)
    .executeTakeFirst();
  const byDepartment: DashboardBar[] = [];
  for (const d of departments) byDepartment.push(await bar(String(d.id), { ...thisYear, departmentIds: [d.id] }, d.name));
  const byKind: DashboardBar[] = [];
  for (const kind of CASE_KINDS) byKind.push(await bar(kind, { ...thisYear, kinds: [kind] }));
  const byChannel: DashboardBar[] = [];
  for (const channel of CASE_CHANNELS) byChannel.push(await bar(channel, { ...thisYear, channels: [channel] }));
  const monthly: DashboardBar[] = [];
  for (const m of lastMonths(today)) monthly.push(await bar(m.key, { receivedFrom: m.from, receivedTo: m.to }));
  return {
    today,
    year,
    open: await count({ statuses: [...RUNNING_STATUSES] }),
    newThisWeek: await count({ receivedFrom: monday, receivedTo: sunday }),
    overdue: await count({ overdue: true }),
    // Still running and due from today to Sunday (overdue ones are their own figure).
    dueThisWeek: await count({ overdue: false, dueBefore: sunday }),
    byKind,
    byChannel,
    byDepartment: byDepartment.filter((b) => b.count > 0),
    monthly,
    improvementsDoneThisYear: improvements?.n ?? 0,
  };
}

// Fills a database with realistic, reproducible demo data through the real services (same seed, same data).
import { addDays } from 'date-fns/addDays';
import { CASE_CHANNELS, type CaseKind, type Language } from '../domain/model.ts';
import type { Actor } from '../services/actor.ts';
import { moveCase, type KnownCase, type TransitionRequest } from '../services/case-workflow.ts';
import { createKnownCase } from '../services/cases.ts';
import type { ServiceContext, TxContext } from '../services/context.ts';
import { listCategories, listDepartments, saveCategory, saveDepartment } from '../services/departments.ts';
import { listUsers, saveUser } from '../services/users.ts';
import { CATEGORIES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, PHRASES } from './phrases.ts';
import { seededRandom, type Random } from './random.ts';
import { DEMO_STAFF_PASSWORD } from '../vocabulary/demo.ts';

export interface DemoOptions {
  cases: number;
  seed?: number;
  /** The newest case is received on this day; older ones spread over the two years before. */
  until: Date;
  /** Demo staff get this password (they must change it at first login). */
  staffPassword?: string;
  onProgress?: (done: number, total: number) => void;
}

export { DEMO_STAFF_PASSWORD };

const KIND_WEIGHTS: [CaseKind, number][] = [
  ['complaint', 0.45],
  ['idea', 0.25],
  ['praise', 0.15],
  ['question', 0.15],
];
const LANGUAGE_WEIGHTS: [Language, number][] = [
  ['de', 0.75],
  ['en', 0.1],
  ['sv', 0.05],
  ['da', 0.05],
  ['cs', 0.05],
];

function weighted<T>(random: Random, table: [T, number][]): T {
  let roll = random.next();
  for (const [value, weight] of table) {
    if ((roll -= weight) < 0) return value;
  }
  return table[table.length - 1]![0];
}

async function ensureMasterData(ctx: ServiceContext, password: string) {
  const existingDepartments = new Set((await listDepartments(ctx)).map((d) => d.name));
  for (const name of DEPARTMENTS) if (!existingDepartments.has(name)) await saveDepartment(ctx, { name, active: true });
  const existingCategories = new Set((await listCategories(ctx)).map((c) => c.name));
  for (const name of CATEGORIES) if (!existingCategories.has(name)) await saveCategory(ctx, { name, active: true });
  const departments = await listDepartments(ctx);
  const existingUsers = new Set((await listUsers(ctx)).map((u) => u.username));
  const staff = [
    { username: 'ombudsman', displayName: 'Petra Schäfer', role: 'ombudsman' as const, departmentIds: [] as number[] },
    { username: 'deputy', displayName: 'Jonas Öztürk', role: 'deputy' as const, departmentIds: [] },
    { username: 'executive', displayName: 'Dr. Ulrike Brandt', role: 'executive' as const, departmentIds: [] },
    { username: 'head.tiefbau', displayName: 'Klaus Weiß', role: 'department_head' as const, departmentIds: [departments.find((d) => d.name === 'Straßen und Tiefbau')!.id] },
    { username: 'head.buergerbuero', displayName: 'Sabine Krüger', role: 'department_head' as const, departmentIds: [departments.find((d) => d.name === 'Bürgerbüro')!.id] },
  ];
  for (const user of staff) {
    if (!existingUsers.has(user.username)) await saveUser(ctx, { ...user, language: 'de', active: true, password });
  }
  return { departments, categories: await listCategories(ctx), users: await listUsers(ctx) };
}

/** Creates the demo cases; returns how many were created. Runs with a moving clock so every event has a plausible time. */
export async function generateDemoData(ctx: ServiceContext, options: DemoOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 42);
  const { departments, categories, users } = await ensureMasterData(ctx, options.staffPassword ?? DEMO_STAFF_PASSWORD);
  const ombudsman = users.find((u) => u.username === 'ombudsman')!;
  const deputy = users.find((u) => u.username === 'deputy')!;
  const handlers: Actor[] = [ombudsman, deputy].map((u) => ({ id: u.id, role: u.role, departmentIds: [] }));
  const spanDays = 730;
  const realNow = ctx.now;
  let clock = options.until;
  ctx.now = () => clock;
  try {
    // Batches of cases share one transaction: a demo of 100,000 cases would otherwise spend its time committing.
    // The connection runs them with its settings for bulk writes (restored afterwards; see Engine.bulkWrites).
    const BATCH = 500;
    await ctx.engine.bulkWrites(async () => {
      for (let batchStart = 0; batchStart < options.cases; batchStart += BATCH) {
        await ctx.tx(async (tx) => {
          for (let index = batchStart; index < Math.min(options.cases, batchStart + BATCH); index++) await createOne(tx, index);
        });
      }
    });
    async function createOne(ctx: TxContext, index: number) {
      // Oldest first, so references count up with time like in a real office.
      const dayOffset = Math.floor(((options.cases - index) / options.cases) * spanDays);
      const received = addDays(options.until, -dayOffset);
      received.setHours(random.int(7, 17), random.int(0, 59), random.int(0, 59), 0);
      clock = new Date(received.getTime() + random.int(0, 90) * 60_000);
      const kind = weighted(random, KIND_WEIGHTS);
      const language = weighted(random, LANGUAGE_WEIGHTS);
      const [subject, description] = random.pick(PHRASES[language][kind]);
      const anonymous = random.chance(0.15);
      const first = random.pick(FIRST_NAMES[language]);
      const last = random.pick(LAST_NAMES[language]);
      const handler = random.pick(handlers);
      const department = random.chance(0.85) ? random.pick(departments) : null;
      const created = await createKnownCase(ctx, handler, {
        kind,
        channel: random.pick(CASE_CHANNELS),
        origin: random.chance(0.8) ? 'external' : 'internal',
        receivedAt: received.toISOString(),
        subject,
        description,
        submitter: {
          anonymous,
          name: anonymous ? null : `${first} ${last}`,
          email: anonymous || random.chance(0.3) ? null : `${first}.${last}@example.org`.toLowerCase().normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[^a-z0-9.@-]/g, ''),
          phone: anonymous || random.chance(0.5) ? null : `+49 221 ${random.int(100000, 999999)}`,
          address: null,
          organisation: null,
          language,
          consent: !anonymous,
          consentText: anonymous ? null : 'Ich bin einverstanden, dass meine Kontaktdaten zur Bearbeitung gespeichert werden.',
        },
        departmentId: department?.id ?? null,
        categoryId: random.chance(0.7) ? random.pick(categories).id : null,
        priority: random.chance(0.1) ? 'high' : 'normal',
      });
      await advanceThroughWorkflow(ctx, random, handler, created, kind, department?.id ?? null, dayOffset, (days) => {
        clock = addDays(clock, days);
      });
      options.onProgress?.(index + 1, options.cases);
    }
  } finally {
    ctx.now = realNow;
  }
  return options.cases;
}

/**
 * Older cases are mostly finished; recent ones still open. Each step moves the clock a few days on. Each step hands the
 * case as it wrote it to the next (moveCase's `known`), so a case is read from the database by none of its steps.
 */
async function advanceThroughWorkflow(
  ctx: TxContext,
  random: Random,
  actor: Actor,
  created: KnownCase,
  kind: CaseKind,
  departmentId: number | null,
  ageDays: number,
  wait: (days: number) => void,
): Promise<void> {
  const id = created.row.id;
  let known = created;
  const step = async (request: TransitionRequest) => {
    known = await moveCase(ctx, actor, request, known);
  };
  const finished = Math.min(0.97, ageDays / 60);
  if (random.chance(0.03)) return await step({ id, action: 'withdraw', reason: 'Die Person hat ihr Anliegen zurückgezogen' });
  if (ageDays < 2 && random.chance(0.6)) return;
  wait(random.int(0, 2));
  await step({ id, action: 'triage' });
  if (departmentId !== null && random.chance(0.35)) {
    wait(random.int(1, 3));
    await step({ id, action: 'forward', departmentId });
    if (!random.chance(finished)) return;
    wait(random.int(1, 6));
    await step({ id, action: 'return_from_department', statement: 'Stellungnahme der Fachabteilung liegt vor.' });
  }
  if (random.chance(0.08)) {
    wait(random.int(1, 3));
    await step({ id, action: 'hold', reason: 'Rückfrage an die Person' });
    if (!random.chance(finished)) return;
    wait(random.int(2, 8));
    await step({ id, action: 'resume' });
  }
  if (!random.chance(finished)) return;
  wait(random.int(1, 12));
  const outcome =
    kind === 'complaint'
      ? random.pick(['upheld', 'partly_upheld', 'not_upheld'] as const)
      : kind === 'idea'
        ? random.pick(['adopted', 'declined', 'already_planned'] as const)
        : 'informed';
  await step({ id, action: 'answer', outcome });
  if (random.chance(finished)) {
    wait(random.int(1, 10));
    await step({ id, action: 'close' });
  }
}

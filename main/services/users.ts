// Users, roles and sign-in.
import type { Language, Role } from '../domain/model.ts';
import type { SessionCore } from '../types/session.ts';
import type { UserRecord } from '../types/users.ts';
import { sql, type Kysely } from 'kysely';
import type { ReadDb } from '../db/handles.ts';
import type { Schema } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem, type PasswordContext } from '../domain/password-policy.ts';
import { assertNotThrottled, clearFailures, loginSubjects, passwordCheckSubjects, recordFailure } from './auth-throttle.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  language: Language;
  active: number;
  must_change_password: number;
}

async function departmentsOf(db: ReadDb, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (userIds.length === 0) return map;
  const rows = (await db
      .selectFrom('user_departments')
      .select(['user_id', 'department_id'])
      .where('user_id', 'in', userIds)
      .orderBy('department_id').execute());
  for (const row of rows) map.set(row.user_id, [...(map.get(row.user_id) ?? []), row.department_id]);
  return map;
}

const userColumns = ['id', 'username', 'display_name', 'role', 'language', 'active', 'must_change_password'] as const;

function toRecord(row: UserRow, departmentIds: number[], databaseLogin: string | null): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    departmentIds,
    language: row.language,
    active: row.active === 1,
    databaseLogin,
  };
}

/** The signed-in user as the services know them; what they may call is added by the API (dispatch). */
export function toSessionCore(user: UserRecord, mustChangePassword: boolean): SessionCore {
  const { active: _active, databaseLogin: _login, ...rest } = user;
  return { ...rest, mustChangePassword };
}

/**
 * Each user's own database login, the user name their desk connects with (issue 11): on PostgreSQL the login role of
 * login_roles (migration 0022), which every role that may list the users reads; an empty map on SQLite, which has no
 * database users (and no such table).
 */
async function databaseLogins(ctx: Pick<ServiceContext, 'read' | 'engine'>): Promise<Map<number, string>> {
  if (ctx.engine.kind !== 'postgres') return new Map();
  // login_roles is PostgreSQL's alone, so it is not in the Kysely schema; ReadDb runs this SELECT like any other.
  const { rows } = await sql<{ user_id: number; role_name: string }>`SELECT user_id, role_name FROM login_roles`.execute(ctx.read as unknown as Kysely<Schema>);
  return new Map(rows.map((row) => [row.user_id, row.role_name]));
}

export async function listUsers(ctx: Pick<ServiceContext, 'read' | 'engine'>): Promise<UserRecord[]> {
  const db = ctx.read;
  const rows = (await db.selectFrom('users').select(userColumns).orderBy('display_name').execute());
  const departments = await departmentsOf(db, rows.map((row) => row.id));
  const logins = await databaseLogins(ctx);
  return rows.map((row) => toRecord(row, departments.get(row.id) ?? [], logins.get(row.id) ?? null));
}

/** The active user behind a session, or null when the account is gone or disabled. */
export async function sessionUser(db: ReadDb, userId: number): Promise<SessionCore | null> {
  const row = (await db.selectFrom('users').select(userColumns).where('id', '=', userId).where('active', '=', 1).executeTakeFirst());
  if (!row) return null;
  return toSessionCore(toRecord(row, (await departmentsOf(db, [row.id])).get(row.id) ?? [], null), row.must_change_password === 1);
}

/** Refuses a password that the policy refuses, at the field it came from, with the reason for the window to translate. */
function requireAcceptablePassword(password: string, field: string, context: PasswordContext): void {
  const reason = passwordProblem(password, context);
  if (reason) fail('password_too_weak', { field, reason, minLength: MIN_PASSWORD_LENGTH });
}

/** Sign-in with the throttle: too many failures for this user name (or for all of them) make the next try wait. */
export async function signIn(ctx: ServiceContext, username: string, password: string): Promise<SessionCore> {
  const nowMs = ctx.now().getTime();
  const subjects = loginSubjects(username);
  await assertNotThrottled(ctx.read, subjects, nowMs);
  let user: SessionCore;
  try {
    user = ctx.engine.seatUserId === null ? await authenticate(ctx.read, username, password) : await authenticateSeat(ctx, username, password);
  } catch (error) {
    await recordFailure(ctx, subjects, nowMs);
    throw error;
  }
  await clearFailures(ctx, subjects[0]!);
  return user;
}

/**
 * Sign-in at a seat that connects with its user's own login role (PostgreSQL, issue 11): the server checks the password
 * (a connection with it), since only the admin's role reads the hashes. Only the seat's own user signs in here: the
 * process runs with that user's rights in the database, whoever is shown in the window.
 */
async function authenticateSeat(ctx: ServiceContext, username: string, password: string): Promise<SessionCore> {
  const seatUserId = ctx.engine.seatUserId!;
  const row = await ctx.read.selectFrom('users').select(['id', 'active']).where('username', '=', username.trim()).executeTakeFirst();
  if (row && row.id !== seatUserId) fail('seat_user_mismatch', { field: 'username' });
  if (!row || row.active !== 1 || !(await ctx.engine.checkSeatPassword(password))) fail('invalid_credentials');
  return (await sessionUser(ctx.read, row.id)) ?? fail('invalid_credentials');
}

/** The username of the user whose own login role this seat connects with (only they sign in here), or null. */
export async function seatUsername(ctx: ServiceContext): Promise<string | null> {
  const seatUserId = ctx.engine.seatUserId;
  if (seatUserId === null) return null;
  const row = await ctx.read.selectFrom('users').select('username').where('id', '=', seatUserId).executeTakeFirst();
  return row?.username ?? null;
}

export async function authenticate(db: ReadDb, username: string, password: string): Promise<SessionCore> {
  const row = (await db.selectFrom('users').select([...userColumns, 'password_hash']).where('username', '=', username.trim()).executeTakeFirst());
  // Hash even for unknown users so the answer time does not reveal which usernames exist.
  const hash = row?.password_hash ?? hashPassword('unknown-user-placeholder');
  const valid = verifyPassword(password, hash);
  if (!row || !valid || row.active !== 1) fail('invalid_credentials');
  return (await sessionUser(db, row.id)) ?? fail('invalid_credentials');
}

export interface SaveUserInput {
  id?: number | undefined;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  active: boolean;
  password?: string | undefined;
}

export async function saveUser(ctx: ServiceContext, input: SaveUserInput): Promise<UserRecord> {
  if (input.password !== undefined) requireAcceptablePassword(input.password, 'password', { personal: [input.username, input.displayName] });
  if (input.id === undefined && input.password === undefined) fail('invalid_input', { field: 'password' });
  if (input.role === 'department_head' && input.departmentIds.length === 0) fail('department_required');
  const departmentIds = input.role === 'department_head' ? [...new Set(input.departmentIds)] : [];
  const now = ctx.now().toISOString();
  const id = await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const known = (await db.selectFrom('departments').select('id').where('id', 'in', departmentIds.length ? departmentIds : [0]).execute());
    if (known.length !== departmentIds.length) fail('not_found', { field: 'departmentIds' });
    const clash = (await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst());
    if (clash && clash.id !== input.id) fail('conflict', { field: 'username' });
    let userId: number;
    if (input.id === undefined) {
      userId = (await db
          .insertInto('users')
          .values({
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            language: input.language,
            active: input.active ? 1 : 0,
            password_hash: hashPassword(input.password ?? ''),
            must_change_password: 1,
            created_at: now,
          })
          .returning('id').executeTakeFirst())!.id;
    } else {
      const existing = (await db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', input.id).executeTakeFirst());
      if (!existing) fail('not_found', { field: 'id' });
      const losesAdmin = existing.role === 'admin' && existing.active === 1 && (input.role !== 'admin' || !input.active);
      if (losesAdmin && await countActiveAdmins(db) <= 1) fail('last_admin');
      await db
          .updateTable('users')
          .set({
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            language: input.language,
            active: input.active ? 1 : 0,
            ...(input.password !== undefined
              ? { password_hash: hashPassword(input.password), must_change_password: 1 }
              : {}),
          })
          .where('id', '=', input.id).execute();
      await db.deleteFrom('user_departments').where('user_id', '=', input.id).execute();
      userId = input.id;
    }
    for (const departmentId of departmentIds) {
      await db.insertInto('user_departments').values({ user_id: userId, department_id: departmentId }).execute();
    }
    // The user's own database login follows (PostgreSQL: role, group, LOGIN while active, the password); same transaction.
    await ctx.engine.syncLoginRole(db, { userId, password: input.password });
    return userId;
  });
  return (await listUsers(ctx)).find((user) => user.id === id)!;
}

/**
 * A signed-in user's own change (forced after a one-time password). The current-password check is throttled like
 * sign-in; the new password must differ from the current one and pass the policy.
 */
export async function changePassword(ctx: ServiceContext, userId: number, currentPassword: string, newPassword: string): Promise<SessionCore> {
  const db = ctx.read;
  const nowMs = ctx.now().getTime();
  const subjects = passwordCheckSubjects(userId);
  await assertNotThrottled(db, subjects, nowMs);
  // At a seat with its own login role the server checks the current password; elsewhere the stored hash does.
  const seat = ctx.engine.seatUserId !== null;
  const row = await db.selectFrom('users').select(['username', 'display_name']).where('id', '=', userId).executeTakeFirst();
  const valid = row !== undefined && (seat
    ? userId === ctx.engine.seatUserId && (await ctx.engine.checkSeatPassword(currentPassword))
    : verifyPassword(currentPassword, (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash));
  if (!row || !valid) {
    await recordFailure(ctx, subjects, nowMs);
    fail('invalid_credentials', { field: 'currentPassword' });
  }
  await clearFailures(ctx, subjects[0]!);
  requireAcceptablePassword(newPassword, 'newPassword', { current: currentPassword, personal: [row.username, row.display_name] });
  await ctx.tx(async ({ db, engine }) => {
    if (seat) await engine.setOwnPassword(db, hashPassword(newPassword), newPassword);
    else {
      await db.updateTable('users').set({ password_hash: hashPassword(newPassword), must_change_password: 0 }).where('id', '=', userId).execute();
      await engine.syncLoginRole(db, { userId, password: newPassword });
    }
  });
  // The seat's next connections sign in to the server with the new password.
  if (seat) ctx.engine.useSeatPassword(newPassword);
  return (await sessionUser(db, userId)) ?? fail('not_found');
}

async function countActiveAdmins(db: ReadDb): Promise<number> {
  const row = (await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('active', '=', 1).executeTakeFirst());
  return row?.n ?? 0;
}

/** On the very first start there is nobody to log in: create an admin and say how to log in. */
export async function ensureFirstAdmin(ctx: ServiceContext, password: string = generatePassword()): Promise<string | null> {
  return ctx.tx(async ({ db, engine }) => {
  const any = (await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
  if (any) return null;
  const { id } = await db.insertInto('users').values({
      username: 'admin',
      display_name: 'Administrator',
      role: 'admin',
      language: 'de',
      active: 1,
      password_hash: hashPassword(password),
      must_change_password: 1,
      created_at: ctx.now().toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
  await engine.syncLoginRole(db, { userId: id, password });
  return password;
  });
}

// One PostgreSQL login role per Ombudsdesk user (issue 11, point 2): created, renamed, moved between the group roles of
// the office roles, given a password and disabled by ombudsdesk_sync_login() of migration 0022, which runs as the
// owner (SECURITY DEFINER) and quotes every name with %I. This side computes the password's SCRAM-SHA-256 verifier, so
// the plain password never travels to the server (nor into its statement log).
//
// The role's password is the user's own Ombudsdesk password: set when the admin creates the user or gives a new one
// (the one-time password), and again when the user changes it. A seat connects with the user name of login_roles and
// that password; nobody has a second secret to hand out or keep.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { WriteDb } from '../handles.ts';
import type { LoginRoleChange } from '../engine.ts';

/** PostgreSQL's default (scram_iterations). */
const ITERATIONS = 4096;

/**
 * The verifier PostgreSQL stores for a password (SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, RFC 5802 and
 * 7677). The password is taken as is, like node-postgres's client does; libpq (psql) SASLprep-normalises it first, which
 * changes nothing for passwords in NFKC form (every ASCII password).
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = ITERATIONS): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Brings the user's login role in step with their users row, in the caller's transaction; returns the role's name. */
export async function syncPostgresLoginRole(db: WriteDb, change: LoginRoleChange): Promise<string> {
  const verifier = change.password === undefined ? null : scramVerifier(change.password);
  const { rows } = await sql<{ role: string }>`SELECT ombudsdesk_sync_login(${change.userId}::integer, ${verifier}::text) AS role`.execute(db);
  return rows[0]!.role;
}

/** A seat user's own new password: the users row's hash and the login role's verifier, in the caller's transaction. */
export async function setOwnPostgresPassword(db: WriteDb, hash: string, password: string): Promise<void> {
  await sql`SELECT ombudsdesk_set_own_password(${hash}::text, ${scramVerifier(password)}::text)`.execute(db);
}

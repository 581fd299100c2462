// What an area of the API declares per channel (input schema, output type, who may call it, whether it is a write that
// takes a requestId, and the handler), and the pieces the areas share: the caller, role groups and input schemas.
import { z } from 'zod';
import { SSL_MODES } from '../vocabulary/connection.ts';
import type { AppContext } from '../app-context.ts';
import type { Role } from '../domain/model.ts';
import type { Actor } from '../services/actor.ts';
import { fail } from '../services/errors.ts';
import type { SessionCore, SessionUser } from './types.ts';

export type Access = 'public' | 'signed_in' | readonly Role[];

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed_in') return true;
  return access.includes(role);
}

// Role groups; department scoping is applied on top by the services.
export const OFFICE: readonly Role[] = ['admin', 'ombudsman', 'deputy'];
export const CASE_READERS: readonly Role[] = [...OFFICE, 'department_head', 'executive'];
// Improvements are the ombudsman's and the deputy's to shape; department heads move their own; the executive reads.
export const IMPROVEMENT_EDITORS: readonly Role[] = ['ombudsman', 'deputy'];
export const IMPROVEMENT_READERS: readonly Role[] = [...IMPROVEMENT_EDITORS, 'department_head', 'executive'];
// The chief executive runs the prize draw; the office sees it and follows up with the winners.
export const DRAW_READERS: readonly Role[] = ['executive', 'ombudsman', 'deputy'];

/** What the calling window can do for a handler: Electron's printToPDF of that window. The test transport has none. */
export interface CallerWindow {
  printToPdf(): Promise<Uint8Array>;
}

/** The caller of a channel: the app, who is signed in there, and their window. */
export interface Call {
  app: AppContext;
  callerId: string;
  user: SessionUser | null;
  window?: CallerWindow | undefined;
  /** The user as the window gets them: with the channels and jobs their role may use (from the one permission table). */
  describe(user: SessionCore): SessionUser;
}

export function actorOf(call: Call): Actor {
  const user = call.user ?? fail('not_authenticated');
  return { id: user.id, role: user.role, departmentIds: user.departmentIds };
}

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Output types exist only for the compiler (out<T>()); the value is never read. */
  output: O;
  /** Who may call it: the first check of every call (dispatch), before the handler and the services' own scoping. */
  access: Access;
  /**
   * A write: it takes a requestId, and with one its handler and the stored result run in one transaction (the same
   * request again returns the stored result). Reads, session calls, changePassword (its failed attempts must stay
   * counted) and calls that write files only are not.
   */
  write?: boolean;
  handler: (call: Call, input: z.output<I>) => O | Promise<O>;
}

/** One channel of an area, typed from its input schema and output (and whether it is a write, as a literal type). */
export function channel<I extends z.ZodType, O, const W extends boolean = false>(
  spec: Omit<ChannelSpec<I, O>, 'write'> & { write?: W },
): ChannelSpec<I, O> & { write?: W } {
  return spec;
}

/** The output type of a channel, for the compiler only. */
export const out = <T>() => undefined as unknown as T;

// Input pieces the areas share.
export const none = z.undefined().or(z.null()).or(z.strictObject({}));
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
/** undefined stays undefined (not given: unchanged); '' and null become null (cleared). */
export const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value ? value : null);
export const contactText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const year = z.number().int().min(2000).max(2200);

/** A PostgreSQL server as the connection forms send it (the admin's settings and the first-run choice). */
export const serverInput = {
  host: requiredText(255),
  port: z.number().int().min(1).max(65535),
  database: requiredText(63),
  user: requiredText(63),
  password: z.string().max(1000),
  sslmode: z.enum(SSL_MODES),
  caFile: text(1000).transform((value) => (value ? value : null)),
};

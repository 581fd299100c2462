// The signed-in user and the app as the session area returns them. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { Language, Role } from '../domain/model.ts';

/** The signed-in user as the services know them (SessionUser without what the API adds). */
export type SessionCore = Omit<SessionUser, 'allowed' | 'allowedJobs'>;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  mustChangePassword: boolean;
  /** The API channels this user's role may call, from the one permission table; the UI shows only what these allow. */
  allowed: string[];
  /** The background jobs this user's role may start (startJob checks the same table). */
  allowedJobs: import('../vocabulary/jobs.ts').JobKind[];
}

export interface AppInfo {
  name: string;
  version: string;
  /** The largest attachment main accepts, so the renderer can refuse a bigger file before reading it. */
  maxAttachmentBytes: number;
  /** The most cases one bulk change may name, so the inbox can say so before sending. */
  maxBulkCases: number;
  /**
   * At a seat that connects with its user's own PostgreSQL login role: that user's username (only they may sign in
   * there), so the sign-in form can fill it in. null on SQLite and with the owner's connection.
   */
  seatUsername: string | null;
}

// What the users area returns. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { Language, Role } from '../domain/model.ts';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  active: boolean;
  /**
   * The user's own database login, the name their desk connects with (PostgreSQL: their login role of login_roles,
   * issue 11); null on SQLite, which has no database users, and for a user without a login role yet.
   */
  databaseLogin: string | null;
}

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
}

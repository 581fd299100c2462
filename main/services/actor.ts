import type { Role } from '../domain/model.ts';

/** Who is calling a service: the signed-in user, or the system (CLI, demo data). */
export interface Actor {
  id: number | null;
  role: Role;
  departmentIds: readonly number[];
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'admin', departmentIds: [] };

/** Department heads only ever see their own departments; everyone else sees all. */
export function departmentScope(actor: Actor): readonly number[] | null {
  return actor.role === 'department_head' ? actor.departmentIds : null;
}

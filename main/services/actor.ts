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

/** The scope as a list for `department_id IN (…)`: an empty scope matches nothing (no department has id 0). */
export function scopeList(scope: readonly number[]): number[] {
  return scope.length > 0 ? [...scope] : [0];
}

/** Whether a row of this department is visible to the actor (a case without a department is the office's alone). */
export function inScope(actor: Actor, departmentId: number | null): boolean {
  const scope = departmentScope(actor);
  return scope === null || (departmentId !== null && scope.includes(departmentId));
}

// One table decides who may call what: each area declares it per channel (main/api/areas), combined in registry.ts;
// department scoping is applied on top by the services.
export { CASE_READERS, DRAW_READERS, IMPROVEMENT_EDITORS, IMPROVEMENT_READERS, isAllowed, OFFICE, type Access } from './define.ts';
export { PERMISSIONS } from './registry.ts';

// Triage in one step and one transaction: the fields the office sets when it first looks at a case (kind, department,
// category, priority), the handler, and the workflow's triage step. Either all of it is written or nothing is.
import type { Actor } from './actor.ts';
import { transitionCase } from './case-workflow.ts';
import { assignCase, updateCase, type UpdateCaseInput } from './cases.ts';
import type { ServiceContext } from './context.ts';

export interface TriageInput extends Pick<UpdateCaseInput, 'kind' | 'departmentId' | 'categoryId' | 'priority'> {
  id: number;
  /** Who handles the case; omitted: as it is. */
  handlerId?: number | null | undefined;
}

export async function triageCase(ctx: ServiceContext, actor: Actor, input: TriageInput): Promise<void> {
  await ctx.tx(async (tx) => {
    const { handlerId, ...fields } = input;
    await updateCase(tx, actor, fields);
    if (handlerId !== undefined) await assignCase(tx, actor, input.id, handlerId);
    await transitionCase(tx, actor, { id: input.id, action: 'triage' });
  });
}

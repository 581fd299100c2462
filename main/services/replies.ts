// Replies to the person: a template filled from the case for the editor, and the reply as sent, recorded on the timeline.
import type { ReplyChannel } from '../domain/model.ts';
import { countReplyGaps, placeholderValues, renderTemplate, templateProblems } from '../domain/templates.ts';
import type { RenderedReply, ReplyEventData } from '../types/replies.ts';
import type { Actor } from './actor.ts';
import { deadlinesOf } from './case-deadlines.ts';
import { loadCaseRow } from './cases.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { loadReplyTemplate } from './reply-templates.ts';
import { appendEvent } from './timeline.ts';

export interface RecordReplyInput {
  caseId: number;
  channel: ReplyChannel;
  subject: string;
  body: string;
  templateId?: number | undefined;
  /** The sender saw the reply still has "[…]" gaps and sends it so; without it such a reply is refused. */
  confirmGaps?: boolean | undefined;
  /** Sent by SMTP (main/services/outgoing-mail.ts): the mail's Message-ID and recipient, recorded on the reply. */
  sent?: { messageId: string; to: string } | undefined;
}

export async function renderReply(ctx: ServiceContext, actor: Actor, caseId: number, templateId: number): Promise<RenderedReply> {
  const db = ctx.read;
  const row = await loadCaseRow(ctx, actor, caseId);
  const template = await loadReplyTemplate(ctx, templateId, 'templateId');
  // Saved templates are checked, but a placeholder dropped in a later version must not vanish from a letter unseen.
  const placeholders = templateProblems(template);
  if (placeholders.length > 0) fail('template_placeholder_unknown', { placeholders, templateId });
  const department =
    row.department_id === null
      ? undefined
      : (await db.selectFrom('departments').select('name').where('id', '=', row.department_id).executeTakeFirst());
  const values = placeholderValues(template.language, {
    submitterName: row.submitter_name,
    anonymous: row.submitter_anonymous === 1,
    reference: row.reference,
    receivedOn: row.received_on,
    responseDue: (await deadlinesOf(ctx, row)).responseDue,
    departmentName: department?.name ?? null,
  });
  return { templateId: template.id, language: template.language, ...renderTemplate(template, values) };
}

/** Records a reply as it went out; the first one also marks the case's first response. The workflow status stays as it is.
 * A reply that still holds a template's "[…]" gap is refused with reply_has_gaps (and the count) unless confirmGaps. */
export async function recordReply(ctx: ServiceContext, actor: Actor, input: RecordReplyInput): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadCaseRow(ctx, actor, input.caseId);
    if (row.status === 'withdrawn' || row.status === 'merged') fail('invalid_transition', { from: row.status, action: 'reply' });
    if (input.templateId !== undefined) await loadReplyTemplate(ctx, input.templateId, 'templateId');
    const gaps = countReplyGaps(input);
    if (gaps > 0 && input.confirmGaps !== true) fail('reply_has_gaps', { field: 'body', count: gaps });
    const stamp = ctx.now().toISOString();
    await db
        .updateTable('cases')
        .set({ updated_at: stamp, first_response_at: row.first_response_at ?? stamp })
        .where('id', '=', row.id).execute();
    const data: ReplyEventData = {
      channel: input.channel,
      subject: input.subject,
      body: input.body,
      templateId: input.templateId ?? null,
      ...(input.sent ? { messageId: input.sent.messageId, to: input.sent.to } : {}),
    };
    await appendEvent(db, { caseId: row.id, actorId: actor.id, type: 'reply', at: stamp, data: { ...data } });
  });
}

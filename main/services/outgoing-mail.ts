// Replies sent by email. Sending happens in two steps, so no mail is ever sent inside a database transaction and a double
// click sends one mail: queueReplyEmail (a write under the window's requestId: the same submission again returns the same
// row) stores the mail with its Message-ID; sendQueuedMail claims the row (exactly one caller wins: queued or failed ->
// sending), sends it by SMTP outside any transaction, then marks it sent and records the reply with the Message-ID on the
// case's timeline in one transaction. A failed send is kept with its error and may be sent again; a row left "sending"
// by a stopped app is never sent again by itself (at most once).
import { randomUUID } from 'node:crypto';
import { countReplyGaps } from '../domain/templates.ts';
import { sendSmtp, SmtpSendError, subjectWithReference } from '../io/smtp.ts';
import type { OutgoingMailResult } from '../types/mail.ts';
import type { Actor } from './actor.ts';
import { loadCaseRow } from './case-rows.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { smtpConfig, smtpConfigured } from './mail-settings.ts';
import { recordReply } from './replies.ts';
import { loadReplyTemplate } from './reply-templates.ts';
import type { SecretBox } from './secrets.ts';

export interface QueueReplyInput {
  caseId: number;
  subject: string;
  body: string;
  templateId?: number | undefined;
  confirmGaps?: boolean | undefined;
}

type Row = { id: number; case_id: number; status: OutgoingMailResult['status']; message_id: string; error: string | null };
const result = (row: Row): OutgoingMailResult => ({ id: row.id, caseId: row.case_id, status: row.status, messageId: row.message_id, error: row.error });

export async function queueReplyEmail(ctx: ServiceContext, actor: Actor, input: QueueReplyInput): Promise<OutgoingMailResult> {
  return await ctx.tx(async (ctx) => {
    const row = await loadCaseRow(ctx, actor, input.caseId);
    if (row.status === 'withdrawn' || row.status === 'merged') fail('invalid_transition', { from: row.status, action: 'reply' });
    if (input.templateId !== undefined) await loadReplyTemplate(ctx, input.templateId, 'templateId');
    const gaps = countReplyGaps(input);
    if (gaps > 0 && input.confirmGaps !== true) fail('reply_has_gaps', { field: 'body', count: gaps });
    const to = row.submitter_email;
    if (!to || row.submitter_anonymous === 1) fail('case_has_no_email', { field: 'channel' });
    const smtp = await smtpConfigured(ctx.db);
    if (!smtp.smtpConfigured || !smtp.fromAddress) fail('mail_not_configured', { part: 'smtp', field: 'channel' });
    const domain = smtp.fromAddress.split('@')[1] || 'ombudsdesk.invalid';
    const inserted = await ctx.db
      .insertInto('outgoing_mail')
      .values({
        case_id: row.id,
        user_id: actor.id,
        message_id: `${randomUUID()}@${domain}`,
        to_address: to,
        subject: subjectWithReference(input.subject, row.reference),
        body: input.body,
        template_id: input.templateId ?? null,
        confirm_gaps: input.confirmGaps ? 1 : 0,
        status: 'queued',
        created_at: ctx.now().toISOString(),
      })
      .returning(['id', 'case_id', 'status', 'message_id', 'error'])
      .executeTakeFirstOrThrow();
    return result(inserted);
  });
}

/** Sends in progress in this process, by row: a second caller waits for the first one's outcome. */
const inFlight = new Map<number, Promise<OutgoingMailResult>>();

export async function sendQueuedMail(ctx: ServiceContext, box: SecretBox, actor: Actor, id: number): Promise<OutgoingMailResult> {
  const waiting = inFlight.get(id);
  if (waiting) return await waiting;
  const promise = sendOnce(ctx, box, actor, id);
  inFlight.set(id, promise);
  try {
    return await promise;
  } finally {
    inFlight.delete(id);
  }
}

async function sendOnce(ctx: ServiceContext, box: SecretBox, actor: Actor, id: number): Promise<OutgoingMailResult> {
  const row = await ctx.read.selectFrom('outgoing_mail').selectAll().where('id', '=', id).executeTakeFirst();
  // Someone else's mail is as unknown as one that does not exist; the case's scope is checked again.
  if (!row || row.user_id !== actor.id) fail('not_found', { id });
  const caseRow = await loadCaseRow(ctx, actor, row.case_id);
  const claimed = await ctx.tx(async ({ db }) =>
    db
      .updateTable('outgoing_mail')
      .set({ status: 'sending', error: null })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'failed'])
      .returning('id')
      .executeTakeFirst(),
  );
  if (!claimed) return result(row);
  const smtp = await smtpConfig(ctx.read, box).catch(async (error: unknown) => {
    await markFailed(ctx, id, 'mail_not_configured');
    throw error;
  });
  try {
    await sendSmtp(smtp, {
      from: { name: smtp.fromName, address: smtp.fromAddress },
      to: { name: caseRow.submitter_name ?? '', address: row.to_address },
      subject: row.subject,
      text: row.body,
      messageId: row.message_id,
      reference: caseRow.reference,
    });
  } catch (error) {
    const reason = error instanceof SmtpSendError ? error.message : error instanceof Error ? error.message.slice(0, 300) : 'unknown';
    await markFailed(ctx, id, reason);
    fail('mail_send_failed', { reason, field: 'channel' });
  }
  return await ctx.tx(async (ctx) => {
    await ctx.db.updateTable('outgoing_mail').set({ status: 'sent', sent_at: ctx.now().toISOString() }).where('id', '=', id).execute();
    await recordReply(ctx, actor, {
      caseId: row.case_id,
      channel: 'email',
      subject: row.subject,
      body: row.body,
      templateId: row.template_id ?? undefined,
      // Gaps were checked on what the person wrote (queueReplyEmail); the "[2027-00014]" in front is ours, not a gap.
      confirmGaps: true,
      sent: { messageId: row.message_id, to: row.to_address },
    });
    const done = await ctx.db.selectFrom('outgoing_mail').select(['id', 'case_id', 'status', 'message_id', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    return result(done);
  });
}

async function markFailed(ctx: ServiceContext, id: number, error: string): Promise<void> {
  await ctx.tx(({ db }) => db.updateTable('outgoing_mail').set({ status: 'failed', error }).where('id', '=', id).execute());
}

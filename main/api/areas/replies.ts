// Replies: templates, a reply drafted from one, and a reply recorded as sent.
import { z } from 'zod';
import { CASE_KINDS, REPLY_CHANNELS } from '../../domain/model.ts';
import { TEMPLATE_LANGUAGES } from '../../domain/templates.ts';
import { recordReply, renderReply } from '../../services/replies.ts';
import { listReplyTemplates, saveReplyTemplate } from '../../services/reply-templates.ts';
import { queueReplyEmail, sendQueuedMail } from '../../services/outgoing-mail.ts';
import { smtpConfigured } from '../../services/mail-settings.ts';
import { actorOf, channel, id, none, OFFICE, out, requiredText } from '../define.ts';
import { detail } from './after-write.ts';
import type { CaseDetail, MailSendInfo, OutgoingMailResult, RenderedReply, ReplyTemplate } from '../types.ts';

export const repliesChannels = {
  // Department heads may draft from a template (scoped to their cases); only the office records replies.
  listReplyTemplates: channel({
    access: [...OFFICE, 'department_head'],
    input: z
      .strictObject({
        kind: z.enum(CASE_KINDS).optional(),
        language: z.enum(TEMPLATE_LANGUAGES).optional(),
        includeInactive: z.boolean().default(false),
      })
      .prefault({}),
    output: out<ReplyTemplate[]>(),
    handler: ({ app }, input) => listReplyTemplates(app.services, input),
  }),
  saveReplyTemplate: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      id: id.optional(),
      kind: z.enum(CASE_KINDS),
      language: z.enum(TEMPLATE_LANGUAGES),
      name: requiredText(100),
      // Shorter than a reply's subject (300), so filled placeholders still fit.
      subject: requiredText(200),
      body: requiredText(20_000),
      active: z.boolean().default(true),
    }),
    output: out<ReplyTemplate>(),
    handler: ({ app }, input) => saveReplyTemplate(app.services, input),
  }),
  renderReply: channel({
    access: [...OFFICE, 'department_head'],
    input: z.strictObject({ caseId: id, templateId: id }),
    output: out<RenderedReply>(),
    handler: (call, input) => renderReply(call.app.services, actorOf(call), input.caseId, input.templateId),
  }),
  recordReply: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      caseId: id,
      channel: z.enum(REPLY_CHANNELS),
      subject: requiredText(300),
      body: requiredText(50_000),
      templateId: id.optional(),
      // A reply that still has a template's "[…]" gap is refused (reply_has_gaps) unless the sender confirms it.
      confirmGaps: z.boolean().default(false),
    }),
    output: out<CaseDetail>(),
    handler: (call, input) => detail(call, () => recordReply(call.app.services, actorOf(call), input), input.caseId),
  }),
  /** Whether replies can go out by email (SMTP set up): the reply panel offers "send by email" only then. */
  mailSendInfo: channel({
    access: OFFICE,
    input: none,
    output: out<MailSendInfo>(),
    handler: ({ app }) => smtpConfigured(app.services.read),
  }),
  /** Step 1 of a reply by email: stored with its Message-ID under the submission's requestId (a double click: one row). */
  queueReplyEmail: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      caseId: id,
      subject: requiredText(300),
      body: requiredText(50_000),
      templateId: id.optional(),
      confirmGaps: z.boolean().default(false),
    }),
    output: out<OutgoingMailResult>(),
    handler: (call, input) => queueReplyEmail(call.app.services, actorOf(call), input),
  }),
  /** Step 2: sends it by SMTP (outside any transaction; one caller claims it) and records the reply; the case as it now is. */
  sendQueuedMail: channel({
    access: OFFICE,
    input: z.strictObject({ id }),
    output: out<{ mail: OutgoingMailResult; case: CaseDetail }>(),
    handler: async (call, input) => {
      const mail = await sendQueuedMail(call.app.services, call.app.secrets, actorOf(call), input.id);
      return { mail, case: await detail(call, async () => mail.caseId, mail.caseId) };
    },
  }),
};

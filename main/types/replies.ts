// What the replies area returns: a template filled for one case, and a recorded reply. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { ReplyChannel } from '../domain/model.ts';
import type { TemplateLanguage } from '../domain/templates.ts';

/** A template filled from one case, for the reply editor; nothing is recorded until recordReply. */
export interface RenderedReply {
  templateId: number;
  language: TemplateLanguage;
  subject: string;
  body: string;
}

/** The data of a timeline event of type 'reply'. */
export interface ReplyEventData {
  channel: ReplyChannel;
  subject: string;
  body: string;
  templateId: number | null;
  /** Sent by SMTP: the mail's Message-ID (without angle brackets) and the address it went to. */
  messageId?: string;
  to?: string;
}

// Attachments of a case, stored once per content.
import { z } from 'zod';
import { DEFAULT_MEDIA_TYPE, MAX_ATTACHMENT_BASE64_CHARS } from '../../domain/attachments.ts';
import { addAttachment, getAttachment, listAttachments } from '../../services/attachments.ts';
import { actorOf, CASE_READERS, channel, id, OFFICE, out, requiredText, text } from '../define.ts';
import type { AttachmentContent, AttachmentInfo } from '../types.ts';

export const attachmentsChannels = {
  addAttachment: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      caseId: id,
      // Any name is taken: the service makes it safe to save (safeFileName, at most 255 bytes); this only bounds the payload.
      fileName: requiredText(1000),
      // Browsers report '' for types they do not know.
      mediaType: text(100)
        .toLowerCase()
        .regex(/^([\w!#$&^.+-]+\/[\w!#$&^.+-]+)?$/)
        .transform((value) => value || DEFAULT_MEDIA_TYPE),
      // The size limit itself is the service's (attachment_too_large, checked before decoding).
      dataBase64: z.string().max(MAX_ATTACHMENT_BASE64_CHARS),
    }),
    output: out<AttachmentInfo>(),
    handler: (call, input) => addAttachment(call.app.services, call.app.attachments, actorOf(call), input),
  }),
  listAttachments: channel({
    access: CASE_READERS,
    input: z.strictObject({ caseId: id }),
    output: out<AttachmentInfo[]>(),
    handler: (call, input) => listAttachments(call.app.services, actorOf(call), input.caseId),
  }),
  getAttachment: channel({
    access: CASE_READERS,
    input: z.strictObject({ id }),
    output: out<AttachmentContent>(),
    handler: (call, input) => getAttachment(call.app.services, call.app.attachments, actorOf(call), input.id),
  }),
};

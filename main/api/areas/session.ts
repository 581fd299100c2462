// Signing in and out, the session's user and password, and what the app and the calling window offer.
import packageJson from '../../../package.json' with { type: 'json' };
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachments.ts';
import { MAX_BULK_CASES } from '../../domain/bulk.ts';
import { fail } from '../../services/errors.ts';
import { changePassword, seatUsername, signIn } from '../../services/users.ts';
import { channel, none, out, requiredText } from '../define.ts';
import type { AppInfo, ExportFile, SessionUser } from '../types.ts';

export const sessionChannels = {
  appInfo: channel({
    access: 'public',
    input: none,
    output: out<AppInfo>(),
    handler: async ({ app }) => ({
      name: packageJson.productName,
      version: packageJson.version,
      maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
      maxBulkCases: MAX_BULK_CASES,
      seatUsername: await seatUsername(app.services),
    }),
  }),
  login: channel({
    access: 'public',
    input: z.strictObject({ username: requiredText(100), password: z.string().min(1).max(200) }),
    output: out<SessionUser>(),
    handler: async ({ app, callerId, describe }, input) => {
      const user = await signIn(app.services, input.username, input.password);
      app.sessions.set(callerId, user.id);
      return describe(user);
    },
  }),
  logout: channel({
    access: 'public',
    input: none,
    output: out<null>(),
    handler: ({ app, callerId }) => {
      app.sessions.delete(callerId);
      return null;
    },
  }),
  currentUser: channel({
    access: 'public',
    input: none,
    output: out<SessionUser | null>(),
    handler: ({ user }) => user,
  }),
  changePassword: channel({
    access: 'signed_in',
    input: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
    output: out<SessionUser>(),
    handler: async ({ app, user, describe }, input) =>
      describe(await changePassword(app.services, (user ?? fail('not_authenticated')).id, input.currentPassword, input.newPassword)),
  }),
  // The calling window as PDF (A4, with its print styles); only in Electron.
  printToPdf: channel({
    access: 'signed_in',
    input: z.strictObject({ fileName: requiredText(200).regex(/^[\w.-]+\.pdf$/) }),
    output: out<ExportFile>(),
    handler: async (call, input) => {
      if (!call.window) fail('print_unavailable');
      const bytes = await call.window.printToPdf();
      return { fileName: input.fileName, mediaType: 'application/pdf', dataBase64: Buffer.from(bytes).toString('base64') };
    },
  }),
};

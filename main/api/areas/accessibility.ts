// Accessibility figures (department heads: their own departments), the office's call log and peer figures from CSV.
import { z } from 'zod';
import { accessibilityReport, importPeerFigures, logCall, MAX_PEER_FILE_CHARS } from '../../services/accessibility.ts';
import { actorOf, CASE_READERS, channel, id, isoDateTime, OFFICE, out } from '../define.ts';
import type { AccessibilityReport, LoggedCall, PeerImportResult } from '../types.ts';

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/);

export const accessibilityChannels = {
  accessibilityReport: channel({
    access: CASE_READERS,
    input: z.strictObject({ from: quarter.optional(), to: quarter.optional() }).nullish(),
    output: out<AccessibilityReport>(),
    handler: (call, input) => accessibilityReport(call.app.services, actorOf(call), input ?? {}),
  }),
  logCall: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ calledAt: isoDateTime, reached: z.boolean(), answeredDirectly: z.boolean().nullish(), departmentId: id.nullish() }),
    output: out<LoggedCall>(),
    handler: (call, input) =>
      logCall(call.app.services, actorOf(call), {
        calledAt: input.calledAt,
        reached: input.reached,
        answeredDirectly: input.answeredDirectly ?? null,
        departmentId: input.departmentId ?? null,
      }),
  }),
  importPeerFigures: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ csv: z.string().max(MAX_PEER_FILE_CHARS) }),
    output: out<PeerImportResult>(),
    handler: (call, input) => importPeerFigures(call.app.services, actorOf(call), input.csv),
  }),
};

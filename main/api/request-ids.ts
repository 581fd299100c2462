// Which channels take an optional requestId, and how dispatch takes it out of the payload before the channel's own schema.
// A write repeated with the same requestId (a double click, a retry after a lost answer) returns the first call's stored
// result instead of running again; see createDispatcher in dispatch.ts and services/request-ids.ts.
import { z } from 'zod';
import type { ChannelName } from './channels.ts';

/**
 * true: a write; it takes a requestId, and with one its handler and the stored result run in one transaction (ctx.tx).
 * false: reads; session calls (login, logout) that write nothing to roll back; changePassword, whose failed attempts must
 * stay counted when it is refused (a transaction would roll them back); printToPdf, which is asynchronous and writes nothing.
 * A new channel must be put here (the Record type makes it fail to compile until it is).
 */
export const REQUEST_ID_CHANNELS = {
  appInfo: false,
  login: false,
  logout: false,
  currentUser: false,
  changePassword: false,
  listCases: false,
  getCase: false,
  createCase: true,
  updateCase: true,
  updateSubmitter: true,
  transitionCase: true,
  assignCase: true,
  addCaseNote: true,
  extendCaseDeadline: true,
  searchCases: false,
  // Each case in its own transaction (a savepoint when a requestId wraps the whole call).
  bulkUpdateCases: true,
  personHistory: false,
  caseCounts: false,
  listDepartments: false,
  saveDepartment: true,
  listCategories: false,
  saveCategory: true,
  listUsers: false,
  saveUser: true,
  getSettings: false,
  updateSettings: true,
  listHolidayRegions: false,
  listReplyTemplates: false,
  saveReplyTemplate: true,
  renderReply: false,
  recordReply: true,
  addAttachment: true,
  listAttachments: false,
  getAttachment: false,
  listImprovements: false,
  getImprovement: false,
  createImprovement: true,
  adoptIdea: true,
  updateImprovement: true,
  setImprovementStatus: true,
  linkCaseToImprovement: true,
  unlinkCaseFromImprovement: true,
  departmentHome: false,
  // Reading a start screen or the notifications writes only the reached-deadline notifications owed, once each.
  officeToday: false,
  executiveOverview: false,
  markStartSeen: true,
  listNotifications: false,
  markNotificationsRead: true,
  youSaidWeDid: false,
  exportYouSaidWeDid: false,
  drawEligibility: false,
  listDraws: false,
  getDraw: false,
  prepareDraw: true,
  performDraw: true,
  exportDrawProtocol: false,
  recordWinnerFollowUp: true,
  printToPdf: false,
  startJob: false,
  cancelJob: false,
  listJobs: false,
  jobResult: false,
} as const satisfies Record<ChannelName, boolean>;

export type RequestIdChannel = { [K in ChannelName]: (typeof REQUEST_ID_CHANNELS)[K] extends true ? K : never }[ChannelName];

/** What the window may add to the payload of a RequestIdChannel. */
export interface RequestIdField {
  /** A UUID, made once per submission (crypto.randomUUID()) and sent again when the same submission is retried. */
  requestId?: string;
}

const requestIdSchema = z.strictObject({ requestId: z.uuid() });

export type SplitPayload = { ok: true; payload: unknown; requestId?: string } | { ok: false; error: z.ZodError };

/** The payload without its requestId, and the requestId (validated); payloads of other channels pass unchanged. */
export function takeRequestId(channel: ChannelName, payload: unknown): SplitPayload {
  if (!REQUEST_ID_CHANNELS[channel] || typeof payload !== 'object' || payload === null || Array.isArray(payload) || !Object.hasOwn(payload, 'requestId')) {
    return { ok: true, payload };
  }
  const { requestId, ...rest } = payload as Record<string, unknown>;
  const checked = requestIdSchema.safeParse({ requestId });
  if (!checked.success) return { ok: false, error: checked.error };
  return { ok: true, payload: rest, requestId: checked.data.requestId.toLowerCase() };
}

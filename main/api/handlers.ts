// IPC handlers only translate: they hand the validated payload and the caller to a service.
import packageJson from '../../package.json' with { type: 'json' };
import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';
import { MAX_BULK_CASES } from '../domain/bulk.ts';
import { SUPPORTED_REGIONS } from '../domain/calendar.ts';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../services/actor.ts';
import { addAttachment, getAttachment, listAttachments } from '../services/attachments.ts';
import { bulkUpdateCases } from '../services/bulk.ts';
import { personHistory } from '../services/person-history.ts';
import { addCaseNote, assignCase, createCase, extendCaseDeadline, getCase, updateCase } from '../services/cases.ts';
import { updateSubmitter } from '../services/submitter.ts';
import { caseCounts, listCases, searchCases } from '../services/case-list.ts';
import { transitionCase } from '../services/case-workflow.ts';
import { listCategories, listDepartments, saveCategory, saveDepartment } from '../services/departments.ts';
import { fail } from '../services/errors.ts';
import { recordReply, renderReply } from '../services/replies.ts';
import { drawEligibility, exportDrawProtocol, getDraw, listDraws, performDraw, prepareDraw, recordWinnerFollowUp } from '../services/prize-draws.ts';
import { departmentHome, exportYouSaidWeDid, youSaidWeDid } from '../services/improvement-reports.ts';
import {
  adoptIdea,
  createImprovement,
  getImprovement,
  linkCase,
  listImprovements,
  setImprovementStatus,
  unlinkCase,
  updateImprovement,
} from '../services/improvements.ts';
import { listReplyTemplates, saveReplyTemplate } from '../services/reply-templates.ts';
import { updateSettings } from '../services/settings.ts';
import { listNotifications, markNotificationsRead } from '../services/notifications.ts';
import { executiveOverview, markStartSeen, officeToday } from '../services/start-screens.ts';
import { changePassword, listUsers, saveUser, signIn } from '../services/users.ts';
import { JOB_DEFINITIONS } from '../jobs/definitions.ts';
import { JOB_ACCESS } from '../jobs/params.ts';
import type { ChannelName } from './channels.ts';
import type { ChannelOutput, ChannelPayload } from './contract.ts';
import type { CallerWindow } from './dispatch.ts';
import { isAllowed } from './permissions.ts';
import type { CaseDetail, ImprovementDetail, SessionUser } from './types.ts';

export interface Call {
  app: AppContext;
  callerId: string;
  user: SessionUser | null;
  window?: CallerWindow | undefined;
}

type Handlers = { [K in ChannelName]: (call: Call, input: ChannelPayload<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>> };

function actorOf(call: Call): Actor {
  const user = call.user ?? fail('not_authenticated');
  return { id: user.id, role: user.role, departmentIds: user.departmentIds };
}

/** Runs the write, then reads the fresh case for the window (awaited in that order, not left to argument order). */
async function detail(call: Call, write: () => Promise<unknown>, caseId?: number): Promise<CaseDetail> {
  const written = await write();
  return getCase(call.app.services, actorOf(call), caseId ?? (written as number));
}

/** Runs the write, then reads the improvement as it now is. */
async function improvement(call: Call, write: () => Promise<number | void>, improvementId?: number): Promise<ImprovementDetail> {
  const written = await write();
  return getImprovement(call.app.services, actorOf(call), improvementId ?? (written as number));
}

export const handlers: Handlers = {
  appInfo: () => ({ name: packageJson.productName, version: packageJson.version, maxAttachmentBytes: MAX_ATTACHMENT_BYTES, maxBulkCases: MAX_BULK_CASES }),
  login: async ({ app, callerId }, input) => {
    const user = await signIn(app.services, input.username, input.password);
    app.sessions.set(callerId, user.id);
    return user;
  },
  logout: ({ app, callerId }) => {
    app.sessions.delete(callerId);
    return null;
  },
  currentUser: ({ user }) => user,
  changePassword: ({ app, user }, input) =>
    changePassword(app.services, (user ?? fail('not_authenticated')).id, input.currentPassword, input.newPassword),
  listCases: (call, input) => listCases(call.app.services, actorOf(call), input),
  getCase: (call, input) => getCase(call.app.services, actorOf(call), input.id),
  createCase: (call, input) => detail(call, () => createCase(call.app.services, actorOf(call), input)),
  updateCase: (call, input) => detail(call, () => updateCase(call.app.services, actorOf(call), input), input.id),
  updateSubmitter: (call, input) => detail(call, () => updateSubmitter(call.app.services, actorOf(call), input), input.caseId),
  transitionCase: (call, input) => detail(call, () => transitionCase(call.app.services, actorOf(call), input), input.id),
  assignCase: (call, input) => detail(call, () => assignCase(call.app.services, actorOf(call), input.id, input.handlerId), input.id),
  addCaseNote: (call, input) => detail(call, () => addCaseNote(call.app.services, actorOf(call), input.id, input.text), input.id),
  extendCaseDeadline: (call, input) =>
    detail(call, () => extendCaseDeadline(call.app.services, actorOf(call), input.id, input.workingDays, input.reason), input.id),
  personHistory: (call, input) => personHistory(call.app.services, actorOf(call), input.caseId),
  bulkUpdateCases: (call, input) => bulkUpdateCases(call.app.services, actorOf(call), input.caseIds, input.change),
  searchCases: (call, input) => searchCases(call.app.services, actorOf(call), input.query, input.limit),
  caseCounts: (call) => caseCounts(call.app.services, actorOf(call)),
  listDepartments: ({ app }) => listDepartments(app.services),
  saveDepartment: ({ app }, input) => saveDepartment(app.services, input),
  listCategories: ({ app }) => listCategories(app.services),
  saveCategory: ({ app }, input) => saveCategory(app.services, input),
  listUsers: ({ app }) => listUsers(app.services.read),
  saveUser: ({ app }, input) => saveUser(app.services, input),
  getSettings: ({ app }) => app.services.settings(),
  updateSettings: ({ app }, input) => updateSettings(app.services, input),
  listHolidayRegions: () => SUPPORTED_REGIONS.map((region) => ({ code: region.code, name: region.name })),
  listReplyTemplates: ({ app }, input) => listReplyTemplates(app.services, input),
  saveReplyTemplate: ({ app }, input) => saveReplyTemplate(app.services, input),
  renderReply: (call, input) => renderReply(call.app.services, actorOf(call), input.caseId, input.templateId),
  recordReply: (call, input) => detail(call, () => recordReply(call.app.services, actorOf(call), input), input.caseId),
  addAttachment: (call, input) => addAttachment(call.app.services, call.app.attachments, actorOf(call), input),
  listAttachments: (call, input) => listAttachments(call.app.services, actorOf(call), input.caseId),
  getAttachment: (call, input) => getAttachment(call.app.services, call.app.attachments, actorOf(call), input.id),
  listImprovements: (call, input) => listImprovements(call.app.services, actorOf(call), input),
  getImprovement: (call, input) => getImprovement(call.app.services, actorOf(call), input.id),
  createImprovement: (call, input) => improvement(call, () => createImprovement(call.app.services, actorOf(call), input)),
  adoptIdea: (call, input) => improvement(call, () => adoptIdea(call.app.services, actorOf(call), input)),
  updateImprovement: (call, input) => improvement(call, () => updateImprovement(call.app.services, actorOf(call), input), input.id),
  setImprovementStatus: (call, input) => improvement(call, () => setImprovementStatus(call.app.services, actorOf(call), input), input.id),
  linkCaseToImprovement: (call, input) => improvement(call, () => linkCase(call.app.services, actorOf(call), input), input.improvementId),
  unlinkCaseFromImprovement: (call, input) => improvement(call, () => unlinkCase(call.app.services, actorOf(call), input), input.improvementId),
  departmentHome: (call) => departmentHome(call.app.services, actorOf(call)),
  officeToday: (call, input) => officeToday(call.app.services, actorOf(call), input ?? {}),
  executiveOverview: ({ app }) => executiveOverview(app.services),
  markStartSeen: async (call) => {
    await markStartSeen(call.app.services, actorOf(call));
    return null;
  },
  listNotifications: (call, input) => listNotifications(call.app.services, actorOf(call), input ?? { unreadOnly: false, limit: 50 }),
  markNotificationsRead: (call, input) => markNotificationsRead(call.app.services, actorOf(call), input),
  youSaidWeDid: (call, input) => youSaidWeDid(call.app.services, actorOf(call), input.year),
  exportYouSaidWeDid: (call, input) => exportYouSaidWeDid(call.app.services, actorOf(call), input.year, input.language),
  drawEligibility: ({ app }, input) => drawEligibility(app.services, input.year, input.pool),
  listDraws: ({ app }) => listDraws(app.services),
  getDraw: ({ app }, input) => getDraw(app.services, input.id),
  prepareDraw: async (call, input) => getDraw(call.app.services, await prepareDraw(call.app.services, actorOf(call), input)),
  performDraw: async (call, input) => {
    await performDraw(call.app.services, actorOf(call), input);
    return getDraw(call.app.services, input.id);
  },
  exportDrawProtocol: ({ app }, input) => exportDrawProtocol(app.services, input.id),
  printToPdf: async (call, input) => {
    if (!call.window) fail('print_unavailable');
    const bytes = await call.window.printToPdf();
    return { fileName: input.fileName, mediaType: 'application/pdf', dataBase64: Buffer.from(bytes).toString('base64') };
  },
  recordWinnerFollowUp: async (call, input) => {
    await recordWinnerFollowUp(call.app.services, actorOf(call), input);
    return getDraw(call.app.services, input.drawId);
  },
  startJob: async (call, input) => {
    const actor = actorOf(call);
    if (!isAllowed(JOB_ACCESS[input.kind], actor.role)) fail('forbidden');
    await (JOB_DEFINITIONS[input.kind].check as ((...args: unknown[]) => Promise<void>) | undefined)?.(call.app.services, actor, input.params);
    return call.app.jobs.start(input.kind, input.params, actor);
  },
  cancelJob: (call, input) => call.app.jobs.cancel(input.id, actorOf(call)),
  listJobs: (call) => call.app.jobs.list(actorOf(call)),
  jobResult: (call, input) => call.app.jobs.result(input.id, actorOf(call)),
};

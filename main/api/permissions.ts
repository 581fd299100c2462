// One table decides who may call what; department scoping is applied on top by the services.
import type { Role } from '../domain/model.ts';
import type { ChannelName } from './channels.ts';

export type Access = 'public' | 'signed_in' | readonly Role[];

const OFFICE: readonly Role[] = ['admin', 'ombudsman', 'deputy'];
const CASE_READERS: readonly Role[] = [...OFFICE, 'department_head', 'executive'];
// Improvements are the ombudsman's and the deputy's to shape; department heads move their own; the executive reads.
const IMPROVEMENT_EDITORS: readonly Role[] = ['ombudsman', 'deputy'];
const IMPROVEMENT_READERS: readonly Role[] = [...IMPROVEMENT_EDITORS, 'department_head', 'executive'];
// The chief executive runs the prize draw; the office sees it and follows up with the winners.
const DRAW_READERS: readonly Role[] = ['executive', 'ombudsman', 'deputy'];

export const PERMISSIONS: Record<ChannelName, Access> = {
  appInfo: 'public',
  login: 'public',
  logout: 'public',
  currentUser: 'public',
  changePassword: 'signed_in',
  listCases: CASE_READERS,
  getCase: CASE_READERS,
  searchCases: CASE_READERS,
  bulkUpdateCases: OFFICE,
  personHistory: CASE_READERS,
  caseCounts: CASE_READERS,
  createCase: OFFICE,
  updateCase: OFFICE,
  // Correcting the person's contact data is the office's: not department heads, not the executive.
  updateSubmitter: OFFICE,
  transitionCase: [...OFFICE, 'department_head'],
  assignCase: OFFICE,
  addCaseNote: [...OFFICE, 'department_head'],
  extendCaseDeadline: OFFICE,
  listDepartments: 'signed_in',
  saveDepartment: ['admin'],
  listCategories: 'signed_in',
  saveCategory: ['admin'],
  listUsers: [...OFFICE, 'executive'],
  saveUser: ['admin'],
  getSettings: 'signed_in',
  updateSettings: ['admin'],
  listHolidayRegions: 'signed_in',
  // Department heads may draft from a template (scoped to their cases); only the office records replies.
  listReplyTemplates: [...OFFICE, 'department_head'],
  saveReplyTemplate: OFFICE,
  renderReply: [...OFFICE, 'department_head'],
  recordReply: OFFICE,
  addAttachment: OFFICE,
  listAttachments: CASE_READERS,
  getAttachment: CASE_READERS,
  listImprovements: IMPROVEMENT_READERS,
  getImprovement: IMPROVEMENT_READERS,
  createImprovement: IMPROVEMENT_EDITORS,
  adoptIdea: IMPROVEMENT_EDITORS,
  updateImprovement: IMPROVEMENT_EDITORS,
  setImprovementStatus: [...IMPROVEMENT_EDITORS, 'department_head'],
  linkCaseToImprovement: IMPROVEMENT_EDITORS,
  unlinkCaseFromImprovement: IMPROVEMENT_EDITORS,
  departmentHome: ['department_head'],
  // Start screens: the office's day, the executive's figures; notifications go to the office and department heads.
  officeToday: OFFICE,
  executiveOverview: ['executive'],
  markStartSeen: [...OFFICE, 'department_head'],
  listNotifications: [...OFFICE, 'department_head'],
  markNotificationsRead: [...OFFICE, 'department_head'],
  youSaidWeDid: IMPROVEMENT_READERS,
  exportYouSaidWeDid: IMPROVEMENT_READERS,
  drawEligibility: DRAW_READERS,
  listDraws: DRAW_READERS,
  getDraw: DRAW_READERS,
  prepareDraw: ['executive'],
  performDraw: ['executive'],
  exportDrawProtocol: DRAW_READERS,
  recordWinnerFollowUp: DRAW_READERS,
  printToPdf: 'signed_in',
  // Each job kind names who may start it (main/jobs/definitions.ts); a job is seen only by who started it.
  startJob: 'signed_in',
  cancelJob: 'signed_in',
  listJobs: 'signed_in',
  jobResult: 'signed_in',
};

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed_in') return true;
  return access.includes(role);
}

// The one API contract: channel name -> input schema (checked at runtime in main) -> output type.
import { z } from 'zod';
import {
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_ORIGINS,
  CASE_OUTCOMES,
  CASE_STATUSES,
  LANGUAGES,
  PRIORITIES,
  REPLY_CHANNELS,
  ROLES,
} from '../domain/model.ts';
import { DEFAULT_MEDIA_TYPE, MAX_ATTACHMENT_BASE64_CHARS } from '../domain/attachments.ts';
import { TEMPLATE_LANGUAGES } from '../domain/templates.ts';
import { IMPROVEMENT_STATUSES, LINK_RELATIONS } from '../domain/improvements.ts';
import { FOLLOW_UP_TYPES } from '../domain/draw-followup.ts';
import { MAX_BULK_CASES } from '../domain/bulk.ts';
import { startJobInput } from '../jobs/params.ts';
import type { ChannelName } from './channels.ts';
import type { RequestIdChannel, RequestIdField } from './request-ids.ts';
import type {
  ApiResult,
  AppInfo,
  AttachmentContent,
  AttachmentInfo,
  BulkResult,
  PersonCase,
  CaseCount,
  CaseDetail,
  CaseListResult,
  DepartmentHome,
  ExecutiveOverview,
  NotificationList,
  OfficeToday,
  DrawDetail,
  DrawEligibility,
  DrawSummary,
  ExportFile,
  JobRecord,
  ImprovementDetail,
  ImprovementSummary,
  YouSaidWeDidEntry,
  Category,
  Department,
  HolidayRegionOption,
  OfficeSettings,
  RenderedReply,
  ReplyTemplate,
  SearchHit,
  SessionUser,
  UserRecord,
} from './types.ts';

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
/** undefined stays undefined (not given: unchanged); '' and null become null (cleared). */
const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value ? value : null);
const contactText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const year = z.number().int().min(2000).max(2200);
const pool = z.enum(['external', 'internal']);
/** Output types exist only for the compiler; the value is never read. */
const out = <T>() => undefined as unknown as T;
const none = z.undefined().or(z.null()).or(z.strictObject({}));

const deadlineRule = z.strictObject({
  acknowledgeDays: z.number().int().min(0).max(250),
  respondDays: z.number().int().min(1).max(250),
});
const stageRules = z.strictObject({ stage1: deadlineRule, stage2: deadlineRule });

export const submitterSchema = z.strictObject({
  anonymous: z.boolean().default(false),
  name: optionalText(200),
  email: z.email().max(320).nullish().or(z.literal('')).transform((v) => (v ? v : null)),
  phone: optionalText(60),
  address: optionalText(500),
  organisation: optionalText(200),
  language: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
  consent: z.boolean().default(false),
  consentText: optionalText(2000),
});

export const caseFilterSchema = z.strictObject({
  statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).optional(),
  channels: z.array(z.enum(CASE_CHANNELS)).max(CASE_CHANNELS.length).optional(),
  origins: z.array(z.enum(CASE_ORIGINS)).max(CASE_ORIGINS.length).optional(),
  departmentIds: z.array(id).max(500).optional(),
  handlerId: id.optional(),
  overdue: z.boolean().optional(),
  dueBefore: isoDate.optional(),
  dueOn: isoDate.optional(),
  returnedSince: isoDateTime.optional(),
  text: text(200).optional(),
  reference: text(20).optional(),
});

export const contract = {
  appInfo: { input: none, output: out<AppInfo>() },
  login: {
    input: z.strictObject({ username: requiredText(100), password: z.string().min(1).max(200) }),
    output: out<SessionUser>(),
  },
  logout: { input: none, output: out<null>() },
  currentUser: { input: none, output: out<SessionUser | null>() },
  changePassword: {
    input: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
    output: out<SessionUser>(),
  },
  listCases: {
    input: z.strictObject({
      filter: caseFilterSchema.default({}),
      sort: z
        .strictObject({
          column: z.enum(['reference', 'receivedAt', 'responseDue', 'status', 'kind', 'subject', 'priority']),
          direction: z.enum(['asc', 'desc']),
        })
        .default({ column: 'receivedAt', direction: 'desc' }),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
    output: out<CaseListResult>(),
  },
  getCase: { input: z.strictObject({ id }), output: out<CaseDetail>() },
  createCase: {
    input: z.strictObject({
      kind: z.enum(CASE_KINDS),
      channel: z.enum(CASE_CHANNELS),
      origin: z.enum(CASE_ORIGINS),
      receivedAt: isoDateTime.optional(),
      subject: requiredText(300),
      description: text(20_000).default(''),
      submitter: submitterSchema.default({
        anonymous: true,
        name: null,
        email: null,
        phone: null,
        address: null,
        organisation: null,
        language: null,
        consent: false,
        consentText: null,
      }),
      departmentId: id.nullish(),
      categoryId: id.nullish(),
      priority: z.enum(PRIORITIES).default('normal'),
      duplicateOfId: id.nullish(),
      /** Create the case already merged into this one (one transaction: a target that cannot take a merge creates nothing). */
      mergeIntoId: id.nullish(),
    }),
    output: out<CaseDetail>(),
  },
  updateCase: {
    input: z.strictObject({
      id,
      kind: z.enum(CASE_KINDS).optional(),
      origin: z.enum(CASE_ORIGINS).optional(),
      subject: requiredText(300).optional(),
      description: text(20_000).optional(),
      departmentId: id.nullable().optional(),
      categoryId: id.nullable().optional(),
      priority: z.enum(PRIORITIES).optional(),
    }),
    output: out<CaseDetail>(),
  },
  /** Corrects the person's contact data: an omitted field stays, an empty one is cleared. */
  updateSubmitter: {
    input: z.strictObject({
      caseId: id,
      name: contactText(200),
      email: z.string().trim().max(320).pipe(z.union([z.literal(''), z.email()])).nullish().transform(blankToNull),
      phone: contactText(60),
      address: contactText(500),
    }),
    output: out<CaseDetail>(),
  },
  transitionCase: {
    input: z.discriminatedUnion('action', [
      z.strictObject({ id, action: z.literal('triage') }),
      z.strictObject({ id, action: z.literal('forward'), departmentId: id }),
      z.strictObject({ id, action: z.literal('return_from_department'), statement: text(20_000).optional() }),
      z.strictObject({ id, action: z.literal('hold'), reason: text(2000).optional() }),
      z.strictObject({ id, action: z.literal('resume') }),
      z.strictObject({ id, action: z.literal('answer'), outcome: z.enum(CASE_OUTCOMES).nullable().default(null), summary: text(20_000).optional() }),
      z.strictObject({ id, action: z.literal('close') }),
      z.strictObject({ id, action: z.literal('escalate'), handlerId: id.optional(), reason: text(2000).optional() }),
      z.strictObject({ id, action: z.literal('withdraw'), reason: text(2000).optional() }),
      z.strictObject({ id, action: z.literal('merge'), intoId: id }),
    ]),
    output: out<CaseDetail>(),
  },
  assignCase: { input: z.strictObject({ id, handlerId: id.nullable() }), output: out<CaseDetail>() },
  addCaseNote: { input: z.strictObject({ id, text: requiredText(20_000) }), output: out<CaseDetail>() },
  extendCaseDeadline: {
    input: z.strictObject({ id, workingDays: z.number().int().min(1).max(250), reason: text(2000) }),
    output: out<CaseDetail>(),
  },
  searchCases: {
    input: z.strictObject({ query: requiredText(200), limit: z.number().int().min(1).max(50).default(10) }),
    output: out<SearchHit[]>(),
  },
  caseCounts: { input: none, output: out<CaseCount[]>() },
  personHistory: { input: z.strictObject({ caseId: id }), output: out<PersonCase[]>() },
  bulkUpdateCases: {
    input: z.strictObject({
      caseIds: z.array(id).min(1).max(MAX_BULK_CASES),
      change: z.discriminatedUnion('action', [
        z.strictObject({ action: z.literal('assign'), handlerId: id.nullable() }),
        z.strictObject({ action: z.literal('forward'), departmentId: id }),
        z.strictObject({ action: z.literal('set_category'), categoryId: id.nullable() }),
        z.strictObject({ action: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
        z.strictObject({ action: z.literal('close') }),
      ]),
    }),
    output: out<BulkResult>(),
  },
  listDepartments: { input: none, output: out<Department[]>() },
  saveDepartment: {
    input: z.strictObject({ id: id.optional(), name: requiredText(200), active: z.boolean().default(true) }),
    output: out<Department>(),
  },
  listCategories: { input: none, output: out<Category[]>() },
  saveCategory: {
    input: z.strictObject({ id: id.optional(), name: requiredText(200), active: z.boolean().default(true) }),
    output: out<Category>(),
  },
  listUsers: { input: none, output: out<UserRecord[]>() },
  saveUser: {
    input: z.strictObject({
      id: id.optional(),
      username: requiredText(100).regex(/^[\p{L}\p{N}._-]+$/u),
      displayName: requiredText(200),
      role: z.enum(ROLES),
      departmentIds: z.array(id).max(500).default([]),
      language: z.enum(LANGUAGES).default('de'),
      active: z.boolean().default(true),
      password: z.string().min(1).max(200).optional(),
    }),
    output: out<UserRecord>(),
  },
  getSettings: { input: none, output: out<OfficeSettings>() },
  updateSettings: {
    input: z.strictObject({
      holidayRegion: requiredText(20).optional(),
      closedDays: z.array(isoDate).max(366).optional(),
      deadlineRules: z
        .strictObject({ complaint: stageRules, idea: stageRules, praise: stageRules, question: stageRules })
        .optional(),
    }),
    output: out<OfficeSettings>(),
  },
  listHolidayRegions: { input: none, output: out<HolidayRegionOption[]>() },
  listReplyTemplates: {
    input: z
      .strictObject({
        kind: z.enum(CASE_KINDS).optional(),
        language: z.enum(TEMPLATE_LANGUAGES).optional(),
        includeInactive: z.boolean().default(false),
      })
      .prefault({}),
    output: out<ReplyTemplate[]>(),
  },
  saveReplyTemplate: {
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
  },
  renderReply: { input: z.strictObject({ caseId: id, templateId: id }), output: out<RenderedReply>() },
  recordReply: {
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
  },
  addAttachment: {
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
  },
  listAttachments: { input: z.strictObject({ caseId: id }), output: out<AttachmentInfo[]>() },
  getAttachment: { input: z.strictObject({ id }), output: out<AttachmentContent>() },
  listImprovements: {
    input: z
      .strictObject({
        statuses: z.array(z.enum(IMPROVEMENT_STATUSES)).max(IMPROVEMENT_STATUSES.length).optional(),
        departmentIds: z.array(id).max(500).optional(),
        doneYear: year.optional(),
        caseId: id.optional(),
      })
      .prefault({}),
    output: out<ImprovementSummary[]>(),
  },
  getImprovement: { input: z.strictObject({ id }), output: out<ImprovementDetail>() },
  createImprovement: {
    input: z.strictObject({
      title: requiredText(200),
      description: text(20_000).default(''),
      departmentId: id,
      responsibleId: id.nullish(),
      targetDate: isoDate.nullish(),
      links: z.array(z.strictObject({ caseId: id, relation: z.enum(LINK_RELATIONS).optional() })).max(500).optional(),
    }),
    output: out<ImprovementDetail>(),
  },
  adoptIdea: {
    input: z.strictObject({
      caseId: id,
      title: requiredText(200),
      description: text(20_000).default(''),
      departmentId: id.nullish(),
      responsibleId: id.nullish(),
      targetDate: isoDate.nullish(),
    }),
    output: out<ImprovementDetail>(),
  },
  updateImprovement: {
    input: z.strictObject({
      id,
      title: requiredText(200).optional(),
      description: text(20_000).optional(),
      departmentId: id.optional(),
      responsibleId: id.nullable().optional(),
      targetDate: isoDate.nullable().optional(),
    }),
    output: out<ImprovementDetail>(),
  },
  setImprovementStatus: {
    input: z.strictObject({
      id,
      status: z.enum(IMPROVEMENT_STATUSES),
      doneOn: isoDate.nullish(),
      note: text(5_000).nullish(),
    }),
    output: out<ImprovementDetail>(),
  },
  linkCaseToImprovement: {
    input: z.strictObject({ improvementId: id, caseId: id, relation: z.enum(LINK_RELATIONS).optional() }),
    output: out<ImprovementDetail>(),
  },
  unlinkCaseFromImprovement: { input: z.strictObject({ improvementId: id, caseId: id }), output: out<ImprovementDetail>() },
  departmentHome: { input: none, output: out<DepartmentHome>() },
  officeToday: {
    // The screen passes back the returnedSince it first got, so a refresh keeps counting from there.
    input: z.strictObject({ returnedSince: isoDateTime.optional() }).nullish(),
    output: out<OfficeToday>(),
  },
  executiveOverview: { input: none, output: out<ExecutiveOverview>() },
  // The caller's role says which part of their start screen they have now looked at.
  markStartSeen: { input: none, output: out<null>() },
  listNotifications: {
    input: z.strictObject({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).nullish(),
    output: out<NotificationList>(),
  },
  markNotificationsRead: {
    input: z.union([z.strictObject({ ids: z.array(id).min(1).max(500) }), z.strictObject({ all: z.literal(true) })]),
    output: out<{ unread: number }>(),
  },
  youSaidWeDid: { input: z.strictObject({ year }), output: out<YouSaidWeDidEntry[]>() },
  exportYouSaidWeDid: { input: z.strictObject({ year, language: z.enum(TEMPLATE_LANGUAGES) }), output: out<ExportFile>() },
  drawEligibility: { input: z.strictObject({ year, pool }), output: out<DrawEligibility>() },
  listDraws: { input: none, output: out<DrawSummary[]>() },
  getDraw: { input: z.strictObject({ id }), output: out<DrawDetail>() },
  prepareDraw: {
    input: z.strictObject({
      year,
      pool,
      prizes: z.array(z.strictObject({ count: z.number().int().min(1).max(100), description: requiredText(300) })).min(1).max(20),
      repeatReason: text(2_000).nullish(),
    }),
    output: out<DrawDetail>(),
  },
  performDraw: {
    input: z.strictObject({
      id,
      // Only a bound for the transport: the seed's own rules (well-formed, not empty, at most 500 code points after
      // normalisation) are performDraw's, so that each refusal has its own message at the seed field.
      seed: z.string().max(4_000),
      witnesses: z.array(requiredText(200)).min(1).max(20),
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    output: out<DrawDetail>(),
  },
  exportDrawProtocol: { input: z.strictObject({ id }), output: out<ExportFile>() },
  // The calling window as PDF (A4, with its print styles); only in Electron.
  printToPdf: { input: z.strictObject({ fileName: requiredText(200).regex(/^[\w.-]+\.pdf$/) }), output: out<ExportFile>() },
  recordWinnerFollowUp: {
    input: z.strictObject({ drawId: id, reference: requiredText(20), type: z.enum(FOLLOW_UP_TYPES), note: text(2_000).default('') }),
    output: out<DrawDetail>(),
  },
  // Background jobs: started with their kind's params, followed by jobProgress events, only ever by who started them.
  startJob: { input: startJobInput, output: out<JobRecord>() },
  cancelJob: { input: z.strictObject({ id }), output: out<JobRecord>() },
  listJobs: { input: none, output: out<JobRecord[]>() },
  jobResult: { input: z.strictObject({ id }), output: out<ExportFile>() },
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
/** What the window sends: the channel's input, and for writes an optional requestId that dispatch takes out first. */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']> & (K extends RequestIdChannel ? RequestIdField : unknown);
export type ChannelPayload<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Contract[K]['output'];

/** What window.ombudsdesk offers the renderer; the preload is checked against it with `satisfies`. */
export type OmbudsdeskApi = {
  [K in ChannelName]: undefined extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>>;
};

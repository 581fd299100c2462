// Cases: the inbox, one case, its workflow and its person.
import { z } from 'zod';
import { MAX_BULK_CASES } from '../../domain/bulk.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS, CASE_OUTCOMES, CASE_STATUSES, LANGUAGES, PRIORITIES } from '../../domain/model.ts';
import { bulkUpdateCases } from '../../services/bulk.ts';
import { caseCounts, listCases, searchCases } from '../../services/case-list.ts';
import { transitionCase } from '../../services/case-workflow.ts';
import { addCaseNote, assignCase, createCase, extendCaseDeadline, getCase, updateCase } from '../../services/cases.ts';
import { personHistory } from '../../services/person-history.ts';
import { updateSubmitter } from '../../services/submitter.ts';
import { triageCase } from '../../services/triage.ts';
import { actorOf, blankToNull, CASE_READERS, channel, contactText, id, isoDate, isoDateTime, none, OFFICE, optionalText, out, requiredText, text } from '../define.ts';
import { detail } from './after-write.ts';
import type { BulkResult, CaseCount, CaseDetail, CaseListResult, PersonCase, SearchHit } from '../types.ts';

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
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  text: text(200).optional(),
  reference: text(20).optional(),
});

export const casesChannels = {
  listCases: channel({
    access: CASE_READERS,
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
    handler: (call, input) => listCases(call.app.services, actorOf(call), input),
  }),
  getCase: channel({
    access: CASE_READERS,
    input: z.strictObject({ id }),
    output: out<CaseDetail>(),
    handler: (call, input) => getCase(call.app.services, actorOf(call), input.id),
  }),
  createCase: channel({
    access: OFFICE,
    write: true,
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
    handler: (call, input) => detail(call, () => createCase(call.app.services, actorOf(call), input)),
  }),
  updateCase: channel({
    access: OFFICE,
    write: true,
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
    handler: (call, input) => detail(call, () => updateCase(call.app.services, actorOf(call), input), input.id),
  }),
  // Triage in one call and one transaction: the fields, the handler and the workflow step, all or nothing.
  triageCase: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      id,
      kind: z.enum(CASE_KINDS).optional(),
      departmentId: id.nullable().optional(),
      categoryId: id.nullable().optional(),
      priority: z.enum(PRIORITIES).optional(),
      handlerId: id.nullable().optional(),
    }),
    output: out<CaseDetail>(),
    handler: (call, input) => detail(call, () => triageCase(call.app.services, actorOf(call), input), input.id),
  }),
  /** Corrects the person's contact data: an omitted field stays, an empty one is cleared. */
  // Correcting the person's contact data is the office's: not department heads, not the executive.
  updateSubmitter: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      caseId: id,
      name: contactText(200),
      email: z.string().trim().max(320).pipe(z.union([z.literal(''), z.email()])).nullish().transform(blankToNull),
      phone: contactText(60),
      address: contactText(500),
    }),
    output: out<CaseDetail>(),
    handler: (call, input) => detail(call, () => updateSubmitter(call.app.services, actorOf(call), input), input.caseId),
  }),
  transitionCase: channel({
    access: [...OFFICE, 'department_head'],
    write: true,
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
    handler: (call, input) => detail(call, () => transitionCase(call.app.services, actorOf(call), input), input.id),
  }),
  assignCase: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ id, handlerId: id.nullable() }),
    output: out<CaseDetail>(),
    handler: (call, input) => detail(call, () => assignCase(call.app.services, actorOf(call), input.id, input.handlerId), input.id),
  }),
  addCaseNote: channel({
    access: [...OFFICE, 'department_head'],
    write: true,
    input: z.strictObject({ id, text: requiredText(20_000) }),
    output: out<CaseDetail>(),
    handler: (call, input) => detail(call, () => addCaseNote(call.app.services, actorOf(call), input.id, input.text), input.id),
  }),
  extendCaseDeadline: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ id, workingDays: z.number().int().min(1).max(250), reason: text(2000) }),
    output: out<CaseDetail>(),
    handler: (call, input) =>
      detail(call, () => extendCaseDeadline(call.app.services, actorOf(call), input.id, input.workingDays, input.reason), input.id),
  }),
  searchCases: channel({
    access: CASE_READERS,
    input: z.strictObject({ query: requiredText(200), limit: z.number().int().min(1).max(50).default(10) }),
    output: out<SearchHit[]>(),
    handler: (call, input) => searchCases(call.app.services, actorOf(call), input.query, input.limit),
  }),
  caseCounts: channel({
    access: CASE_READERS,
    input: none,
    output: out<CaseCount[]>(),
    handler: (call) => caseCounts(call.app.services, actorOf(call)),
  }),
  personHistory: channel({
    access: CASE_READERS,
    input: z.strictObject({ caseId: id }),
    output: out<PersonCase[]>(),
    handler: (call, input) => personHistory(call.app.services, actorOf(call), input.caseId),
  }),
  bulkUpdateCases: channel({
    access: OFFICE,
    write: true,
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
    handler: (call, input) => bulkUpdateCases(call.app.services, actorOf(call), input.caseIds, input.change),
  }),
};

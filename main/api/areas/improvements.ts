// Improvements, the department head's start screen and "you said, we did".
import { z } from 'zod';
import { IMPROVEMENT_STATUSES, LINK_RELATIONS } from '../../domain/improvements.ts';
import { TEMPLATE_LANGUAGES } from '../../domain/templates.ts';
import { departmentHome, exportYouSaidWeDid, youSaidWeDid } from '../../services/improvement-reports.ts';
import { adoptIdea, createImprovement, getImprovement, linkCase, listImprovements, setImprovementStatus, unlinkCase, updateImprovement } from '../../services/improvements.ts';
import { actorOf, channel, id, IMPROVEMENT_EDITORS, IMPROVEMENT_READERS, isoDate, none, out, requiredText, text, year } from '../define.ts';
import { improvement } from './after-write.ts';
import type { DepartmentHome, ExportFile, ImprovementDetail, ImprovementSummary, YouSaidWeDidEntry } from '../types.ts';

export const improvementsChannels = {
  listImprovements: channel({
    access: IMPROVEMENT_READERS,
    input: z
      .strictObject({
        statuses: z.array(z.enum(IMPROVEMENT_STATUSES)).max(IMPROVEMENT_STATUSES.length).optional(),
        departmentIds: z.array(id).max(500).optional(),
        doneYear: year.optional(),
        caseId: id.optional(),
      })
      .prefault({}),
    output: out<ImprovementSummary[]>(),
    handler: (call, input) => listImprovements(call.app.services, actorOf(call), input),
  }),
  getImprovement: channel({
    access: IMPROVEMENT_READERS,
    input: z.strictObject({ id }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => getImprovement(call.app.services, actorOf(call), input.id),
  }),
  createImprovement: channel({
    access: IMPROVEMENT_EDITORS,
    write: true,
    input: z.strictObject({
      title: requiredText(200),
      description: text(20_000).default(''),
      departmentId: id,
      responsibleId: id.nullish(),
      targetDate: isoDate.nullish(),
      links: z.array(z.strictObject({ caseId: id, relation: z.enum(LINK_RELATIONS).optional() })).max(500).optional(),
    }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => createImprovement(call.app.services, actorOf(call), input)),
  }),
  adoptIdea: channel({
    access: IMPROVEMENT_EDITORS,
    write: true,
    input: z.strictObject({
      caseId: id,
      title: requiredText(200),
      description: text(20_000).default(''),
      departmentId: id.nullish(),
      responsibleId: id.nullish(),
      targetDate: isoDate.nullish(),
    }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => adoptIdea(call.app.services, actorOf(call), input)),
  }),
  updateImprovement: channel({
    access: IMPROVEMENT_EDITORS,
    write: true,
    input: z.strictObject({
      id,
      title: requiredText(200).optional(),
      description: text(20_000).optional(),
      departmentId: id.optional(),
      responsibleId: id.nullable().optional(),
      targetDate: isoDate.nullable().optional(),
    }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => updateImprovement(call.app.services, actorOf(call), input), input.id),
  }),
  setImprovementStatus: channel({
    access: [...IMPROVEMENT_EDITORS, 'department_head'],
    write: true,
    input: z.strictObject({
      id,
      status: z.enum(IMPROVEMENT_STATUSES),
      doneOn: isoDate.nullish(),
      note: text(5_000).nullish(),
    }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => setImprovementStatus(call.app.services, actorOf(call), input), input.id),
  }),
  linkCaseToImprovement: channel({
    access: IMPROVEMENT_EDITORS,
    write: true,
    input: z.strictObject({ improvementId: id, caseId: id, relation: z.enum(LINK_RELATIONS).optional() }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => linkCase(call.app.services, actorOf(call), input), input.improvementId),
  }),
  unlinkCaseFromImprovement: channel({
    access: IMPROVEMENT_EDITORS,
    write: true,
    input: z.strictObject({ improvementId: id, caseId: id }),
    output: out<ImprovementDetail>(),
    handler: (call, input) => improvement(call, () => unlinkCase(call.app.services, actorOf(call), input), input.improvementId),
  }),
  departmentHome: channel({
    access: ['department_head'],
    input: none,
    output: out<DepartmentHome>(),
    handler: (call) => departmentHome(call.app.services, actorOf(call)),
  }),
  youSaidWeDid: channel({
    access: IMPROVEMENT_READERS,
    input: z.strictObject({ year }),
    output: out<YouSaidWeDidEntry[]>(),
    handler: (call, input) => youSaidWeDid(call.app.services, actorOf(call), input.year),
  }),
  exportYouSaidWeDid: channel({
    access: IMPROVEMENT_READERS,
    input: z.strictObject({ year, language: z.enum(TEMPLATE_LANGUAGES) }),
    output: out<ExportFile>(),
    handler: (call, input) => exportYouSaidWeDid(call.app.services, actorOf(call), input.year, input.language),
  }),
};

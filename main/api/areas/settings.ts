// The office's settings: departments, categories, the holiday region and deadline rules.
import { z } from 'zod';
import { SUPPORTED_REGIONS } from '../../domain/calendar.ts';
import { listCategories, listDepartments, saveCategory, saveDepartment } from '../../services/departments.ts';
import { updateSettings } from '../../services/settings.ts';
import { channel, id, isoDate, none, out, requiredText } from '../define.ts';
import type { Category, Department, HolidayRegionOption, OfficeSettings } from '../types.ts';

const deadlineRule = z.strictObject({
  acknowledgeDays: z.number().int().min(0).max(250),
  respondDays: z.number().int().min(1).max(250),
});
const stageRules = z.strictObject({ stage1: deadlineRule, stage2: deadlineRule });

export const settingsChannels = {
  listDepartments: channel({
    access: 'signed_in',
    input: none,
    output: out<Department[]>(),
    handler: ({ app }) => listDepartments(app.services),
  }),
  saveDepartment: channel({
    access: ['admin'],
    write: true,
    input: z.strictObject({ id: id.optional(), name: requiredText(200), active: z.boolean().default(true) }),
    output: out<Department>(),
    handler: ({ app }, input) => saveDepartment(app.services, input),
  }),
  listCategories: channel({
    access: 'signed_in',
    input: none,
    output: out<Category[]>(),
    handler: ({ app }) => listCategories(app.services),
  }),
  saveCategory: channel({
    access: ['admin'],
    write: true,
    input: z.strictObject({ id: id.optional(), name: requiredText(200), active: z.boolean().default(true) }),
    output: out<Category>(),
    handler: ({ app }, input) => saveCategory(app.services, input),
  }),
  getSettings: channel({
    access: 'signed_in',
    input: none,
    output: out<OfficeSettings>(),
    handler: ({ app }) => app.services.settings(),
  }),
  updateSettings: channel({
    access: ['admin'],
    write: true,
    input: z.strictObject({
      holidayRegion: requiredText(20).optional(),
      closedDays: z.array(isoDate).max(366).optional(),
      deadlineRules: z
        .strictObject({ complaint: stageRules, idea: stageRules, praise: stageRules, question: stageRules })
        .optional(),
    }),
    output: out<OfficeSettings>(),
    handler: ({ app }, input) => updateSettings(app.services, input),
  }),
  listHolidayRegions: channel({
    access: 'signed_in',
    input: none,
    output: out<HolidayRegionOption[]>(),
    handler: () => SUPPORTED_REGIONS.map((region) => ({ code: region.code, name: region.name })),
  }),
};

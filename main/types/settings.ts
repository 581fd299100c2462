// What the settings area returns: departments, categories, the office settings, reply templates. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { DeadlineRules } from '../domain/deadlines.ts';
import type { CaseKind } from '../domain/model.ts';
import type { TemplateLanguage } from '../domain/templates.ts';

export interface Department {
  id: number;
  name: string;
  active: boolean;
}

export interface Category {
  id: number;
  name: string;
  active: boolean;
}

export interface OfficeSettings {
  holidayRegion: string;
  closedDays: string[];
  deadlineRules: DeadlineRules;
}

export interface HolidayRegionOption {
  code: string;
  name: string;
}

export interface ReplyTemplate {
  id: number;
  kind: CaseKind;
  language: TemplateLanguage;
  name: string;
  subject: string;
  body: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

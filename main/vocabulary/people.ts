// Who works with Ombudsdesk and in which languages the office writes.

export const ROLES = ['admin', 'ombudsman', 'deputy', 'department_head', 'executive'] as const;
export type Role = (typeof ROLES)[number];

/** The office: who handles cases, gets the office start screen and the office's notifications. */
export const OFFICE_ROLES = ['admin', 'ombudsman', 'deputy'] as const satisfies readonly Role[];

export function isOfficeRole(role: Role): boolean {
  return (OFFICE_ROLES as readonly Role[]).includes(role);
}

/** Languages a person can be written to in; the UI speaks de and en today, sv, da and cs are planned. */
export const LANGUAGES = ['de', 'en', 'sv', 'da', 'cs'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages with template wording (salutations, date format); sv, da and cs follow with their translations. */
export const TEMPLATE_LANGUAGES = ['de', 'en'] as const satisfies readonly Language[];
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** What a reply template can fill in. */
export const PLACEHOLDERS = ['salutation', 'name', 'reference', 'received', 'due', 'department'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

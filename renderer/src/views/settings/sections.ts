// Which settings sections a user sees: each is shown to whoever may save it (today: the administrator the structure, the
// office its reply templates). Kept apart from SettingsView so the header can ask without loading the settings screen.
import type { ChannelName } from '../../../../main/api/contract.ts';
import type { SessionUser } from '../../../../main/api/types.ts';
import { can } from '../../can.ts';

export const SECTIONS = { office: 'updateSettings', departments: 'saveDepartment', categories: 'saveCategory', users: 'saveUser', templates: 'saveReplyTemplate', mail: 'updateMailSettings', connection: 'saveConnection' } as const satisfies Record<string, ChannelName>;
export type Section = keyof typeof SECTIONS;

export function settingsSections(user: SessionUser): (Section | 'demo')[] {
  const sections: (Section | 'demo')[] = (Object.keys(SECTIONS) as Section[]).filter((name) => can(user, SECTIONS[name]));
  // Demo data for a trial: whoever may start that job (main refuses it once the office has cases).
  return user.allowedJobs.includes('demo') ? [...sections, 'demo'] : sections;
}

// Which settings sections a user sees: each is shown to whoever may save it (today: the administrator the structure, the
// office its reply templates). Kept apart from SettingsView so the header can ask without loading the settings screen.
import type { ChannelName } from '../../../../main/api/channels.ts';
import type { SessionUser } from '../../../../main/api/types.ts';
import { can } from '../../can.ts';

export const SECTIONS = { office: 'updateSettings', departments: 'saveDepartment', categories: 'saveCategory', users: 'saveUser', templates: 'saveReplyTemplate' } as const satisfies Record<string, ChannelName>;
export type Section = keyof typeof SECTIONS;

export function settingsSections(user: SessionUser): Section[] {
  return (Object.keys(SECTIONS) as Section[]).filter((name) => can(user, SECTIONS[name]));
}

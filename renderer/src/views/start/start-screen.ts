// Which start screen a user lands on after sign-in, from what main's permission table lets their role call.
import type { SessionUser } from '../../../../main/api/types.ts';
import { can } from '../../can.ts';

export type StartScreen = 'department' | 'office' | 'executive';

export function startScreenOf(user: SessionUser): StartScreen | null {
  if (can(user, 'departmentHome')) return 'department';
  if (can(user, 'officeToday')) return 'office';
  if (can(user, 'executiveOverview')) return 'executive';
  return null;
}

/** The navigation label of that start screen (an i18n key). */
export function startLabelKey(screen: StartScreen): string {
  return screen === 'department' ? 'header.home' : `start.nav.${screen}`;
}

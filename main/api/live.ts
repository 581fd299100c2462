// Carries the engine's case changes (other seats' writes, on PostgreSQL) to the signed-in windows as casesChanged,
// each user's share of them: a department head hears of their departments' cases only, and of nothing when none of
// them changed. `all` (the engine could not name the cases) goes to everyone: it names no case.
import type { Engine } from '../db/engine.ts';
import type { ServiceContext } from '../services/context.ts';
import { visibleCaseIds } from '../services/live.ts';
import { sessionUser } from '../services/users.ts';
import type { EventHub } from './events.ts';

export function relayCaseChanges(engine: Engine, services: ServiceContext, sessions: ReadonlyMap<string, number>, events: EventHub): () => void {
  return engine.watchCases((change) => {
    const users = new Set(sessions.values());
    for (const userId of users) {
      void (async () => {
        if (change.all) return events.toUser(userId, 'casesChanged', { all: true, caseIds: [] });
        const user = await sessionUser(services.read, userId);
        if (!user) return;
        const caseIds = await visibleCaseIds(services.read, user, change.caseIds);
        if (caseIds.length > 0) events.toUser(userId, 'casesChanged', { all: false, caseIds });
      })().catch((error: unknown) => console.error('ombudsdesk: could not pass on a case change', error));
    }
  });
}

// The kiosk window's whole API: cast a vote, read the current quarter's result, and a staff login to leave. Nothing
// else answers a kiosk caller, and only kiosk callers get these (dispatch checks the caller; see api/kiosk.ts).
import { z } from 'zod';
import { castKioskVote, currentQuarterResult } from '../../services/barometer.ts';
import { fail } from '../../services/errors.ts';
import { readKioskConfig } from '../../services/kiosk-config.ts';
import { signIn } from '../../services/users.ts';
import { BAROMETER_RATINGS } from '../../vocabulary/barometer.ts';
import { channel, none, OFFICE, out, requiredText } from '../define.ts';
import type { BarometerQuarter, KioskVoteResult } from '../types.ts';

export const kioskChannels = {
  castVote: channel({
    access: 'public',
    input: z.strictObject({ rating: z.enum(BAROMETER_RATINGS) }),
    output: out<KioskVoteResult>(),
    handler: ({ app }, input) => {
      // The kiosk's id and place are this computer's (its data folder), never the window's word.
      const { kioskId, place } = readKioskConfig(app.dataDir);
      return castKioskVote(app.services, { kioskId, place, rating: input.rating });
    },
  }),
  currentResult: channel({
    access: 'public',
    input: none,
    output: out<BarometerQuarter>(),
    handler: ({ app }) => currentQuarterResult(app.services),
  }),
  // A staff member of the office (administrator, ombudsman, deputy) ends kiosk mode with their user name and password
  // (throttled like the sign-in); the kiosk window is not signed in by it.
  leaveKiosk: channel({
    access: 'public',
    input: z.strictObject({ username: requiredText(100), password: z.string().min(1).max(200) }),
    output: out<{ navigate: string | null }>(),
    handler: async ({ app, callerId }, input) => {
      const user = await signIn(app.services, input.username, input.password);
      if (!OFFICE.includes(user.role)) fail('forbidden');
      return { navigate: app.kiosk.onLeave(callerId) };
    },
  }),
};

import type { OmbudsdeskApi } from '../../main/api/contract.ts';
import type { OmbudsdeskEvents } from '../../main/api/events.ts';

declare global {
  interface Window {
    /** The only way to main: the preload's bridge (in tests, the loopback transport). */
    ombudsdesk: OmbudsdeskApi;
    /** Events from main (job progress): the preload's listener bridge (in tests, the transport's event stream). */
    ombudsdeskEvents: OmbudsdeskEvents;
  }
}

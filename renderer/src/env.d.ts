import type { OmbudsdeskApi } from '../../main/api/contract.ts';

declare global {
  interface Window {
    /** The only way to main: the preload's bridge (in tests, the loopback transport). */
    ombudsdesk: OmbudsdeskApi;
  }
}

// IPC names only: the preload bundles this file, so it must stay plain data with no imports (types aside).
export const IPC_PREFIX = 'ombudsdesk:';

/** Asked once by the preload, synchronously: the channel names it forwards (the areas declare them; main sends them). */
export const IPC_CHANNEL_LIST = 'ombudsdesk-channels';

/** Events main sends to a window (one-way), carried on one IPC channel as (name, payload). */
export const IPC_EVENT = 'ombudsdesk-event';

export const eventNames = ['jobProgress', 'casesChanged'] as const;

export type EventName = (typeof eventNames)[number];

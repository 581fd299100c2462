// The accessibility indicators (issue 13, point 4): the keys a peer CSV uses and the figures they compare with.
export const PEER_INDICATORS = [
  'response_within_1_day',
  'response_within_2_days',
  'median_days_first_response',
  'median_days_decision',
  'acknowledgement_met',
  'response_met',
  'phone_reached',
  'phone_answered_directly',
] as const;
export type PeerIndicator = (typeof PEER_INDICATORS)[number];

/** Indicators given in percent (0-100); the others are working days (>= 0). */
export const PERCENT_INDICATORS: ReadonlySet<PeerIndicator> = new Set([
  'response_within_1_day',
  'response_within_2_days',
  'acknowledgement_met',
  'response_met',
  'phone_reached',
  'phone_answered_directly',
]);

// Demo data of a trial installation: the demo staff's user names and their first password (they must change it).
export const DEMO_STAFF_PASSWORD = 'demo-password-2026';
export const DEMO_STAFF = ['ombudsman', 'deputy', 'executive', 'head.tiefbau', 'head.buergerbuero'] as const;

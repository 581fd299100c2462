// Improvements: their statuses and how a case is linked to one.

export const IMPROVEMENT_STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'declined'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Not done or declined yet: a case can still be linked to it as its cause or idea. */
export const OPEN_IMPROVEMENT_STATUSES = ['proposed', 'planned', 'in_progress'] as const satisfies readonly ImprovementStatus[];

/** How a case is linked: the idea behind the improvement, a complaint that is a root cause, or related feedback. */
export const LINK_RELATIONS = ['idea', 'root_cause', 'related'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

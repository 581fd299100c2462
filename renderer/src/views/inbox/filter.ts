import type { ChannelInput } from '../../../../main/api/contract.ts';

export type CaseListInput = Exclude<ChannelInput<'listCases'>, undefined>;
export type CaseFilter = NonNullable<CaseListInput['filter']>;
export type CaseSort = NonNullable<CaseListInput['sort']>;

/** Lists of values the filters offer, typed against the contract so a renamed value fails to compile. */
export const STATUSES = ['new', 'open', 'forwarded', 'on_hold', 'answered', 'closed', 'withdrawn', 'merged'] as const satisfies readonly NonNullable<CaseFilter['statuses']>[number][];
export const KINDS = ['complaint', 'idea', 'praise', 'question'] as const satisfies readonly NonNullable<CaseFilter['kinds']>[number][];
export const CHANNELS = ['web', 'email', 'phone', 'walk_in', 'letter'] as const satisfies readonly NonNullable<CaseFilter['channels']>[number][];
export const ORIGINS = ['external', 'internal'] as const satisfies readonly NonNullable<CaseFilter['origins']>[number][];

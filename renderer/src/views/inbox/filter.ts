import type { ChannelInput } from '../../../../main/api/contract.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS, CASE_STATUSES } from '../../../../main/vocabulary/cases.ts';

export type CaseListInput = Exclude<ChannelInput<'listCases'>, undefined>;
export type CaseFilter = NonNullable<CaseListInput['filter']>;
export type CaseSort = NonNullable<CaseListInput['sort']>;

/** The values the filters offer: the shared vocabulary's lists. */
export { CASE_CHANNELS as CHANNELS, CASE_KINDS as KINDS, CASE_ORIGINS as ORIGINS, CASE_STATUSES as STATUSES };

// Calls main through window.ombudsdesk and turns an error result into a thrown, translatable ApiFailure.
import type { ChannelName } from '../../main/api/channels.ts';
import type { ChannelInput, ChannelOutput } from '../../main/api/contract.ts';
import type { ApiError, ApiResult } from '../../main/api/types.ts';

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.code);
    this.name = 'ApiFailure';
    this.error = error;
  }
}

export async function call<K extends ChannelName>(channel: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const fn = window.ombudsdesk[channel] as (input?: unknown) => Promise<ApiResult<ChannelOutput<K>>>;
  let result: ApiResult<ChannelOutput<K>>;
  try {
    result = await fn(input);
  } catch {
    throw new ApiFailure({ code: 'internal' });
  }
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

/** The error code of anything a call threw, for t(`errors.${code}`). */
export function errorCode(error: unknown): ApiError['code'] {
  return error instanceof ApiFailure ? error.error.code : 'internal';
}

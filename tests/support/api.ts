// Calling the real dispatcher in integration tests: the value of a call that must succeed, or an error naming the code.
import type { Dispatch } from '../../main/api/dispatch.ts';

export async function valueOf<T>(dispatch: Dispatch, session: string, channel: string, payload?: unknown): Promise<T> {
  const result = await dispatch(session, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.details ?? {})}`);
  return result.value as T;
}

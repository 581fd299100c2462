// Calls main through window.ombudsdesk and turns an error result into a thrown, translatable ApiFailure.
import type { ChannelName } from '../../main/api/contract.ts';
import type { ChannelInput, ChannelOutput } from '../../main/api/contract.ts';
import type { ApiError, ApiResult, ErrorCode } from '../../main/api/types.ts';

/** A refused or failed call, or a check of the renderer's own in the same terms: shown as t(`errors.${code}`). */
export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.code);
    this.name = 'ApiFailure';
    this.error = error;
  }
  get code(): ErrorCode {
    return this.error.code;
  }
  /** The input field main (or the form) refused, if it names one. */
  get field(): string | undefined {
    const field = this.error.details?.field;
    return typeof field === 'string' ? field : undefined;
  }
}

/** A failure of the renderer's own, in main's vocabulary (details.field puts it at that field, details.reason picks errors.<code>_<reason>). */
export function failure(code: ErrorCode, details?: Record<string, unknown>): ApiFailure {
  return new ApiFailure(details ? { code, details } : { code });
}

/** Anything thrown, as an ApiFailure (what is not one is an internal error: never shown as a stack trace). */
export function toFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure({ code: 'internal' });
}

/** Whether an error is a failure with this code. */
export function isFailure(error: unknown, code: ErrorCode): error is ApiFailure {
  return error instanceof ApiFailure && error.code === code;
}

// Main answers one call at a time, so a call sent first is answered first. What a screen shows first (the inbox's
// rows, the start screen's figures) goes at once; what can wait (the bell's badge, which also sweeps deadlines in main)
// goes as a background call, only once no other call has been under way for BACKGROUND_IDLE_MS. Measured with
// bench/renderer.ts: the inbox opened right after a reload waited behind the bell's sweep.
const BACKGROUND_IDLE_MS = 250;
let inFlight = 0;
let lastSettled = 0;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** call() once the page's other calls have settled (see above); what it answers is the same. */
export async function callInBackground<K extends ChannelName>(channel: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
  await pause(0); // calls sent in the same render go first
  for (;;) {
    const quiet = performance.now() - lastSettled;
    if (inFlight === 0 && quiet >= BACKGROUND_IDLE_MS) break;
    await pause(inFlight > 0 ? 50 : BACKGROUND_IDLE_MS - quiet);
  }
  return call(channel, input);
}

export async function call<K extends ChannelName>(channel: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
  inFlight++;
  try {
    return await send(channel, input);
  } finally {
    inFlight--;
    lastSettled = performance.now();
  }
}

async function send<K extends ChannelName>(channel: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
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
export function errorCode(error: unknown): ErrorCode {
  return toFailure(error).code;
}

// Services fail with a stable code the UI can translate; the dispatcher turns it into an API error.
import type { ErrorCode } from '../api/types.ts';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function fail(code: ErrorCode, details?: Record<string, unknown>): never {
  throw new DomainError(code, details);
}

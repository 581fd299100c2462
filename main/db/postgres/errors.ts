// PostgreSQL's errors as the API's codes, like sqlite/errors.ts: an integrity constraint violation (class 23: unique
// 23505, foreign key 23503, check 23514, not null 23502, and the append-only triggers' 23000) is a conflict;
// serialization failures, deadlocks and lock timeouts (40001, 40P01, 55P03) are "busy".
import type { MappedDbError } from '../engine.ts';

const BUSY = new Set(['40001', '40P01', '55P03']);

export function mapPostgresError(error: unknown): MappedDbError | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('severity' in error)) return null;
  const code = String((error as { code: unknown }).code);
  if (code.startsWith('23')) {
    const constraint = (error as { constraint?: string }).constraint;
    return { code: 'conflict', details: { constraint: constraint ?? code } };
  }
  if (BUSY.has(code)) return { code: 'busy', details: { reason: code } };
  return null;
}

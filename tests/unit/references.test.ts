import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../main/domain/references.ts';

describe('case references', () => {
  it('formats per year with five digits and more when needed', () => {
    expect(formatReference(2026, 42)).toBe('2026-00042');
    expect(formatReference(2026, 123456)).toBe('2026-123456');
  });
  it('round-trips and rejects garbage', () => {
    expect(parseReference(' 2026-00042 ')).toEqual({ year: 2026, number: 42 });
    expect(parseReference('2026-42')).toBeNull();
    expect(parseReference('x2026-00042')).toBeNull();
    expect(() => formatReference(2026, 0)).toThrow(RangeError);
    expect(() => formatReference(26, 1)).toThrow(RangeError);
  });
});

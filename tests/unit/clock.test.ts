import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../main/services/clock.ts';

describe('localDate', () => {
  it('writes the local calendar date as date-fns did, around midnight, DST changes and year ends', () => {
    const moments = ['2026-03-29T00:30:00', '2026-03-29T03:30:00', '2026-10-25T02:30:00', '2026-12-31T23:59:59', '2027-01-01T00:00:00', '2028-02-29T12:00:00', '0999-05-06T10:00:00'];
    for (const moment of moments) expect(localDate(new Date(moment))).toBe(format(new Date(moment), 'yyyy-MM-dd'));
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 7) expect(localDate(new Date(t))).toBe(format(new Date(t), 'yyyy-MM-dd'));
    expect(() => localDate(new Date('not a date'))).toThrow(RangeError);
  });
});

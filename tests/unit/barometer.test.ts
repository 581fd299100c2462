// The barometer's formulas against examples computed by hand (the working is in each comment).
import { describe, expect, it } from 'vitest';
import {
  barometerFigures,
  barometerIndex,
  countedPresses,
  isReliable,
  marginOfError,
  pressCounts,
  quarterDates,
  quarterOfDate,
  quartersBetween,
  scoreStandardDeviation,
  shiftQuarter,
} from '../../main/domain/barometer.ts';
import { localDate } from '../../main/services/clock.ts';

describe('the barometer index and its margin of error', () => {
  it('3 good and 1 okay: index 87.5, s 25, margin 24.5', () => {
    // Scores 100, 100, 100, 50: mean 350 / 4 = 87.5; squared deviations 3 x 12.5² + 37.5² = 468.75 + 1406.25 = 1875;
    // s² = 1875 / 3 = 625, s = 25; margin = 1.96 x 25 / √4 = 24.5.
    const counts = { good: 3, okay: 1, could_be_better: 0 };
    expect(barometerIndex(counts)).toBe(87.5);
    expect(scoreStandardDeviation(counts)).toBe(25);
    expect(marginOfError(counts)).toBeCloseTo(24.5, 10);
  });

  it('one of each: index 50, s 50, margin 1.96 x 50 / √3 = 56.58', () => {
    // Deviations 50, 0, -50: 5000 / 2 = 2500, s = 50; 98 / 1.7320508 = 56.5803.
    const counts = { good: 1, okay: 1, could_be_better: 1 };
    expect(barometerIndex(counts)).toBe(50);
    expect(scoreStandardDeviation(counts)).toBe(50);
    expect(marginOfError(counts)).toBeCloseTo(56.5803, 4);
  });

  it('20 good, 10 okay, 10 could be better: index 62.5, margin 13.0116', () => {
    // Mean (2000 + 500 + 0) / 40 = 62.5; squares 20 x 37.5² + 10 x 12.5² + 10 x 62.5² = 28125 + 1562.5 + 39062.5 = 68750;
    // s² = 68750 / 39 = 1762.8205, s = 41.98596; margin = 1.96 x 41.98596 / 6.324555 = 13.0116.
    const figures = barometerFigures({ good: 20, okay: 10, could_be_better: 10 }, 30);
    expect(figures.n).toBe(40);
    expect(figures.index).toBe(62.5);
    expect(figures.margin).toBeCloseTo(13.0116, 4);
    expect(figures.shares).toEqual({ good: 0.5, okay: 0.25, could_be_better: 0.25 });
    expect(figures.reliable).toBe(true);
  });

  it('all votes alike have no spread; one vote has no margin; no votes have no index', () => {
    expect(marginOfError({ good: 0, okay: 12, could_be_better: 0 })).toBe(0);
    expect(barometerIndex({ good: 0, okay: 12, could_be_better: 0 })).toBe(50);
    expect(marginOfError({ good: 0, okay: 0, could_be_better: 1 })).toBeNull();
    expect(barometerIndex({ good: 0, okay: 0, could_be_better: 1 })).toBe(0);
    const none = barometerFigures({ good: 0, okay: 0, could_be_better: 0 }, 30);
    expect(none).toMatchObject({ n: 0, index: null, margin: null, reliable: false, shares: { good: null, okay: null, could_be_better: null } });
  });

  it('marks a quarter below the minimum n as not reliable, from the minimum on as reliable', () => {
    expect(isReliable(29, 30)).toBe(false);
    expect(isReliable(30, 30)).toBe(true);
    expect(barometerFigures({ good: 29, okay: 0, could_be_better: 0 }, 30).reliable).toBe(false);
    expect(barometerFigures({ good: 5, okay: 0, could_be_better: 0 }, 5).reliable).toBe(true);
  });
});

describe('quarters', () => {
  it('keys the office calendar date', () => {
    expect(quarterOfDate('2026-01-01')).toBe('2026-Q1');
    expect(quarterOfDate('2026-03-31')).toBe('2026-Q1');
    expect(quarterOfDate('2026-04-01')).toBe('2026-Q2');
    expect(quarterOfDate('2026-09-30')).toBe('2026-Q3');
    expect(quarterOfDate('2026-12-31')).toBe('2026-Q4');
    expect(() => quarterOfDate('2026-13-01')).toThrow(RangeError);
  });

  it('takes the quarter of the local date, not of UTC: a vote late on 31 March local time is in Q1', () => {
    expect(quarterOfDate(localDate(new Date(2026, 2, 31, 23, 30)))).toBe('2026-Q1');
    expect(quarterOfDate(localDate(new Date(2026, 3, 1, 0, 15)))).toBe('2026-Q2');
  });

  it('steps and spans quarters across years', () => {
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q2', -7)).toBe('2024-Q3');
    expect(quartersBetween('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersBetween('2026-Q2', '2026-Q1')).toEqual([]);
    expect(quarterDates('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterDates('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});

describe('the kiosk press rule', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 4, 4, 10, 0, 0) + seconds * 1000);

  it('counts a press 5 s or more after the previous counted press, and not one sooner', () => {
    expect(pressCounts(null, at(0), 5000)).toBe(true);
    expect(pressCounts(at(0), at(4.999), 5000)).toBe(false);
    expect(pressCounts(at(0), at(5), 5000)).toBe(true);
    // The clock was set back: the press counts rather than being lost.
    expect(pressCounts(at(10), at(3), 5000)).toBe(true);
  });

  it('measures from the last counted press: presses that did not count do not extend the interval', () => {
    // 0 counts; 2 and 4.9 are within 5 s of 0; 5 is 5 s after 0 (counts); 6 within 5 s of 5; 10.5 is 5.5 s after 5.
    expect(countedPresses([at(0), at(2), at(4.9), at(5), at(6), at(10.5)], 5000)).toEqual([true, false, false, true, false, true]);
    expect(countedPresses([at(0), at(1), at(2)], 0)).toEqual([true, true, true]);
  });
});

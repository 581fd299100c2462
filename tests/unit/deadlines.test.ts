import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, shiftDate } from '../../main/domain/calendar.ts';
import {
  DEFAULT_DEADLINE_RULES,
  MAX_EXTENSION_WORKING_DAYS,
  addWorkingDays,
  checkExtension,
  computeCaseDeadlines,
  validateDeadlineRules,
  workingDaysBetween,
  type CaseDeadlineInput,
} from '../../main/domain/deadlines.ts';

const nw = createWorkingCalendar({ region: 'DE-NW' });
const se = createWorkingCalendar({ region: 'SE' });
const dk = createWorkingCalendar({ region: 'DK' });
const cz = createWorkingCalendar({ region: 'CZ' });

describe('addWorkingDays and workingDaysBetween', () => {
  it('counts across Christmas in DE-NW: 24 and 31 Dec are working days, 25/26 Dec and 1 Jan are not', () => {
    // Received Fri 2026-12-18. Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), [Fri 25 holiday, weekend],
    // Mon 28 (5), Tue 29 (6), Wed 30 (7), Thu 31 (8), [Fri 1 Jan holiday, weekend], Mon 4 Jan (9), Tue 5 Jan (10).
    expect(addWorkingDays(nw, '2026-12-18', 10)).toBe('2027-01-05');
    expect(workingDaysBetween(nw, '2026-12-18', '2027-01-05')).toBe(10);
  });

  it('counts across Christmas in SE, and skips the eves once the office closes on them', () => {
    // Same as DE-NW: Julafton and Nyårsafton are working days, Trettondedag jul (Wed 6 Jan) comes after day 10.
    expect(addWorkingDays(se, '2026-12-18', 10)).toBe('2027-01-05');
    const closed = createWorkingCalendar({ region: 'SE', closedDays: ['2026-12-24', '2026-12-31'] });
    // Mon 21 (1), Tue 22 (2), Wed 23 (3), [Thu 24 closed], Mon 28 (4), Tue 29 (5), Wed 30 (6), [Thu 31 closed, Fri 1 Jan],
    // Mon 4 (7), Tue 5 (8), [Wed 6 Epiphany], Thu 7 (9), Fri 8 (10).
    expect(addWorkingDays(closed, '2026-12-18', 10)).toBe('2027-01-08');
  });

  it('counts across Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr; DK also Maundy Thursday 2 Apr)', () => {
    // Received Mon 2026-03-30. Tue 31 (1), Wed 1 (2), Thu 2 (3), [Fri 3, weekend, Mon 6], Tue 7 (4), Wed 8 (5),
    // Thu 9 (6), Fri 10 (7), Mon 13 (8), Tue 14 (9), Wed 15 (10).
    expect(addWorkingDays(nw, '2026-03-30', 10)).toBe('2026-04-15');
    expect(addWorkingDays(se, '2026-03-30', 10)).toBe('2026-04-15');
    expect(addWorkingDays(cz, '2026-03-30', 10)).toBe('2026-04-15');
    // DK: Tue 31 (1), Wed 1 (2), [Thu 2 .. Mon 6], Tue 7 (3), Wed 8 (4), Thu 9 (5), Fri 10 (6), Mon 13 (7),
    // Tue 14 (8), Wed 15 (9), Thu 16 (10).
    expect(addWorkingDays(dk, '2026-03-30', 10)).toBe('2026-04-16');
    // Acknowledge 5 from Wed 2026-04-01 in DK: [Thu 2 .. Mon 6], Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5).
    expect(addWorkingDays(dk, '2026-04-01', 5)).toBe('2026-04-13');
    // Elsewhere Thu 2 counts: Thu 2 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
    expect(addWorkingDays(se, '2026-04-01', 5)).toBe('2026-04-10');
    expect(workingDaysBetween(dk, '2026-04-01', '2026-04-13')).toBe(5);
    expect(workingDaysBetween(cz, '2026-04-01', '2026-04-13')).toBe(6);
  });

  it('with n = 0 returns the start if it is a working day, else the next working day', () => {
    expect(addWorkingDays(nw, '2026-03-10', 0)).toBe('2026-03-10');
    // Fri 25 Dec holiday, weekend -> Mon 28 Dec.
    expect(addWorkingDays(nw, '2026-12-25', 0)).toBe('2026-12-28');
    // From a Saturday, one working day is Monday.
    expect(addWorkingDays(nw, '2026-03-07', 1)).toBe('2026-03-09');
  });

  it('counts nothing when to is not after from', () => {
    expect(workingDaysBetween(nw, '2026-03-10', '2026-03-10')).toBe(0);
    expect(workingDaysBetween(nw, '2026-03-10', '2026-03-02')).toBe(0);
    // Fri -> Mon is one working day: the Monday.
    expect(workingDaysBetween(nw, '2026-03-06', '2026-03-09')).toBe(1);
  });

  it('refuses negative, fractional or non-numeric day counts and malformed dates', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays(nw, '2026-03-02', n), String(n)).toThrow(RangeError);
    }
    expect(() => addWorkingDays(nw, '2026-02-30', 1)).toThrow(RangeError);
    expect(() => workingDaysBetween(nw, '2026-03-02', 'tomorrow')).toThrow(RangeError);
  });
});

// A stage-1 complaint received Mon 2026-03-02 in DE-NW. Without pauses: respond 10 -> Tue 3 .. Fri 6 (4),
// Mon 9 .. Fri 13 (9), Mon 16 (10) = 2026-03-16; acknowledge 5 -> Mon 9 Mar.
const base: CaseDeadlineInput = {
  stageStart: '2026-03-02',
  rule: DEFAULT_DEADLINE_RULES.complaint.stage1,
  extensionDays: 0,
  pauses: [],
  today: '2026-03-04',
};

describe('computeCaseDeadlines', () => {
  it('gives the plain due dates and the clock used so far', () => {
    expect(computeCaseDeadlines(nw, base)).toEqual({
      acknowledgeDue: '2026-03-09',
      responseDue: '2026-03-16',
      pausedWorkingDays: 0,
      grossWorkingDays: 2, // Tue 3, Wed 4
      netWorkingDays: 2,
      workingDaysLeft: 8, // Thu 5, Fri 6, Mon 9 .. Fri 13, Mon 16
      overdue: false,
    });
  });

  it('moves the due date by the paused working days (hold Monday, resume Wednesday = 2 days)', () => {
    // On hold Mon 9 Mar, resumed Wed 11 Mar: Tue 10 and Wed 11 are paused, so respond 10 + 2 = 12 -> Wed 18 Mar.
    const d = computeCaseDeadlines(nw, { ...base, pauses: [{ from: '2026-03-09', to: '2026-03-11' }], today: '2026-03-12' });
    expect(d.pausedWorkingDays).toBe(2);
    expect(d.responseDue).toBe('2026-03-18');
    // The hold started on the acknowledgement day itself, so acknowledgement stays Mon 9 Mar.
    expect(d.acknowledgeDue).toBe('2026-03-09');
    // Gross: Tue 3 .. Fri 6, Mon 9 .. Thu 12 = 8; net = 8 - 2 = 6.
    expect(d.grossWorkingDays).toBe(8);
    expect(d.netWorkingDays).toBe(6);
    // Left: Fri 13, Mon 16, Tue 17, Wed 18.
    expect(d.workingDaysLeft).toBe(4);
  });

  it('moves the acknowledgement too when the hold lies before it', () => {
    // On hold Tue 3, resumed Thu 5: Wed 4 and Thu 5 paused. Acknowledge: Tue 3 (1), Fri 6 (2), Mon 9 (3), Tue 10 (4), Wed 11 (5).
    const d = computeCaseDeadlines(nw, { ...base, pauses: [{ from: '2026-03-03', to: '2026-03-05' }], today: '2026-03-06' });
    expect(d.acknowledgeDue).toBe('2026-03-11');
    expect(d.responseDue).toBe('2026-03-18');
  });

  it('does not count overlapping holds twice', () => {
    // (9, 11] and (10, 13] merge to (9, 13]: Tue 10 .. Fri 13 = 4 days, not 2 + 3.
    const pauses = [
      { from: '2026-03-10', to: '2026-03-13' },
      { from: '2026-03-09', to: '2026-03-11' },
      { from: '2026-03-11', to: '2026-03-12' }, // wholly inside
    ];
    const d = computeCaseDeadlines(nw, { ...base, pauses, today: '2026-03-16' });
    expect(d.pausedWorkingDays).toBe(4);
    // 10 + 4 = 14: Tue 3 .. Fri 6 (4), Mon 9 .. Fri 13 (9), Mon 16 .. Fri 20 (14).
    expect(d.responseDue).toBe('2026-03-20');
  });

  it('counts an open hold until today', () => {
    // On hold since Mon 9, today Fri 13: Tue 10 .. Fri 13 = 4 paused; due 10 + 4 = 14 -> Fri 20 Mar.
    const d = computeCaseDeadlines(nw, { ...base, pauses: [{ from: '2026-03-09', to: null }], today: '2026-03-13' });
    expect(d.pausedWorkingDays).toBe(4);
    expect(d.responseDue).toBe('2026-03-20');
    expect(d.grossWorkingDays).toBe(9); // Tue 3 .. Fri 6, Mon 9 .. Fri 13
    expect(d.netWorkingDays).toBe(5);
    expect(d.workingDaysLeft).toBe(5); // Mon 16 .. Fri 20
    expect(d.overdue).toBe(false);
  });

  it('counts no paused day that has not happened yet or lies before the stage started', () => {
    const d = computeCaseDeadlines(nw, {
      ...base,
      pauses: [
        { from: '2026-02-20', to: '2026-03-03' }, // only Tue 3 Mar is inside the stage
        { from: '2026-03-04', to: '2026-03-20' }, // resume planned, but today is Thu 5: only Thu 5 so far
      ],
      today: '2026-03-05',
    });
    expect(d.pausedWorkingDays).toBe(2);
  });

  it('adds extensions to the response due date', () => {
    // 10 + 5 = 15: ... Mon 16 (10), Tue 17 .. Fri 20 (14), Mon 23 (15).
    expect(computeCaseDeadlines(nw, { ...base, extensionDays: 5 }).responseDue).toBe('2026-03-23');
  });

  it('is overdue with negative days left once today passes the due date', () => {
    // Due Mon 16; today Thu 19: Tue 17, Wed 18, Thu 19 past due.
    const d = computeCaseDeadlines(nw, { ...base, today: '2026-03-19' });
    expect(d.overdue).toBe(true);
    expect(d.workingDaysLeft).toBe(-3);
    expect(computeCaseDeadlines(nw, { ...base, today: '2026-03-16' })).toMatchObject({ overdue: false, workingDaysLeft: 0 });
  });

  it('stops the clock when the case is answered', () => {
    const d = computeCaseDeadlines(nw, { ...base, today: '2026-03-25', answeredOn: '2026-03-13' });
    expect(d.overdue).toBe(false);
    expect(d.grossWorkingDays).toBe(9); // Tue 3 .. Fri 13, not up to today
    expect(d.netWorkingDays).toBe(9);
    // An open hold ends with the answer too: (9, 11] = Tue 10, Wed 11.
    const held = computeCaseDeadlines(nw, {
      ...base,
      pauses: [{ from: '2026-03-09', to: null }],
      today: '2026-03-25',
      answeredOn: '2026-03-11',
    });
    expect(held.pausedWorkingDays).toBe(2);
    expect(held.netWorkingDays).toBe(5); // gross Tue 3 .. Wed 11 = 7, minus 2
  });

  it('counts a stage-2 clock from the escalation date with 20 working days', () => {
    // Escalated Mon 2026-03-30 in DE-NW: 10 working days end Wed 15 Apr (see Easter above), then Thu 16 .. Wed 29 Apr = 20.
    const d = computeCaseDeadlines(nw, {
      ...base,
      stageStart: '2026-03-30',
      rule: DEFAULT_DEADLINE_RULES.complaint.stage2,
      today: '2026-03-30',
    });
    expect(d.responseDue).toBe('2026-04-29');
    expect(d.grossWorkingDays).toBe(0);
  });

  it('refuses malformed input', () => {
    expect(() => computeCaseDeadlines(nw, { ...base, extensionDays: -1 })).toThrow(RangeError);
    expect(() => computeCaseDeadlines(nw, { ...base, today: '2026-13-01' })).toThrow(RangeError);
    expect(() => computeCaseDeadlines(nw, { ...base, pauses: [{ from: '2026-03-10', to: '2026-03-09' }] })).toThrow(
      RangeError,
    );
  });
});

describe('checkExtension', () => {
  it('accepts a positive whole number of days with a reason, within the cap', () => {
    expect(checkExtension(0, 5, 'awaiting the building department')).toEqual({ ok: true });
    expect(checkExtension(15, 5, 'site visit')).toEqual({ ok: true });
  });

  it('needs a reason', () => {
    expect(checkExtension(0, 5, '   ')).toEqual({ ok: false, code: 'extension_reason_required' });
    expect(checkExtension(0, 5, ' ab ')).toEqual({ ok: false, code: 'extension_reason_required' });
  });

  it('refuses zero, negative or fractional days', () => {
    for (const n of [0, -2, 1.5, Number.NaN]) {
      expect(checkExtension(0, n, 'reason given'), String(n)).toEqual({ ok: false, code: 'extension_invalid' });
    }
  });

  it('caps all extensions of a stage together', () => {
    expect(MAX_EXTENSION_WORKING_DAYS).toBe(20);
    expect(checkExtension(15, 6, 'reason given')).toEqual({ ok: false, code: 'extension_cap_exceeded' });
    expect(checkExtension(0, 21, 'reason given')).toEqual({ ok: false, code: 'extension_cap_exceeded' });
  });
});

describe('deadline rules', () => {
  it('defaults to acknowledge 5, respond 10 at stage 1 and 20 at stage 2 for every kind', () => {
    for (const kind of ['complaint', 'idea', 'praise', 'question'] as const) {
      expect(DEFAULT_DEADLINE_RULES[kind]).toEqual({
        stage1: { acknowledgeDays: 5, respondDays: 10 },
        stage2: { acknowledgeDays: 5, respondDays: 20 },
      });
    }
    expect(validateDeadlineRules(DEFAULT_DEADLINE_RULES)).toEqual([]);
  });

  it('reports every problem an administrator could enter', () => {
    const rules = structuredClone(DEFAULT_DEADLINE_RULES);
    rules.complaint.stage1 = { acknowledgeDays: 2.5, respondDays: 10 };
    rules.idea.stage2 = { acknowledgeDays: -1, respondDays: 20 };
    rules.praise.stage1 = { acknowledgeDays: 10, respondDays: 5 };
    rules.question.stage2 = { acknowledgeDays: 5, respondDays: 251 };
    const problems = validateDeadlineRules(rules);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/complaint\.stage1\.acknowledgeDays/);
    expect(problems.join('\n')).toMatch(/idea\.stage2\.acknowledgeDays/);
    expect(problems.join('\n')).toMatch(/praise\.stage1: respondDays/);
    expect(problems.join('\n')).toMatch(/question\.stage2\.respondDays/);
    expect(validateDeadlineRules({})).toHaveLength(4);
    expect(validateDeadlineRules(null)).toHaveLength(4);
  });
});

describe('workingDaysBetween by ordinals', () => {
  it('agrees with counting day by day, across years and regions, before and after the ordinal origin', () => {
    for (const region of ['DE-NW', 'SE', 'DK', 'CZ']) {
      const cal = createWorkingCalendar({ region, closedDays: ['2026-12-24', '1999-12-31'] });
      const dates = ['1998-06-15', '1999-12-30', '2000-01-01', '2000-02-29', '2024-12-20', '2025-04-17', '2026-01-01', '2026-12-23', '2026-12-31', '2027-03-26', '2028-02-29'];
      for (const from of dates) {
        for (const to of dates) {
          let naive = 0;
          for (let day = shiftDate(from, 1); day <= to; day = shiftDate(day, 1)) if (cal.isWorkingDay(day)) naive++;
          expect(workingDaysBetween(cal, from, to), `${region} ${from}..${to}`).toBe(naive);
        }
      }
    }
  });
});

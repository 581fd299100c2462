import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../main/domain/calendar.ts';
import { deadlineRule, isNearDue, lookedSince, nearDueBefore, transitionRecipients, workingDaysLeft } from '../../main/domain/notifications.ts';

const nw = createWorkingCalendar({ region: 'DE-NW' });

describe('who is told about a workflow event', () => {
  const facts = { actorId: 1, handlerId: null, officeUserIds: [1, 2, 3], departmentHeadIds: [7, 8] };

  it('a forward tells the heads of the department, never the sender', () => {
    expect(transitionRecipients({ ...facts, action: 'forward' })).toEqual({ type: 'case_forwarded', userIds: [7, 8] });
    expect(transitionRecipients({ ...facts, action: 'forward', actorId: 8 })).toEqual({ type: 'case_forwarded', userIds: [7] });
  });

  it('a returned statement tells the handler, or the whole office when there is none', () => {
    expect(transitionRecipients({ ...facts, action: 'return_from_department', actorId: 7, handlerId: 2 })).toEqual({ type: 'statement_returned', userIds: [2] });
    expect(transitionRecipients({ ...facts, action: 'return_from_department', actorId: 7 })).toEqual({ type: 'statement_returned', userIds: [1, 2, 3] });
    // The office returning it on the department's behalf tells the rest of the office, not itself.
    expect(transitionRecipients({ ...facts, action: 'return_from_department', actorId: 1 })).toEqual({ type: 'statement_returned', userIds: [2, 3] });
    expect(transitionRecipients({ ...facts, action: 'return_from_department', actorId: 2, handlerId: 2 })).toEqual({ type: 'statement_returned', userIds: [] });
  });

  it('other actions tell nobody', () => {
    for (const action of ['triage', 'hold', 'resume', 'answer', 'close', 'escalate', 'withdraw', 'merge'] as const) {
      expect(transitionRecipients({ ...facts, action })).toBeNull();
    }
  });
});

describe('near due, in working days', () => {
  it('is at most two working days left, overdue included; weekends and holidays do not count', () => {
    // Thu 2027-05-20; Whit Monday 2027-05-17 is a holiday, Corpus Christi Thu 2027-05-27 too.
    expect(workingDaysLeft(nw, '2027-05-20', '2027-05-24')).toBe(2); // Fri, Mon
    expect(isNearDue(nw, '2027-05-20', '2027-05-24')).toBe(true);
    expect(isNearDue(nw, '2027-05-20', '2027-05-25')).toBe(false);
    expect(nearDueBefore(nw, '2027-05-20')).toBe('2027-05-25');
    // Over Corpus Christi: from Tue 05-25, Wed and Fri are the two.
    expect(nearDueBefore(nw, '2027-05-25')).toBe('2027-05-31');
    expect(isNearDue(nw, '2027-05-25', '2027-05-28')).toBe(true);
    expect(isNearDue(nw, '2027-05-25', '2027-05-10')).toBe(true);
    // On a Saturday, Monday and Tuesday are left until Tuesday.
    expect(nearDueBefore(nw, '2027-06-19')).toBe('2027-06-23');
  });

  it('every due date before nearDueBefore is near due, and it is not', () => {
    for (let day = 1; day <= 30; day++) {
      const today = `2027-12-${String(day).padStart(2, '0')}`;
      const limit = nearDueBefore(nw, today);
      expect(isNearDue(nw, today, limit), today).toBe(false);
      for (let back = 1; back <= 6; back++) {
        const due = new Date(Date.parse(`${limit}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
        expect(isNearDue(nw, today, due), `${today} ${due}`).toBe(true);
      }
    }
  });
});

describe('deadline reminders', () => {
  it('the office is reminded of deadlines reached in the last two weeks, heads of near-due statement requests', () => {
    expect(deadlineRule('ombudsman', nw, '2027-06-15')).toEqual({
      type: 'deadline_reached',
      statuses: ['new', 'open', 'forwarded'],
      dueFrom: '2027-06-01',
      dueThrough: '2027-06-15',
      handler: 'self_or_none',
    });
    expect(deadlineRule('department_head', nw, '2027-06-15')).toEqual({
      type: 'statement_due_soon',
      statuses: ['forwarded'],
      dueFrom: '2027-06-01',
      dueBefore: '2027-06-18',
      handler: 'any',
    });
    expect(deadlineRule('executive', nw, '2027-06-15')).toBeNull();
  });

  it('"since I last looked" is the marker, or a week before the first look', () => {
    expect(lookedSince('2027-06-10T07:00:00.000Z', new Date('2027-06-15T08:00:00Z'))).toBe('2027-06-10T07:00:00.000Z');
    expect(lookedSince(null, new Date('2027-06-15T08:00:00Z'))).toBe('2027-06-08T08:00:00.000Z');
  });
});

// Each role's start screen (working-day-start.ts) on SQLite, on a Tuesday.
import { workingDayStart } from './working-day-start.ts';

workingDayStart({
  officeNow: '2027-06-15T08:00:00', // a Tuesday
  // Received Tue 06-01: due today; Mon 05-31: due yesterday; Wed 06-02: due tomorrow.
  received: { dueToday: '2027-06-01T07:00:00Z', overdue: '2027-05-31T07:00:00Z', nearDue: '2027-06-02T07:00:00Z', returned: '2027-06-08T07:00:00Z' },
  due: { dueToday: '15.06.2027', overdue: '14.06.2027', nearDue: '16.06.2027' },
});

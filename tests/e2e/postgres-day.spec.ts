// The working-day walks on PostgreSQL (issue 11: the role tests and the day in the office pass on both engines): the
// same walk functions the SQLite specs call, here with engine 'postgres'. One throwaway server for the file (this
// worker's postgresSeats in fixtures.ts, started by the first walk), one database copied from the migrated template and
// one transport per walk, each walk on a day of its own. Without Debian's PostgreSQL the walks are skipped with the
// reason printed; with OMBUDSDESK_PG_REQUIRED=1 (CI) that is an error instead.
import { dayInTheOffice } from './day-in-the-office.ts';
import { postgresMissing, test } from './fixtures.ts';
import { workingDayStart } from './working-day-start.ts';

const missing = postgresMissing('postgres-day.spec.ts');
test.skip(missing !== null, `PostgreSQL is not installed: ${missing}`);
test.use({ engine: 'postgres' });
const DAY = '2027-08-09T09:00:00'; // a Monday
const START = '2027-08-16T09:00:00'; // the Monday after

// The server (initdb, the template migrated) and both seats before the first walk, with the time that takes.
test.beforeAll(async ({ postgresSeats }) => {
  test.setTimeout(120_000);
  const started = Date.now();
  for (const officeNow of [DAY, START]) await postgresSeats.seat(officeNow);
  console.log(`postgres-day.spec.ts: server and two seats ready in ${Date.now() - started} ms`);
});

// The day in the office at 1280x800.
dayInTheOffice({ width: 1280, height: 800, officeNow: DAY, engine: 'postgres' });

// Each role's start screen: received Mon 08-02 is due today, Fri 07-30 was due on Friday (the working day before),
// Tue 08-03 is due tomorrow.
workingDayStart({
  officeNow: START,
  engine: 'postgres',
  received: { dueToday: '2027-08-02T07:00:00Z', overdue: '2027-07-30T07:00:00Z', nearDue: '2027-08-03T07:00:00Z', returned: '2027-08-09T07:00:00Z' },
  due: { dueToday: '16.08.2027', overdue: '13.08.2027', nearDue: '17.08.2027' },
});

// The day in the office (day-in-the-office.ts) at 1920x1080, on the Monday after.
import { dayInTheOffice } from './day-in-the-office.ts';

dayInTheOffice({ width: 1920, height: 1080, officeNow: '2027-09-20T08:00:00' });

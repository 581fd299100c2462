// The day in the office (day-in-the-office.ts) at 1280x800, on a Monday.
import { dayInTheOffice } from './day-in-the-office.ts';

dayInTheOffice({ width: 1280, height: 800, officeNow: '2027-09-13T08:00:00' });

// The office's calendar dates are local dates of the machine running Ombudsdesk.
import { format } from 'date-fns/format';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function localDate(at: Date): string {
  return format(at, 'yyyy-MM-dd');
}

// The office's calendar dates are local dates of the machine running Ombudsdesk.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of the local date (plain getters: date-fns' format was a hot spot of demo generation). */
export function localDate(at: Date): string {
  const year = at.getFullYear();
  if (Number.isNaN(year)) throw new RangeError('Invalid time value');
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

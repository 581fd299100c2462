// Case references are per year and gap-free: 2026-00042.

/** The whole reference: four ASCII digits, a hyphen, five or more ASCII digits (\d is [0-9] without the u flag). The prize
 * draw's entries must have exactly this form (domain/draw.ts, docs/prize-draw.md). */
export const REFERENCE_PATTERN = /^(\d{4})-(\d{5,})$/;

export function formatReference(year: number, number: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid reference year ${year}`);
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`invalid reference number ${number}`);
  return `${year}-${String(number).padStart(5, '0')}`;
}

export function parseReference(reference: string): { year: number; number: number } | null {
  const match = REFERENCE_PATTERN.exec(reference.trim());
  if (!match) return null;
  return { year: Number(match[1]), number: Number(match[2]) };
}

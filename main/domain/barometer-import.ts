// Web votes from a CSV or XLSX export (pure): which column holds what (found by its header, German or English), a
// rating word (German, English, 1/2/3, smiley words and emoji) as a rating, a time cell as an instant, and each row as
// a vote or a row error naming the row.
//
// Idempotency (the import key, unique in barometer_votes.import_key):
// - with a vote id column ("ID", "Vote ID", "Stimm-ID", "Nr" …): 'web:id:' + the id, so the same vote is imported once,
//   whatever file it comes in;
// - without one: 'web:row:' + a hash (computed by the job) of the row's *normalised content* (the instant, the rating,
//   the department as written) and its occurrence number among rows with the same content in this file. Not the file's
//   checksum: a later export that repeats the earlier rows (the web form's export grows) then adds only the new rows,
//   and the same votes as CSV and as XLSX are the same votes. Three identical rows count as three votes, and a later
//   export with five such rows adds two. The price: an export that drops old rows and repeats a content that was
//   dropped would be taken for known; with times to the second this does not occur in practice.
import { BAROMETER_RATINGS, type BarometerRating } from '../vocabulary/barometer.ts';

export type VoteColumn = 'time' | 'rating' | 'department' | 'voteId';

/** Header names per column, compared after lowercasing and removing everything but letters and digits. */
const HEADER_NAMES: Record<VoteColumn, readonly string[]> = {
  time: ['zeit', 'zeitpunkt', 'datum', 'datumzeit', 'datumuhrzeit', 'abgegeben', 'abgegebenam', 'eingang', 'eingangam', 'time', 'timestamp', 'date', 'datetime', 'votedat', 'submitted', 'submittedat', 'createdat', 'created'],
  rating: ['bewertung', 'rating', 'smiley', 'stimme', 'vote', 'urteil', 'zufriedenheit', 'satisfaction', 'antwort', 'answer', 'score'],
  department: ['abteilung', 'fachbereich', 'amt', 'dienststelle', 'bereich', 'department', 'unit', 'office'],
  voteId: ['id', 'voteid', 'stimmid', 'stimmenid', 'nr', 'nummer', 'lfdnr', 'responseid', 'antwortid', 'uuid'],
};

const headerKey = (header: string) =>
  header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export type VoteColumns = Record<VoteColumn, number | null>;

/** The column index of each known column (the first header that matches), null when the file has none. */
export function findVoteColumns(headers: readonly string[]): VoteColumns {
  const keys = headers.map(headerKey);
  const find = (column: VoteColumn) => {
    const index = keys.findIndex((key) => HEADER_NAMES[column].includes(key));
    return index < 0 ? null : index;
  };
  return { time: find('time'), rating: find('rating'), department: find('department'), voteId: find('voteId') };
}

const RATING_WORDS: Record<BarometerRating, readonly string[]> = {
  good: ['1', 'gut', 'sehr gut', 'zufrieden', 'positiv', 'good', 'very good', 'positive', 'happy', 'smile', 'smiley', 'lachend', 'froh', 'grün', 'green', ':)', ':-)', '🙂', '😀', '😃', '😊', '☺'],
  okay: ['2', 'geht so', 'okay', 'ok', 'o.k.', 'mittel', 'neutral', 'teils', 'teils teils', 'in ordnung', 'so lala', 'average', 'meh', 'gelb', 'yellow', ':|', ':-|', '😐'],
  could_be_better: [
    '3',
    'könnte besser sein',
    'koennte besser sein',
    'geht besser',
    'verbesserungswürdig',
    'schlecht',
    'unzufrieden',
    'negativ',
    'traurig',
    'could be better',
    'could_be_better',
    'could-be-better',
    'bad',
    'poor',
    'negative',
    'sad',
    'unhappy',
    'rot',
    'red',
    ':(',
    ':-(',
    '🙁',
    '☹',
    '😞',
    '😟',
  ],
};

const RATING_BY_WORD = new Map<string, BarometerRating>(BAROMETER_RATINGS.flatMap((rating) => RATING_WORDS[rating].map((word) => [word, rating] as const)));

/** A rating cell as a rating, or null when it is none of the known words (case, spacing and emoji variants ignored). */
export function parseRating(value: string): BarometerRating | null {
  const word = value.normalize('NFC').replace(/\uFE0F/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
  // "Gut!", "1.0" (a number cell written as text by some tools).
  for (const candidate of [word, word.replace(/[.!]+$/, ''), word.replace(/^([123])[.,]0+$/, '$1')]) {
    const rating = RATING_BY_WORD.get(candidate);
    if (rating) return rating;
  }
  return null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The office's calendar date of an instant (the machine's time zone, as everywhere in the app). */
export function officeDate(at: Date): string {
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function localInstant(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const at = new Date(year, month - 1, day, hour, minute, second);
  // 31 February rolls over into March: not a date.
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day) return null;
  return at;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*Uhr)?)?$/i;

/**
 * A time cell as an instant: ISO ('2027-04-20T10:15:00', with a zone or without: then the office's local time, which is
 * also what an XLSX date cell reads as), a date only (noon that day, like a paper tally) or German '20.04.2027 10:15'.
 */
export function parseVoteTime(value: string): Date | null {
  const text = value.trim();
  if (text === '') return null;
  if (ISO_ZONED.test(text)) {
    const at = new Date(text.replace(' ', 'T'));
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso;
    return h === undefined ? localInstant(Number(y), Number(mo), Number(d), 12, 0, 0) : localInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
  }
  const german = GERMAN.exec(text);
  if (german) {
    const [, d, mo, y, h, mi, s] = german;
    return h === undefined ? localInstant(Number(y), Number(mo), Number(d), 12, 0, 0) : localInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
  }
  return null;
}

export type VoteRowErrorCode = 'vote_rating_unknown' | 'vote_time_invalid' | 'vote_in_future' | 'vote_department_unknown';

export interface WebVote {
  rating: BarometerRating;
  votedAt: Date;
  departmentId: number | null;
  /** The id from the file's vote id column, or null (then the job hashes the content). */
  voteId: string | null;
  /** The row's normalised content, hashed for the key when there is no vote id. */
  content: string;
}

export type VoteRowResult = { vote: WebVote; error?: undefined } | { vote?: undefined; error: { code: VoteRowErrorCode; details: Record<string, unknown> } };

/**
 * One data row as a vote. `row` is its 1-based row number in the file (what the error names), departments maps a
 * department's name in lower case to its id, `now` is the office's now (a vote after it is refused).
 */
export function readVoteRow(cells: readonly string[], columns: VoteColumns, row: number, departments: ReadonlyMap<string, number>, now: Date): VoteRowResult {
  const cell = (index: number | null) => (index === null ? '' : (cells[index] ?? '').trim());
  const ratingText = cell(columns.rating);
  const rating = parseRating(ratingText);
  if (!rating) return { error: { code: 'vote_rating_unknown', details: { row, value: ratingText.slice(0, 100) } } };
  const timeText = cell(columns.time);
  const votedAt = parseVoteTime(timeText);
  if (!votedAt) return { error: { code: 'vote_time_invalid', details: { row, value: timeText.slice(0, 100) } } };
  if (votedAt.getTime() > now.getTime()) return { error: { code: 'vote_in_future', details: { row, value: timeText.slice(0, 100) } } };
  const departmentText = cell(columns.department);
  let departmentId: number | null = null;
  if (departmentText !== '') {
    const found = departments.get(departmentText.toLowerCase());
    if (found === undefined) return { error: { code: 'vote_department_unknown', details: { row, value: departmentText.slice(0, 200) } } };
    departmentId = found;
  }
  const voteId = cell(columns.voteId);
  return {
    vote: {
      rating,
      votedAt,
      departmentId,
      voteId: voteId === '' ? null : voteId.slice(0, 200),
      content: JSON.stringify([votedAt.toISOString(), rating, departmentText.toLowerCase()]),
    },
  };
}

/**
 * The rows' import keys in file order: 'web:id:<id>' for rows with a vote id; for the others the content with its
 * occurrence number ('<content>#<n>'), which the job hashes into 'web:row:<sha256>'.
 */
export function keySources(votes: readonly WebVote[]): string[] {
  const seen = new Map<string, number>();
  return votes.map((vote) => {
    if (vote.voteId !== null) return `web:id:${vote.voteId}`;
    const n = (seen.get(vote.content) ?? 0) + 1;
    seen.set(vote.content, n);
    return `${vote.content}#${n}`;
  });
}

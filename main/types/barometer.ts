// The satisfaction barometer and the kiosk: quarters with their figures, the settings, this computer's kiosk set-up.

/** One quarter of the satisfaction barometer (main/domain/barometer.ts has the formulas). */
export interface BarometerQuarter {
  /** 'YYYY-Qn' of the office's calendar. */
  quarter: string;
  counts: Record<import('../vocabulary/barometer.ts').BarometerRating, number>;
  /** 0-1 per rating, null without votes. */
  shares: Record<import('../vocabulary/barometer.ts').BarometerRating, number | null>;
  n: number;
  /** 0-100 (good 100, okay 50, could be better 0), null without votes. */
  index: number | null;
  /** The 95 % margin of error of the index (1.96 s / sqrt n), null below 2 votes. */
  margin: number | null;
  /** n reaches the minimum; unreliable quarters are shown, marked. */
  reliable: boolean;
}

export interface BarometerReport {
  from: string;
  to: string;
  minN: number;
  /** The departments counted (null: all votes, those without a department included). */
  departmentIds: number[] | null;
  quarters: BarometerQuarter[];
}

export interface BarometerSettings {
  /** Presses on one kiosk closer than this to the previous counted press count once. */
  kioskIntervalSeconds: number;
  /** Quarters with fewer votes are marked as not reliable. */
  minN: number;
}

/** This computer's kiosk set-up, kept in its data folder (not in the office's database: it is about this machine). */
export interface KioskConfig {
  startInKiosk: boolean;
  /** Where the kiosk stands ("Foyer Rathaus"), stored with each vote. */
  place: string;
  /** Names this computer's kiosk for the double-press rule. */
  kioskId: string;
}

export interface KioskVoteResult {
  /** false: a second press within the interval, counted as one with the previous. */
  counted: boolean;
  current: BarometerQuarter;
}

/** A web vote import's row that was not stored: its row in the file (1-based, the header row counted) and why. */
export interface VoteImportRowError {
  row: number;
  code: 'vote_rating_unknown' | 'vote_time_invalid' | 'vote_in_future' | 'vote_department_unknown';
  details: Record<string, unknown>;
}

/** What the importBarometerVotes job's result file holds (its counts are on the job: rows, imported, skipped, failed). */
export interface VoteImportResult {
  errors: VoteImportRowError[];
}

export interface PaperTallyResult {
  ids: number[];
  total: number;
}

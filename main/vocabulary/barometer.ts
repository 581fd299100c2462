// The satisfaction barometer: the three smileys and where a vote came from.

/** The three smileys, best first: the kiosk shows them in this order. */
export const BAROMETER_RATINGS = ['good', 'okay', 'could_be_better'] as const;
export type BarometerRating = (typeof BAROMETER_RATINGS)[number];

/** kiosk: a press on the foyer touch screen; web: imported from the web form; paper: a hand-counted tally. */
export const BAROMETER_SOURCES = ['kiosk', 'web', 'paper'] as const;
export type BarometerSource = (typeof BAROMETER_SOURCES)[number];

/** The settings' defaults: presses on one kiosk closer than this count once; quarters with fewer votes are not reliable. */
export const DEFAULT_KIOSK_INTERVAL_SECONDS = 5;
export const DEFAULT_BAROMETER_MIN_N = 30;

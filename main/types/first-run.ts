// What the first-run choice answers (main/api/areas/first-run.ts).
import type { ConnectionTestResult } from './connection.ts';

export interface FirstRunState {
  /** This start is pristine: the sign-in screen asks where the data lives first. */
  choose: boolean;
  /** Whether a password can be stored safely on this computer (safeStorage with a keychain). */
  secretsAvailable: boolean;
}

export interface FirstRunChoice {
  /** The connection file was written (a server only when it answered the test). */
  saved: boolean;
  /** The app starts again onto the server in a moment. */
  restarting: boolean;
  /** The server's test (null for SQLite). */
  test: ConnectionTestResult | null;
}

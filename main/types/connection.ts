// What the connection settings show and answer (admin only; see main/api/areas/connection.ts).
import type { SslMode } from '../vocabulary/connection.ts';

export interface ServerSettingsView {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  caFile: string | null;
  /** A password is stored (sealed) for this server and user; it is never sent to the window. */
  hasPassword: boolean;
}

export interface ConnectionInfo {
  /** The engine this running app uses. */
  running: 'sqlite' | 'postgres';
  /** This computer's choice for the next start (null: none made; SQLite). */
  stored: ({ engine: 'sqlite' } | ({ engine: 'postgres' } & ServerSettingsView)) | null;
  /** Whether a password can be stored safely on this computer (safeStorage with a keychain). */
  secretsAvailable: boolean;
}

export type ConnectionOutcome = 'ok' | 'unreachable' | 'wrong_password' | 'certificate' | 'database_missing' | 'not_migrated' | 'newer_schema' | 'failed';

export interface ConnectionTestResult {
  outcome: ConnectionOutcome;
  serverVersion: string | null;
}

// What the connection settings show and answer (admin only; see main/api/areas/connection.ts).
import type { SslMode } from '../vocabulary/connection.ts';

/** A shared server as this computer stores it (connection.json, without the password) and the settings form shows it. */
export interface ServerSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  caFile: string | null;
}

export interface ServerSettingsView extends ServerSettings {
  /** A password is stored (sealed) for this server and user; it is never sent to the window. */
  hasPassword: boolean;
}

/** What the window sees of this computer's connection file: never the password, only whether one is stored. */
export type ConnectionView = { engine: 'sqlite' } | ({ engine: 'postgres' } & ServerSettingsView);

export interface ConnectionInfo {
  /** The engine this running app uses. */
  running: 'sqlite' | 'postgres';
  /** This computer's choice for the next start (null: none made; SQLite). */
  stored: ConnectionView | null;
  /** Whether a password can be stored safely on this computer (safeStorage with a keychain). */
  secretsAvailable: boolean;
}

export type ConnectionOutcome = 'ok' | 'unreachable' | 'wrong_password' | 'certificate' | 'database_missing' | 'not_migrated' | 'newer_schema' | 'failed';

export interface ConnectionTestResult {
  outcome: ConnectionOutcome;
  serverVersion: string | null;
}

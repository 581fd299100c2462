// The connection settings behind the admin's form: what this computer will start on, testing a server with the form's
// values (the stored password when none is typed), and saving the choice (effective at the next start).
import { testPostgresConnection } from '../db/postgres/admin.ts';
import { toPgConnection } from '../db/postgres/connection.ts';
import type { ConnectionInfo, ConnectionTestResult, ServerSettings } from '../types/connection.ts';
import type { SslMode } from '../vocabulary/connection.ts';
import { readConnectionFile, saveConnectionFile, viewOf } from './connection-file.ts';
import type { SecretBox } from './secrets.ts';

export interface ServerInput extends ServerSettings {
  sslmode: SslMode;
  /** Empty: the stored password for this host and user (if any). */
  password: string;
}

export function connectionInfo(dataDir: string, running: 'sqlite' | 'postgres', secrets: SecretBox): ConnectionInfo {
  return { running, stored: viewOf(readConnectionFile(dataDir)), secretsAvailable: secrets.available() };
}

function passwordFor(dataDir: string, input: ServerInput, secrets: SecretBox): string | undefined {
  if (input.password) return input.password;
  const stored = readConnectionFile(dataDir);
  if (stored?.engine === 'postgres' && stored.password && stored.host === input.host && stored.user === input.user) return secrets.open(stored.password);
  return undefined;
}

export async function testServerConnection(dataDir: string, input: ServerInput, secrets: SecretBox): Promise<ConnectionTestResult> {
  const result = await testPostgresConnection(toPgConnection({ ...input, password: passwordFor(dataDir, input, secrets) }));
  if (result.detail && result.outcome !== 'ok') console.error(`ombudsdesk: connection test ${input.user}@${input.host}:${input.port}/${input.database}: ${result.outcome} (${result.detail})`);
  return { outcome: result.outcome, serverVersion: result.serverVersion };
}

export function saveConnectionChoice(
  dataDir: string,
  running: 'sqlite' | 'postgres',
  choice: { engine: 'sqlite' } | ({ engine: 'postgres' } & ServerInput),
  secrets: SecretBox,
): ConnectionInfo {
  saveConnectionFile(dataDir, choice, secrets);
  return connectionInfo(dataDir, running, secrets);
}

// pg's connection options as the engine takes them (built from a URL or the connection file by connection.ts).
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

import { SSL_MODES, type SslMode } from '../../vocabulary/connection.ts';

export { SSL_MODES, type SslMode };

export interface PostgresConnection {
  /** A host name, or the folder of a Unix socket. */
  host: string;
  port?: number;
  database: string;
  user: string;
  password?: string;
  /** TLS as libpq's sslmode names it (default: none for a socket or a connection without sslmode; see tlsOptions). */
  sslmode?: SslMode;
  /** A PEM file with the CA certificate(s) the server's certificate must chain to (instead of the system's). */
  sslrootcert?: string;
  /** Connections in the pool (default 4). */
  max?: number;
}

export class CaFileError extends Error {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    super(`cannot read the CA file ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.file = file;
  }
}

/**
 * pg's `ssl` option for a connection (kept out of PostgresConnection so the connection stays plain data a job's worker
 * thread receives): verify-full checks the chain and the host name, verify-ca the chain only, require encrypts without
 * checking, disable (and any Unix socket) uses no TLS. The CA file is read here; a missing one throws CaFileError.
 */
export function tlsOptions(connection: PostgresConnection): false | ConnectionOptions {
  const mode = connection.sslmode ?? 'disable';
  if (connection.host.startsWith('/') || mode === 'disable') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (connection.sslrootcert) {
    try {
      ca = readFileSync(connection.sslrootcert, 'utf8');
    } catch (error) {
      throw new CaFileError(connection.sslrootcert, error);
    }
  }
  if (mode === 'verify-ca') return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}), servername: connection.host };
}

/** pg's client options for a connection (the pool adds its size and type parsers). */
export function clientOptions(connection: PostgresConnection) {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: tlsOptions(connection),
  };
}

// How a seat reaches the PostgreSQL server: a postgres:// URL (the command line) or the fields of the per-computer
// connection file (services/connection-file.ts), both turned into pg's connection options with TLS as libpq's sslmode
// names it. verify-full is the default: the server's certificate must chain to a trusted CA (the system's, or the CA
// file given) and name the host. A Unix socket (a host starting with "/") never uses TLS.
import { SSL_MODES, type PostgresConnection, type SslMode } from './connection-options.ts';

export { SSL_MODES, type SslMode };

export interface ServerAddress {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string | undefined;
  sslmode: SslMode;
  /** A PEM file with the CA certificate(s) the server's certificate must chain to (instead of the system's). */
  caFile?: string | null | undefined;
}

export const DEFAULT_PORT = 5432;

export function isSocketHost(host: string): boolean {
  return host.startsWith('/');
}

/** The engine's connection for an address (plain data; TLS options are built per pool by tlsOptions). */
export function toPgConnection(address: ServerAddress): PostgresConnection {
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    ...(address.password !== undefined ? { password: address.password } : {}),
    sslmode: isSocketHost(address.host) ? 'disable' : address.sslmode,
    ...(address.caFile ? { sslrootcert: address.caFile } : {}),
  };
}

/**
 * A postgres:// (or postgresql://) URL as libpq reads it: user, password, host, port, database in the usual places; a
 * Unix socket folder as ?host=/path; ?sslmode= and ?sslrootcert= (the CA file). sslmode defaults to verify-full.
 */
export function parsePostgresUrl(text: string): ServerAddress {
  let url: URL;
  try {
    // libpq allows an empty host (postgres://user@/db?host=/socket); WHATWG URLs do not: a placeholder the host= replaces.
    url = new URL(text.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)\//i, '$1localhost/'));
  } catch {
    throw new Error(`not a PostgreSQL URL: ${redactUrl(text)}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`not a PostgreSQL URL (postgres://…): ${redactUrl(text)}`);
  const params = url.searchParams;
  const host = params.get('host') ?? decodeURIComponent(url.hostname);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || params.get('dbname') || '';
  const user = decodeURIComponent(url.username) || params.get('user') || '';
  if (!host) throw new Error('the PostgreSQL URL names no host');
  if (!database) throw new Error('the PostgreSQL URL names no database');
  if (!user) throw new Error('the PostgreSQL URL names no user');
  const sslmode = (params.get('sslmode') ?? 'verify-full') as SslMode;
  if (!SSL_MODES.includes(sslmode)) throw new Error(`sslmode must be one of ${SSL_MODES.join(', ')}`);
  const password = url.password ? decodeURIComponent(url.password) : (params.get('password') ?? undefined);
  return {
    host,
    port: Number(url.port || params.get('port') || DEFAULT_PORT),
    database,
    user,
    password,
    sslmode,
    caFile: params.get('sslrootcert'),
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

/** Where an address points, for messages (never the password). */
export function describeAddress(address: ServerAddress): string {
  return `${address.user}@${address.host}:${address.port}/${address.database}`;
}

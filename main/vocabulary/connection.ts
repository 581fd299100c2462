// TLS modes of a PostgreSQL connection, as libpq names them (verify-full is the default and the recommended one).
export const SSL_MODES = ['verify-full', 'verify-ca', 'require', 'disable'] as const;
export type SslMode = (typeof SSL_MODES)[number];
export const DEFAULT_POSTGRES_PORT = 5432;

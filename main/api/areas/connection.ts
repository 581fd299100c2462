// This computer's database connection (issue 11, item 3): which engine the next start opens, testing a PostgreSQL
// server, saving the choice. Admin only, after sign-in: the form lives in the admin's settings, so no channel here is
// reachable before sign-in (an unconfigured computer starts on its own SQLite office and its first admin signs in
// there). Testing a connection makes outbound connections to any host and port the admin types, so it is never
// offered to other roles or signed-out callers. Saving writes the connection file only (not a database write).
import { z } from 'zod';
import { connectionInfo, saveConnectionChoice, testServerConnection } from '../../services/connection-settings.ts';
import { channel, none, out, serverInput as server } from '../define.ts';
import type { ConnectionInfo, ConnectionTestResult } from '../types.ts';

const ADMIN = ['admin'] as const;

export const connectionChannels = {
  getConnection: channel({
    access: ADMIN,
    input: none,
    output: out<ConnectionInfo>(),
    handler: (call) => connectionInfo(call.app.dataDir, call.app.engine.kind, call.app.secrets),
  }),
  testConnection: channel({
    access: ADMIN,
    input: z.strictObject(server),
    output: out<ConnectionTestResult>(),
    handler: (call, input) => testServerConnection(call.app.dataDir, input, call.app.secrets),
  }),
  saveConnection: channel({
    access: ADMIN,
    input: z.discriminatedUnion('engine', [z.strictObject({ engine: z.literal('sqlite') }), z.strictObject({ engine: z.literal('postgres'), ...server })]),
    output: out<ConnectionInfo>(),
    handler: (call, input) => saveConnectionChoice(call.app.dataDir, call.app.engine.kind, input, call.app.secrets),
  }),
};

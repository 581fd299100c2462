// The first-run choice on the sign-in screen (issue 11, item 3): this computer only (SQLite) or a shared server
// (PostgreSQL). Public, as nobody can sign in before the choice; therefore each call is allowed only while the start is
// pristine (services/first-run.ts checks on every call and answers `forbidden` otherwise), so a stranger at a computer
// in use can neither probe the network from it nor redirect it to another server. Nothing here writes the database:
// the choice is the connection file (and, for a server, a restart onto it).
import { z } from 'zod';
import { firstRunChoose, firstRunTest, isPristineStart } from '../../services/first-run.ts';
import { channel, none, out, serverInput as server } from '../define.ts';
import type { ConnectionTestResult, FirstRunChoice, FirstRunState } from '../types.ts';


export const firstRunChannels = {
  firstRunState: channel({
    access: 'public',
    input: none,
    output: out<FirstRunState>(),
    handler: async ({ app }) => ({ choose: await isPristineStart(app), secretsAvailable: app.secrets.available() }),
  }),
  firstRunTestConnection: channel({
    access: 'public',
    input: z.strictObject(server),
    output: out<ConnectionTestResult>(),
    handler: ({ app }, input) => firstRunTest(app, input),
  }),
  firstRunChoose: channel({
    access: 'public',
    input: z.discriminatedUnion('engine', [z.strictObject({ engine: z.literal('sqlite') }), z.strictObject({ engine: z.literal('postgres'), ...server })]),
    output: out<FirstRunChoice>(),
    handler: ({ app }, input) => firstRunChoose(app, input),
  }),
};

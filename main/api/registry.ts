// The one API contract, combined from the areas: each area declares its channels in one file (input schema, output
// type, who may call it, whether it is a write, the handler); this step builds the maps dispatch uses and refuses a
// channel name declared twice, at start-up. A new channel is one entry in its area's file.
import type { z } from 'zod';
import { accessibilityChannels } from './areas/accessibility.ts';
import { attachmentsChannels } from './areas/attachments.ts';
import { barometerChannels } from './areas/barometer.ts';
import { casesChannels } from './areas/cases.ts';
import { connectionChannels } from './areas/connection.ts';
import { drawsChannels } from './areas/draws.ts';
import { firstRunChannels } from './areas/first-run.ts';
import { importsChannels } from './areas/imports.ts';
import { improvementsChannels } from './areas/improvements.ts';
import { JOB_ACCESS, jobsChannels } from './areas/jobs.ts';
import { kioskChannels } from './areas/kiosk.ts';
import { reportsChannels } from './areas/reports.ts';
import { repliesChannels } from './areas/replies.ts';
import { sessionChannels } from './areas/session.ts';
import { settingsChannels } from './areas/settings.ts';
import { startChannels } from './areas/start.ts';
import { usersChannels } from './areas/users.ts';
import { JOB_KINDS } from '../vocabulary/jobs.ts';
import { isAllowed, type Access, type ChannelSpec } from './define.ts';
import type { ApiResult, SessionCore, SessionUser } from './types.ts';

const AREAS = {
  session: sessionChannels,
  cases: casesChannels,
  replies: repliesChannels,
  attachments: attachmentsChannels,
  improvements: improvementsChannels,
  draws: drawsChannels,
  settings: settingsChannels,
  users: usersChannels,
  start: startChannels,
  jobs: jobsChannels,
  imports: importsChannels,
  barometer: barometerChannels,
  kiosk: kioskChannels,
  reports: reportsChannels,
  accessibility: accessibilityChannels,
  connection: connectionChannels,
  firstRun: firstRunChannels,
};

type Areas = typeof AREAS;
type Merge<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
/** Every channel of every area, by name. */
export type Channels = Merge<Areas[keyof Areas]>;
export type ChannelName = keyof Channels & string;

/** Merges the areas' channels; a name declared in two areas (or twice) stops the app at start-up. */
export function combine(areas: Record<string, Record<string, ChannelSpec>>): Record<string, ChannelSpec> {
  const merged: Record<string, ChannelSpec> = {};
  const areaOf = new Map<string, string>();
  for (const [area, channels] of Object.entries(areas)) {
    for (const [name, spec] of Object.entries(channels)) {
      const earlier = areaOf.get(name);
      if (earlier !== undefined) throw new Error(`API channel "${name}" is declared in both the ${earlier} and the ${area} area`);
      areaOf.set(name, area);
      merged[name] = spec;
    }
  }
  return merged;
}

export const channels = combine(AREAS as unknown as Record<string, Record<string, ChannelSpec>>) as unknown as Channels;

/** The channel names, in the areas' order: what the preload and the test transport forward. */
export const channelNames = Object.keys(channels) as ChannelName[];

/** The kiosk window's channels: a kiosk caller may call these and nothing else, and nobody else may call them. */
export const kioskChannelNames = Object.keys(kioskChannels) as ChannelName[];

export function isKioskChannel(name: string): boolean {
  return (kioskChannelNames as string[]).includes(name);
}

/** The channel names a caller's window is given (the preload and the test transport forward exactly these). */
export function channelNamesFor(kiosk: boolean): ChannelName[] {
  return kiosk ? [...kioskChannelNames] : channelNames.filter((name) => !isKioskChannel(name));
}

/** Who may call each channel (the permission table, read off the areas). */
export const PERMISSIONS = Object.fromEntries(channelNames.map((name) => [name, channels[name].access])) as Record<ChannelName, Access>;

/** The signed-in user with what their role may call and start: the UI offers only that (main refuses the rest anyway). */
export function describeUser(user: SessionCore): SessionUser {
  return {
    ...user,
    allowed: channelNames.filter((name) => !isKioskChannel(name) && isAllowed(PERMISSIONS[name], user.role)),
    allowedJobs: JOB_KINDS.filter((kind) => isAllowed(JOB_ACCESS[kind], user.role)),
  };
}

/** Channels that take a requestId: the writes. */
export type RequestIdChannel = { [K in ChannelName]: Channels[K] extends { write?: true } ? K : never }[ChannelName];

export function isWrite(name: ChannelName): boolean {
  return (channels[name] as ChannelSpec).write === true;
}

/** What the window may add to the payload of a RequestIdChannel. */
export interface RequestIdField {
  /** A UUID, made once per submission (crypto.randomUUID()) and sent again when the same submission is retried. */
  requestId?: string;
}

/** What the window sends: the channel's input, and for writes an optional requestId that dispatch takes out first. */
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']> & (K extends RequestIdChannel ? RequestIdField : unknown);
export type ChannelPayload<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Channels[K]['output'];

/** What window.ombudsdesk offers the renderer. */
export type OmbudsdeskApi = {
  [K in ChannelName]: undefined extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>>;
};

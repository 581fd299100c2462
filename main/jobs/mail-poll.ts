// Starting a poll of the office's mailbox: on demand (the import screen's "Fetch mail now") and on the interval the
// settings give (a timer in main, off by default). One poll at a time for the whole office: a second start while one
// runs (a double click, the timer meeting a click) returns the running one.
import type { JobRecord } from '../types/jobs.ts';
import type { Actor } from '../services/actor.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { imapConfig, pollSchedule } from '../services/mail-settings.ts';
import type { SecretBox } from '../services/secrets.ts';
import { isOfficeRole } from '../vocabulary/people.ts';
import type { JobRunner } from './runner.ts';

export interface MailPollDeps {
  services: ServiceContext;
  jobs: JobRunner;
  secrets: SecretBox;
}

const byRunner = new WeakMap<JobRunner, { id: number; promise: Promise<JobRecord> } | null>();

export async function startMailPoll(deps: MailPollDeps, actor: Actor, trigger: 'button' | 'timer'): Promise<JobRecord> {
  const running = byRunner.get(deps.jobs) ?? null;
  if (running) {
    const record = await running.promise.catch(() => null);
    if (record && deps.jobs.progress(record.id) !== null) return await deps.jobs.get(record.id, SYSTEM_ACTOR).catch(() => record);
  }
  // Claimed before the first await: two clicks in the same moment both get the same job.
  const promise = (async () => {
    const config = await imapConfig(deps.services.read, deps.secrets);
    const mailbox = `imap://${config.user}@${config.host}:${config.port}/${config.folder}`;
    const { pollMinutes: _minutes, ...server } = config;
    return await deps.jobs.start('pollMailbox', { trigger, mailbox }, actor, { imap: JSON.stringify(server) });
  })();
  const claim = { id: 0, promise };
  byRunner.set(deps.jobs, claim);
  try {
    const record = await promise;
    claim.id = record.id;
    void deps.jobs.finished(record.id).finally(() => {
      if (byRunner.get(deps.jobs) === claim) byRunner.set(deps.jobs, null);
    });
    return record;
  } catch (error) {
    if (byRunner.get(deps.jobs) === claim) byRunner.set(deps.jobs, null);
    throw error;
  }
}

/**
 * Whether this process polls the office mailbox on the timer: on a single computer, or at a shared server's seat that
 * connects as the owner or as an office user's own login. A department head's or the executive's seat does not: its
 * login may not import mail (the database refuses it), and the office's seats poll anyway.
 */
export async function pollsOnTimer(services: ServiceContext): Promise<boolean> {
  const seatUserId = services.engine.seatUserId;
  if (seatUserId === null) return true;
  const row = await services.read.selectFrom('users').select('role').where('id', '=', seatUserId).executeTakeFirst();
  return row !== undefined && isOfficeRole(row.role);
}

/** Polls on the settings' interval (read again at every tick, so a changed interval applies without a restart). */
export function startMailPollTimer(deps: MailPollDeps, tickMs = 60_000): { stop(): void } {
  let lastStart = 0;
  const tick = async () => {
    if (!(await pollsOnTimer(deps.services))) return;
    const { minutes } = await pollSchedule(deps.services.read);
    if (minutes <= 0 || Date.now() - lastStart < minutes * 60_000) return;
    lastStart = Date.now();
    await startMailPoll(deps, SYSTEM_ACTOR, 'timer');
  };
  const timer = setInterval(() => {
    tick().catch((error: unknown) => console.error('ombudsdesk: mail poll', error));
  }, tickMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}


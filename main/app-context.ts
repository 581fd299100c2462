// Opens the data folder: the database engine (migrated), the services, the signed-in sessions, and the first-run admin.
import { mkdirSync } from 'node:fs';
import { createEventHub, type EventHub } from './api/events.ts';
import { createKioskControl, type KioskControl } from './api/kiosk.ts';
import { relayCaseChanges } from './api/live.ts';
import type { Engine } from './db/engine.ts';
import { openEngine, sqliteConfig, type EngineConfig } from './db/open.ts';
import { createJobRunner, type JobRunner } from './jobs/runner.ts';
import { attachmentStoreFor, type AttachmentStore } from './services/attachment-store.ts';
import { systemClock, type Clock } from './services/clock.ts';
import { createServiceContext, type ServiceContext } from './services/context.ts';
import { createKeyFileSecretBox, type SecretBox } from './services/secrets.ts';
import { ensureFirstAdmin } from './services/users.ts';

export interface AppContext {
  dataDir: string;
  engine: Engine;
  services: ServiceContext;
  /** Attachments' bytes, content-addressed: files under <dataDir>/attachments (SQLite), or the database (PostgreSQL). */
  attachments: AttachmentStore;
  /** Signed-in user per caller (a window's webContents id, or a test transport's session id). */
  sessions: Map<string, number>;
  /** Events to the windows (each signed-in caller attaches its own sink). */
  events: EventHub;
  /** Kiosk windows: their callers may reach the kiosk channels only. */
  kiosk: KioskControl;
  /** Background jobs in worker threads, each with a connection of its own. */
  jobs: JobRunner;
  /** Seals and opens the mail servers' passwords: safeStorage in Electron, the key-file fallback elsewhere. */
  secrets: SecretBox;
  /** Set on the first start only: how to log in as the new admin. */
  firstRunNotice: string | null;
  /**
   * Starts the app again (after this computer's connection file changed): Electron relaunches (main/index.ts), the e2e
   * test transport reopens the context. Until one is set, asking is an error in the log and nothing else.
   */
  restart(): void;
  /** Stops running jobs (the next start records them as interrupted) and closes the database. */
  close(): Promise<void>;
}

/**
 * `engine` chooses the database: SQLite in the data folder unless given (the data folder still holds jobs' files and
 * backups on either engine; attachments too on SQLite, while PostgreSQL keeps them in the database). `caseFeed: false`
 * (the command line: no windows) hears no other seats' changes.
 */
export async function openAppContext(opts: {
  dataDir: string;
  now?: Clock;
  adminPassword?: string;
  engine?: EngineConfig;
  secrets?: SecretBox;
  caseFeed?: boolean;
  /** A seat's user changed their password, which is also the seat's database login's: keep it for the next start. */
  onSeatPassword?: (password: string) => void;
}): Promise<AppContext> {
  mkdirSync(opts.dataDir, { recursive: true });
  // A copy: a seat's new password goes into it, so job workers (each with a connection of its own) connect with it.
  const engineConfig: EngineConfig = structuredClone(opts.engine ?? sqliteConfig(opts.dataDir));
  const engine = await openEngine(engineConfig, { caseFeed: opts.caseFeed ?? true });
  if (engineConfig.kind === 'postgres' && engine.seatUserId !== null) {
    const connection = engineConfig.connection;
    const use = engine.useSeatPassword.bind(engine);
    engine.useSeatPassword = (password) => {
      use(password);
      connection.password = password;
      opts.onSeatPassword?.(password);
    };
  }
  const now = opts.now ?? systemClock;
  const services = createServiceContext(engine, now);
  const sessions = new Map<string, number>();
  const events = createEventHub(sessions);
  const jobs = await createJobRunner({ services, dataDir: opts.dataDir, engine: engineConfig, events });
  const password = await ensureFirstAdmin(services, opts.adminPassword ?? process.env.OMBUDSDESK_ADMIN_PASSWORD);
  const firstRunNotice =
    password === null
      ? null
      : `Ombudsdesk was started for the first time. Log in with username: admin and password: ${password} — you will be asked to choose a new password.`;
  // Other seats' changes to cases reach this process's windows (PostgreSQL; on SQLite there are no other seats).
  const stopRelay = relayCaseChanges(engine, services, sessions, events);
  return {
    dataDir: opts.dataDir,
    engine,
    services,
    attachments: attachmentStoreFor(engine, opts.dataDir),
    sessions,
    events,
    kiosk: createKioskControl(sessions),
    jobs,
    secrets: opts.secrets ?? createKeyFileSecretBox(opts.dataDir),
    firstRunNotice,
    restart: () => console.error('ombudsdesk: a restart was asked for, but this app cannot restart itself'),
    close: async () => {
      stopRelay();
      jobs.close();
      await engine.close();
    },
  };
}

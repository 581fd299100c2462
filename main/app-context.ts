// Opens the data folder: the database engine (migrated), the services, the signed-in sessions, and the first-run admin.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from './db/engine.ts';
import { openEngine } from './db/open.ts';
import { ATTACHMENTS_FOLDER, createAttachmentStore, type AttachmentStore } from './services/attachment-store.ts';
import { systemClock, type Clock } from './services/clock.ts';
import { createServiceContext, type ServiceContext } from './services/context.ts';
import { ensureFirstAdmin } from './services/users.ts';

export interface AppContext {
  dataDir: string;
  engine: Engine;
  services: ServiceContext;
  /** Attachment files under <dataDir>/attachments, content-addressed. */
  attachments: AttachmentStore;
  /** Signed-in user per caller (a window's webContents id, or a test transport's session id). */
  sessions: Map<string, number>;
  /** Set on the first start only: how to log in as the new admin. */
  firstRunNotice: string | null;
  close(): Promise<void>;
}

export async function openAppContext(opts: { dataDir: string; now?: Clock; adminPassword?: string }): Promise<AppContext> {
  mkdirSync(opts.dataDir, { recursive: true });
  const engine = openEngine(opts.dataDir);
  const services = createServiceContext(engine, opts.now ?? systemClock);
  const password = await ensureFirstAdmin(services, opts.adminPassword ?? process.env.OMBUDSDESK_ADMIN_PASSWORD);
  const firstRunNotice =
    password === null
      ? null
      : `Ombudsdesk was started for the first time. Log in with username: admin and password: ${password} — you will be asked to choose a new password.`;
  return {
    dataDir: opts.dataDir,
    engine,
    services,
    attachments: createAttachmentStore(path.join(opts.dataDir, ATTACHMENTS_FOLDER)),
    sessions: new Map(),
    firstRunNotice,
    close: () => engine.close(),
  };
}

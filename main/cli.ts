// Ombudsdesk without a window: the same services for demo data and backups, and the prize draw verifier.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context.ts';
import { verifyProtocol } from './domain/draw.ts';
import { DATABASE_FILE } from './db/open.ts';
import { InitRefused, initPostgres } from './db/postgres/admin.ts';
import { describeAddress, parsePostgresUrl, toPgConnection } from './db/postgres/connection.ts';
import { CopyRefused, copySqliteToPostgres } from './db/postgres/copy-from-sqlite.ts';
import { NewerSchemaError, openPostgres } from './db/postgres/index.ts';
import { SYSTEM_ACTOR } from './services/actor.ts';
import { ATTACHMENTS_FOLDER } from './services/attachment-store.ts';
import { engineConfigFor, readConnectionFile } from './services/connection-file.ts';
import { createKeyFileSecretBox } from './services/secrets.ts';
import { importDetail } from './services/imports.ts';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from './vocabulary/demo.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --cases N [--seed S]   fill the database with N realistic demo cases (reproducible for the same seed)
  backup <file> [--url URL]   write a consistent copy of the live database to <file>: written under a temp name
                              beside it, checked (integrity, tables, row counts) and renamed only when complete. On
                              PostgreSQL (--url, or this data folder's connection file) a pg_dump in custom format,
                              checked with pg_restore --list; restore it with pg_restore (README, "Shared server")
  db init --engine postgres --url URL
                              create the Ombudsdesk schema in an empty PostgreSQL database, or bring an older one up to
                              date; a database with a newer schema than this version is refused and left unchanged
  db copy --to URL            copy this data folder's SQLite office (every table and attachment file) into an empty,
                              initialised PostgreSQL database in one transaction, verified by row counts and checksums
                              per table; the SQLite file is only read
  import mail <files...>      import .eml and Outlook .msg files as cases (channel email), in the background job the
                              app uses: batches that commit whole, a Message-ID already imported is skipped
  draw verify <protocol.json> check a prize draw's protocol file alone against every rule of docs/prize-draw.md
                              (exit 0: verified, 1: a rule failed, 2: the file cannot be read as UTF-8 JSON)

Options:
  --data-dir DIR              data folder (default: $OMBUDSDESK_DATA_DIR or ./.ombudsdesk-data)

A PostgreSQL URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=CA.pem]
(sslmode verify-full unless given; a Unix socket as ?host=/folder; the password may come from $PGPASSWORD instead).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      engine: { type: 'string' },
      url: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'draw') return drawCommand(rest);
  if (!['demo', 'backup', 'import', 'db'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  const dataDir = path.resolve(values['data-dir'] ?? process.env.OMBUDSDESK_DATA_DIR ?? '.ombudsdesk-data');
  if (command === 'db') return dbCommand(rest, values, dataDir);
  if (command === 'backup' && (values.url || readConnectionFile(dataDir)?.engine === 'postgres')) return postgresBackup(rest[0], values.url, dataDir);
  // No windows to refresh: the engine opens no LISTEN connection for other seats' changes.
  const app = await openAppContext({ dataDir, engine: engineConfigFor(dataDir, createKeyFileSecretBox(dataDir)), caseFeed: false });
  if (app.firstRunNotice) console.log(app.firstRunNotice);
  try {
    switch (command) {
      case 'demo': {
        const count = Number(values.cases ?? '1000');
        if (!Number.isInteger(count) || count < 1) throw new UsageError('--cases must be a positive whole number');
        const seed = Number(values.seed ?? '42');
        const started = performance.now();
        // A background job, as in the app: its own worker and connection, batches of 500 that commit whole; Ctrl+C
        // cancels it between cases and keeps the batches already written.
        const job = await app.jobs.start('demo', { cases: count, seed, until: new Date().toISOString() }, SYSTEM_ACTOR);
        const cancel = () => void app.jobs.cancel(job.id, SYSTEM_ACTOR);
        process.once('SIGINT', cancel);
        const ticker = setInterval(() => {
          const now = app.jobs.progress(job.id);
          if (now) process.stderr.write(`\r${now.done} / ${now.total ?? count} cases`);
        }, 1000);
        const ended = await app.jobs.finished(job.id).finally(() => {
          clearInterval(ticker);
          process.off('SIGINT', cancel);
        });
        process.stderr.write(`\r${ended.done} / ${ended.total ?? count} cases`);
        if (ended.status !== 'done') {
          process.stderr.write('\n');
          console.error(`Demo ${ended.status}: ${ended.done} cases were written in whole batches${ended.error ? ` (${ended.error.code})` : ''}.`);
          return 1;
        }
        const created = ended.counts.cases ?? 0;
        process.stderr.write('\n');
        console.log(`Created ${created} demo cases in ${dataDir} (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
        console.log(`Demo staff (${DEMO_STAFF.join(', ')}) log in with password ${DEMO_STAFF_PASSWORD}.`);
        return 0;
      }
      case 'import': {
        const [what, ...files] = rest;
        if (what !== 'mail' || files.length === 0) throw new UsageError('usage: import mail <files...>');
        const list = files.map((file) => {
          const full = path.resolve(file);
          const stat = statSync(full, { throwIfNoEntry: false });
          if (!stat?.isFile()) throw new UsageError(`not a file: ${file}`);
          return { name: path.basename(full), path: full, lastModified: Math.floor(stat.mtimeMs) };
        });
        const job = await app.jobs.start('importMail', { source: list.map((file) => file.name).join(', '), files: list }, SYSTEM_ACTOR);
        const cancel = () => void app.jobs.cancel(job.id, SYSTEM_ACTOR);
        process.once('SIGINT', cancel);
        const ended = await app.jobs.finished(job.id).finally(() => process.off('SIGINT', cancel));
        const c = ended.counts;
        console.log(`Import ${ended.status}: ${c.new ?? 0} new cases, ${c.appended ?? 0} added to existing cases, ${c.skipped ?? 0} skipped, ${c.failed ?? 0} failed.`);
        if (c.importId !== undefined) {
          const detail = await importDetail(app.services, SYSTEM_ACTOR, c.importId);
          for (const item of detail.items) console.log(`  ${item.outcome} ${item.item}: ${item.code}${item.reference ? ` (${item.reference})` : ''}${item.details.reason ? ` — ${String(item.details.reason)}` : ''}`);
        }
        if (ended.error) console.error(`Import failed: ${ended.error.code}`);
        return ended.status === 'done' && (c.failed ?? 0) === 0 ? 0 : 1;
      }
      case 'backup': {
        const target = rest[0];
        if (!target) throw new UsageError('backup needs a target file');
        const { totalPages, tables, rows } = await app.engine.backup(path.resolve(target));
        console.log(`Backup written to ${path.resolve(target)} (${totalPages} pages; verified: integrity ok, ${tables} tables, ${rows} rows).`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await app.close();
  }
}

class UsageError extends Error {}

/** A PostgreSQL URL from the command line, the password from $PGPASSWORD when the URL has none. */
function serverFromUrl(url: string | undefined, option: string) {
  if (!url) throw new UsageError(`${option} postgres://… is required`);
  const address = parsePostgresUrl(url);
  if (address.password === undefined && process.env.PGPASSWORD) address.password = process.env.PGPASSWORD;
  return address;
}

async function dbCommand([sub]: string[], values: { engine?: string | undefined; url?: string | undefined; to?: string | undefined }, dataDir: string): Promise<number> {
  if (sub === 'init') {
    if (values.engine !== 'postgres') throw new UsageError('db init needs --engine postgres (SQLite is created by the app in its data folder)');
    const address = serverFromUrl(values.url, '--url');
    try {
      const { applied, latest } = await initPostgres(toPgConnection(address));
      console.log(
        applied.length === 0
          ? `The database ${describeAddress(address)} already has this version's schema (${latest}); nothing to do.`
          : `Schema created in ${describeAddress(address)}: ${applied.length} migration(s) applied, now at ${latest}.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof InitRefused || error instanceof NewerSchemaError) {
        console.error(`ombudsdesk: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
  if (sub === 'copy') {
    const address = serverFromUrl(values.to, '--to');
    const file = path.join(dataDir, DATABASE_FILE);
    try {
      const report = await copySqliteToPostgres({ file, attachments: path.join(dataDir, ATTACHMENTS_FOLDER) }, toPgConnection(address), (line) => console.log(`  ${line}`));
      const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
      console.log(
        `Copied ${file} to ${describeAddress(address)}: ${report.tables.length} tables, ${rows} rows and ${report.attachments.files} attachment files ` +
          `(${report.attachments.bytes} bytes), each table verified by row count and checksum. The SQLite file was only read.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof CopyRefused) {
        console.error(`ombudsdesk: nothing was copied: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
  throw new UsageError('usage: db init --engine postgres --url URL | db copy --to URL');
}

/** pg_dump of the server (the URL given, or this data folder's connection with its key-file sealed password). */
async function postgresBackup(target: string | undefined, url: string | undefined, dataDir: string): Promise<number> {
  if (!target) throw new UsageError('backup needs a target file');
  let engine;
  if (url) engine = await openPostgres(toPgConnection(serverFromUrl(url, '--url')), { migrate: false, caseFeed: false });
  else {
    const config = engineConfigFor(dataDir, createKeyFileSecretBox(dataDir));
    if (config.kind !== 'postgres') throw new UsageError('backup: no PostgreSQL connection');
    engine = await openPostgres(config.connection, { migrate: false, caseFeed: false });
  }
  try {
    const result = await engine.backup(path.resolve(target));
    console.log(`Backup written to ${path.resolve(target)} (pg_dump custom format, ${result.bytes} bytes; verified: ${result.tables} tables with data, ${result.rows} rows).`);
    return 0;
  } finally {
    await engine.close();
  }
}

/** Needs no database: the protocol file alone is checked, so anyone can run it on a copy they were given. */
function drawCommand([sub, file]: string[]): number {
  if (sub !== 'verify' || !file) throw new UsageError('usage: draw verify <protocol.json>');
  let protocol: unknown;
  try {
    // Strict UTF-8: a file in another encoding (Latin-1 from an old editor) is unreadable, not silently repaired with
    // U+FFFD. One byte order mark is dropped (the decoder does that): Windows editors add one when a file is saved.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.resolve(file)));
    } catch (error) {
      if (error instanceof TypeError) throw new Error('the file is not valid UTF-8', { cause: error });
      throw error;
    }
    protocol = JSON.parse(text);
  } catch (error) {
    console.error(`ombudsdesk: cannot read ${file} as a JSON protocol (${error instanceof Error ? error.message : String(error)}).`);
    return 2;
  }
  const result = verifyProtocol(protocol);
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    console.error('Protocol NOT verified.');
    return 1;
  }
  const p = protocol as { fingerprint: string; entries: string[]; winners: string[] };
  console.log(`Protocol verified: fingerprint ${p.fingerprint}, ${p.entries.length} entries, winners: ${p.winners.join(', ')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`ombudsdesk: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error('ombudsdesk:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

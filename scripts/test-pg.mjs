// npm run test:pg: the integration tests against a throwaway PostgreSQL server (tests/support/postgres.ts starts it).
// Where Debian's PostgreSQL binaries are missing, says so and stops without failing, or fails with
// OMBUDSDESK_PG_REQUIRED=1 as in CI (install postgresql and postgresql-contrib, or set OMBUDSDESK_PG_BIN to the folder
// of initdb and postgres). Extra arguments go to vitest
// (e.g. a single file: npm run test:pg -- tests/integration/cases.test.ts).
//
// Without arguments it runs every integration file except those below, each with the reason it does not (yet) run on
// PostgreSQL. A file named on the command line runs whatever the list says.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = '/usr/lib/postgresql';
const bin = process.env.OMBUDSDESK_PG_BIN ?? (existsSync(root) ? readdirSync(root).map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb'))) : undefined);
if (!bin || !existsSync(path.join(bin, 'postgres'))) {
  console.log(`test:pg skipped: no PostgreSQL server binaries (looked in ${process.env.OMBUDSDESK_PG_BIN ?? `${root}/*/bin`}); apt-get install postgresql postgresql-contrib`);
  // CI sets OMBUDSDESK_PG_REQUIRED=1: there a missing server is a failure, not a skip.
  process.exit(process.env.OMBUDSDESK_PG_REQUIRED === '1' ? 1 : 0);
}
/** Integration files that do not run on PostgreSQL, and why. Remove a file from here once it runs on both engines. */
const NOT_ON_POSTGRES = {
  // SQLite by nature: they test the SQLite engine itself or open the SQLite file directly.
  'backup.test.ts': "SQLite's online backup and its verified copy (PostgreSQL's pg_dump backup and restore: postgres-connect.test.ts)",
  'migrations.test.ts': "SQLite's migration files and their history on a raw better-sqlite3 connection (PostgreSQL's twins: postgres-engine.test.ts)",
  'schema.test.ts': "compares schema.ts with SQLite's tables (pragma table_info)",
  'cli.test.ts': "the command line on a SQLite data folder (its PostgreSQL commands, db init, db copy and backup --url: postgres-connect.test.ts)",
  'bulk-writes.test.ts': "SQLite's bulk pragmas (temp_store); PostgreSQL's bulkWrites does nothing",
  // No database at all: the prize draw's algorithm and its shell verifier.
  'draw-cli.test.ts': 'no database (the draw verifier CLI)',
  'draw-recipes.test.ts': 'no database (the documented verifier recipes)',
};

const args = process.argv.slice(2);
const excluded = Object.keys(NOT_ON_POSTGRES).flatMap((file) => ['--exclude', `tests/integration/${file}`]);
const result = spawnSync('npx', ['vitest', 'run', ...(args.some((arg) => !arg.startsWith('-')) ? args : ['tests/integration', ...args, ...excluded])], {
  stdio: 'inherit',
  env: { ...process.env, OMBUDSDESK_TEST_ENGINE: 'postgres', OMBUDSDESK_PG_BIN: bin },
});
process.exit(result.status ?? 1);

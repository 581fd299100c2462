// npm run test:pg: the integration tests against a throwaway PostgreSQL server (tests/support/postgres.ts starts it).
// Where Debian's PostgreSQL binaries are missing, says so and stops without failing (install postgresql and
// postgresql-contrib, or set OMBUDSDESK_PG_BIN to the folder of initdb and postgres). Extra arguments go to vitest
// (e.g. a single file: npm run test:pg -- tests/integration/cases.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = '/usr/lib/postgresql';
const bin = process.env.OMBUDSDESK_PG_BIN ?? (existsSync(root) ? readdirSync(root).map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb'))) : undefined);
if (!bin || !existsSync(path.join(bin, 'postgres'))) {
  console.log(`test:pg skipped: no PostgreSQL server binaries (looked in ${process.env.OMBUDSDESK_PG_BIN ?? `${root}/*/bin`}); apt-get install postgresql postgresql-contrib`);
  process.exit(0);
}
const args = process.argv.slice(2);
const result = spawnSync('npx', ['vitest', 'run', ...(args.length ? args : ['tests/integration'])], {
  stdio: 'inherit',
  env: { ...process.env, OMBUDSDESK_TEST_ENGINE: 'postgres', OMBUDSDESK_PG_BIN: bin },
});
process.exit(result.status ?? 1);

// A large database quickly: copies the cases of a generated demo database (npm run cli -- demo) N times into itself
// through plain INSERT … SELECT, so the triggers index each copy for search and count it (migration 0012) as they
// would a created case. Generating 1,000,000 cases through the services takes an hour on a busy 2-core machine; this
// takes minutes. The copies have no timeline events of their own; references get new numbers.
// Usage: node --experimental-strip-types bench/replicate.ts <data dir> <copies>
import path from 'node:path';
import { openSqlite } from '../main/db/sqlite/index.ts';

const [dir, copiesText] = process.argv.slice(2);
const copies = Number(copiesText);
if (!dir || !Number.isInteger(copies) || copies < 1) throw new Error('usage: replicate.ts <data dir> <copies>');
const { sqlite } = openSqlite(path.join(dir, 'ombudsdesk.sqlite'));
const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(\'cases\')').pluck().all() as string[]).filter((c) => !['id', 'reference', 'number'].includes(c));
const original = sqlite.prepare('SELECT max(id) FROM cases').pluck().get() as number;
const step = (sqlite.prepare('SELECT max(number) FROM cases').pluck().get() as number) + 1;
for (let copy = 1; copy <= copies; copy++) {
  const started = performance.now();
  sqlite.transaction(() => {
    sqlite
      .prepare(`INSERT INTO cases (reference, number, ${columns.join(', ')})
        SELECT year || '-' || printf('%05d', number + ?), number + ?, ${columns.join(', ')} FROM cases WHERE id <= ? ORDER BY id`)
      .run(copy * step, copy * step, original);
  })();
  console.log(`copy ${copy}: ${((performance.now() - started) / 1000).toFixed(1)} s, ${sqlite.prepare('SELECT count(*) FROM cases').pluck().get()} cases`);
}
sqlite.exec('UPDATE reference_counters SET last_number = (SELECT max(number) FROM cases WHERE cases.year = reference_counters.year)');
sqlite.close();

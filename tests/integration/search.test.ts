// Search through the real dispatcher: references, phone numbers in any format, e-mail addresses, German spellings both
// ways, one typo per word, department scoping on every path, hostile input; and the same against generated demo data.
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { CaseDetail, CaseListResult, SearchHit } from '../../main/api/types.ts';
import { DATABASE_FILE, openSqlite as openDatabase } from '../../main/db/sqlite/index.ts';
import { migrate } from '../../main/db/sqlite/migrate.ts';
import { MIGRATIONS } from '../../main/db/sqlite/migrations/index.ts';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import { searchCases } from '../../main/services/case-list.ts';
import { createServiceContext } from '../../main/services/context.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, tempDir, type TempApp, rawDb, rawQuery, rawValue, onPostgres } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let library: number;

const as = <T>(session: string, channel: string, input?: unknown) => valueOf<T>(dispatch, session, channel, input);
const search = (query: string, session = 'office') => as<SearchHit[]>(session, 'searchCases', { query, limit: 50 });
const found = async (query: string, session = 'office') => (await search(query, session)).map((hit) => [hit.reference, hit.matchedBy]);
const listed = async (text: string, session = 'office', filter: object = {}) => {
  const result = await as<CaseListResult>(session, 'listCases', { filter: { ...filter, text }, sort: { column: 'reference', direction: 'asc' }, limit: 100 });
  expect(result.total).toBe(result.rows.length);
  return result.rows.map((row) => row.reference);
};

async function login(session: string, username: string) {
  expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
}

const submitter = (name: string, extra: Record<string, unknown> = {}) => ({ name, consent: true, consentText: 'Einwilligung', language: 'de', ...extra });

async function newCase(subject: string, departmentId: number, person: Record<string, unknown>, description = ''): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', { kind: 'complaint', channel: 'phone', origin: 'external', subject, description, departmentId, submitter: person });
}

/** The next case of `year` gets this number (as if the office had already logged number - 1 cases that year). */
async function nextNumber(year: number, number: number) {
  await rawQuery(t.app, 'INSERT INTO reference_counters (year, last_number) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number', [year, number - 1]);
}

const SQLITE_ONLY = 'SQLite-specific (a second raw better-sqlite3 connection, FTS5 integrity-check, the SQLite migration path)';
if (onPostgres) console.log(`search.test.ts: skipped on PostgreSQL, ${SQLITE_ONLY}: "keeps the index right when another connection writes cases", "migration 0008"`);

beforeEach(async () => {
  t = await openTempApp('2026-03-02T09:00:00');
  roads = await t.department('Straßen und Tiefbau');
  library = await t.department('Bibliothek');
  await t.user('petra', 'ombudsman');
  await t.user('head-roads', 'department_head', [roads]);
  dispatch = createDispatcher(t.app, () => undefined);
  await login('office', 'petra');
  await login('roads', 'head-roads');
});
afterEach(async () => t.cleanup());

describe('search', () => {
  let mueller: CaseDetail;
  let strasse: CaseDetail;
  let karin: CaseDetail;

  beforeEach(async () => {
    await nextNumber(2026, 918);
    mueller = await newCase('Wartezeit im Bürgerbüro', roads, submitter('Jürgen Müller', { email: 'Juergen.Mueller@Example.org', phone: '+49 221 123456' }), 'Zwei Stunden gewartet.');
    strasse = await newCase('Laterne defekt', library, submitter('Anna Weiß', { email: 'anna.weiss@example.org', phone: '0221 987654' }), 'Die Goethestraße ist dunkel.');
    karin = await newCase('Parkplatz', roads, submitter('Karin Mueller', { phone: '0049 (0)221 555-0101' }));
    expect([mueller.reference, strasse.reference, karin.reference]).toEqual(['2026-00918', '2026-00919', '2026-00920']);
  });

  it('finds a case by its full reference and by its number part, reference hits first', async () => {
    expect(await found('2026-00918')).toEqual([['2026-00918', 'reference']]);
    expect(await found(' 2026-918 ')).toEqual([['2026-00918', 'reference']]);
    expect(await found('00918')).toEqual([['2026-00918', 'reference']]);
    expect(await found('918')).toEqual([['2026-00918', 'reference']]);
    expect(await listed('2026-00918')).toEqual(['2026-00918']);
    expect(await listed('00919')).toEqual(['2026-00919']);
    // The number part in two years: both are reference hits, the newest year first; the full reference names one.
    t.setNow('2027-01-05T09:00:00');
    await nextNumber(2027, 918);
    await newCase('Baustelle', roads, submitter('Eva Roth'), 'Bitte Fall 918 beachten.');
    expect(await found('918')).toEqual([
      ['2027-00918', 'reference'],
      ['2026-00918', 'reference'],
    ]);
    expect(await found('2027-00918')).toEqual([['2027-00918', 'reference']]);
    expect(await found('2026-00918')).toEqual([['2026-00918', 'reference']]);
    // A reference is found before a text that merely mentions its number.
    expect((await found('00920'))[0]).toEqual(['2026-00920', 'reference']);
  });

  it('finds a phone number whatever its format', async () => {
    for (const phone of ['+49 221 123456', '0221 123456', '0221-123456', '0221/12 34 56', '0049 221 123456', '221123456']) {
      expect(await found(phone), phone).toEqual([['2026-00918', 'contact']]);
      expect(await listed(phone), phone).toEqual(['2026-00918']);
    }
    expect(await found('+49 221 5550101')).toEqual([['2026-00920', 'contact']]);
    expect(await found('0221 98765')).toEqual([['2026-00919', 'contact']]); // still typing: a prefix
  });

  it('finds an e-mail address, whole or its local part, in any case', async () => {
    expect(await found('juergen.mueller@example.org')).toEqual([['2026-00918', 'contact']]);
    expect(await found('JUERGEN.MUELLER@EXAMPLE.ORG')).toEqual([['2026-00918', 'contact']]);
    expect(await found('juergen.mueller')).toEqual([['2026-00918', 'contact']]);
    expect(await found('anna.weiss@exa')).toEqual([['2026-00919', 'contact']]);
    expect(await listed('Juergen.Mueller@example.org')).toEqual(['2026-00918']);
    // Not the start of an address: no contact match, but its words still occur in the address.
    expect(await found('mueller@example.org')).toEqual([['2026-00918', 'text']]);
  });

  it('folds German spellings both ways: Müller = Mueller = Muller, ß = ss', async () => {
    expect(await found('Müller')).toEqual([
      ['2026-00918', 'text'],
      ['2026-00920', 'text'],
    ]);
    expect((await found('Mueller')).map(([reference]) => reference).sort()).toEqual(['2026-00918', '2026-00920']);
    expect(await found('Muller')).toEqual([['2026-00918', 'text']]); // a stored "Mueller" is not a "Muller"
    expect(await found('Jürgen Mueller')).toEqual([['2026-00918', 'text']]);
    expect(await found('juergen muller')).toEqual([['2026-00918', 'text']]);
    expect(await found('Buergerbuero')).toEqual([['2026-00918', 'text']]);
    expect(await found('Weiss')).toEqual([['2026-00919', 'text']]);
    expect(await found('Weiß')).toEqual([['2026-00919', 'text']]);
    expect(await found('goethestrasse')).toEqual([['2026-00919', 'text']]);
    expect(await found('GOETHESTRASSE')).toEqual([['2026-00919', 'text']]);
    expect(await found('Goethestraße')).toEqual([['2026-00919', 'text']]);
    expect(await listed('Mueller')).toEqual(['2026-00918', '2026-00920']);
    expect(await listed('goethestrasse')).toEqual(['2026-00919']);
  });

  it('tolerates one typo per word, only when nothing matches exactly', async () => {
    expect(await found('Jurgen Muler')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Muler')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Jrügen')).toEqual([['2026-00918', 'fuzzy']]); // two neighbours swapped
    expect(await found('Wartezit Bürgerbüro')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Goethestrase')).toEqual([['2026-00919', 'fuzzy']]);
    expect(await listed('Jurgen Muler')).toEqual(['2026-00918']);
    expect(await listed('Muler', 'office', { kinds: ['complaint'] })).toEqual(['2026-00918']);
    expect(await listed('Muler', 'office', { kinds: ['idea'] })).toEqual([]);
    // Two typos in one word are too many, and an exact hit keeps the typo search out.
    expect(await found('Mulr')).toEqual([]);
    expect(await found('Mullerr Jurgn')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Mulerr')).toEqual([]); // mulerr -> muller is two edits
    await newCase('Muler Straße', library, submitter('Ute Muler'));
    expect(await found('Muler')).toEqual([['2026-00921', 'text']]);
    // The first letter counts as typed: it may be one too many ("Xjurgen") or swapped ("Ujrgen"), but is never
    // replaced ("Kuller") or missing ("Urgen").
    expect(await found('Xjurgen Mueller')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Ujrgen Mueller')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('Kuller')).toEqual([]);
    expect(await found('Urgen')).toEqual([]);
    // Short words are never corrected: "Ana" is not "Anna".
    expect(await found('Ana')).toEqual([]);
  });

  it('keeps department heads to their departments on every path', async () => {
    // roads sees the Müller and Mueller cases, never the library's Weiß case — by reference, phone, e-mail, text or typo.
    expect(await found('Müller', 'roads')).toEqual([
      ['2026-00918', 'text'],
      ['2026-00920', 'text'],
    ]);
    for (const query of ['2026-00919', '00919', '919', '0221 987654', 'anna.weiss@example.org', 'anna.weiss', 'Weiss', 'Weiß', 'Goethestrasse', 'Weis', 'Goethestrase', 'Laterne']) {
      expect(await found(query, 'roads'), query).toEqual([]);
      expect(await listed(query, 'roads'), query).toEqual([]);
    }
    expect(await found('Jurgen Muler', 'roads')).toEqual([['2026-00918', 'fuzzy']]);
    expect(await found('918', 'roads')).toEqual([['2026-00918', 'reference']]);
  });

  it("follows a case to its new department: the head it was forwarded to finds it, the one it left does not", async () => {
    // PostgreSQL's index table keeps each case's department (migration 0029) for a head's search: it must follow.
    await as('office', 'transitionCase', { id: strasse.id, action: 'forward', departmentId: roads });
    await as('office', 'transitionCase', { id: mueller.id, action: 'forward', departmentId: library });
    expect(await found('Laterne', 'roads')).toEqual([['2026-00919', 'text']]);
    expect(await found('Goethestrase', 'roads')).toEqual([['2026-00919', 'fuzzy']]);
    expect(await found('Wartezeit', 'roads')).toEqual([]);
    expect(await found('Müller', 'roads')).toEqual([['2026-00920', 'text']]);
    expect(await found('Wartezeit')).toEqual([['2026-00918', 'text']]);
  });

  it('never fails on hostile input', async () => {
    const hostile = [
      '"',
      '""',
      '") OR * NEAR(',
      'NEAR(Müller Jürgen, 2)',
      '*',
      '^',
      '^Müller',
      'Müller*',
      'a AND OR NOT b',
      'name : Müller',
      '{name email} : x',
      '-phone : 1',
      'x@"y',
      '"@"',
      '@',
      '+',
      '+49',
      '()',
      '0000000',
      '\u0000',
      '\ud800',
      '\u0301\u0301',
      '🙂 Müller',
      'ẞ',
      '\u202e\u200b',
      'ﬀ ǅ Ⅻ',
      'a'.repeat(200),
      'Müller '.repeat(28),
      '9'.repeat(200),
    ];
    for (const query of hostile) {
      const result = await dispatch('office', 'searchCases', { query, limit: 50 });
      expect(result.ok || result.error.code === 'invalid_input', JSON.stringify(query)).toBe(true);
      const list = await dispatch('office', 'listCases', { filter: { text: query } });
      expect(list.ok || list.error.code === 'invalid_input', JSON.stringify(query)).toBe(true);
    }
    expect(await found('NEAR(Müller Jürgen, 2)')).toEqual([]);
    expect(await found('^Müller')).toEqual([
      ['2026-00918', 'text'],
      ['2026-00920', 'text'],
    ]);
  });

  it.skipIf(onPostgres)('keeps the index right when another connection writes cases, without any registered function', async () => {
    const raw = new BetterSqlite3(path.join(t.dir, DATABASE_FILE));
    raw.pragma('busy_timeout = 5000');
    raw
      .prepare("UPDATE cases SET submitter_phone = '+49 (0)30 7654321', submitter_name = 'Jürgen Schröder', submitter_email = 'js@example.org' WHERE id = ?")
      .run(mueller.id);
    raw.close();
    expect(await found('030 7654321')).toEqual([['2026-00918', 'contact']]);
    expect(await found('0221 123456')).toEqual([]);
    expect(await found('Schroeder')).toEqual([['2026-00918', 'text']]);
    expect((await found('Müller')).map(([reference]) => reference)).toEqual(['2026-00920']);
    // The external-content index agrees with the view it was written from.
    expect(() => rawDb(t.app).prepare("INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });
});

// Builds its 1,300 matches with SQLite's raw connection.
describe('search with more matches than it ranks', () => {
  // Hits are ranked among the newest 1,000 matches (RANKED_CANDIDATES; a department head's: the newest 1,000 in their
  // departments), the best first and, among equally good ones, the newest first; the last word is a prefix. On both
  // engines: PostgreSQL's cut-off is SQL of its own (main/db/postgres/search.ts, amongNewest).
  const strong = ['Wartezeit Bürgerbüro', 'Wartezeit im Bürgerbüro, wieder Wartezeit im Bürgerbüro, Wartezeit.'] as const;
  let number = 5000;
  /** count copies of a case (texts, department) as new cases, through the same triggers that index a created one. */
  async function copies(of: CaseDetail, count: number) {
    const columns = (
      await rawQuery<{ name: string }>(
        t.app,
        onPostgres
          ? "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'cases' AND table_schema = current_schema() ORDER BY ordinal_position"
          : "SELECT name FROM pragma_table_info('cases')",
      )
    ).map((row) => row.name).filter((c) => !['id', 'reference', 'number'].includes(c));
    // Numbers 5000 to 9999: four digits, so the reference is 2026-0 and the number on either engine.
    await rawQuery(
      t.app,
      `WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO cases (reference, number, ${columns.join(', ')}) SELECT '2026-0' || (? + i), ? + i, ${columns.join(', ')} FROM cases, n WHERE cases.id = ? ORDER BY i`,
      [count, number, number, of.id],
    );
    number += count;
  }
  const department = (id: number) => rawValue<number>(t.app, 'SELECT department_id FROM cases WHERE id = ?', [id]);

  it('ranks the newest matches, best first and the newest first among equals, and keeps a department head to theirs', async () => {
    await nextNumber(2026, 100);
    const oldest = await newCase(strong[0], roads, submitter('Erika Alt'), strong[1]);
    await copies(await newCase('Wartezeit im Bürgerbüro', library, submitter('Lea Leser'), 'Lange gewartet.'), 1100);
    await copies(await newCase('Wartezeit im Bürgerbüro', roads, submitter('Tom Tief'), 'Lange gewartet.'), 200);
    const older = await newCase(strong[0], roads, submitter('Olga Mitte'), strong[1]);
    await copies(await newCase('Wartezeit im Bürgerbüro', library, submitter('Lea Leser'), 'Lange gewartet.'), 50);
    const newest = await newCase(strong[0], roads, submitter('Nina Neu'), strong[1]);
    await copies(await newCase('Wartezeit im Bürgerbüro', library, submitter('Lea Leser'), 'Lange gewartet.'), 30);
    expect(Number(await rawValue(t.app, "SELECT count(*) FROM cases WHERE subject LIKE 'Wartezeit%'"))).toBeGreaterThan(1300);

    const newestMatches = async (departmentId?: number) =>
      (await rawQuery<{ id: number }>(t.app, `SELECT id FROM cases WHERE subject LIKE 'Wartezeit%'${departmentId ? ' AND department_id = ?' : ''} ORDER BY id DESC LIMIT 50`, departmentId ? [departmentId] : []))
        .map((row) => row.id);
    for (const query of ['Wartezeit Bürgerbüro', 'wartezeit buergerbuero', 'Wartezeit Bürgerb']) {
      const hits = await search(query);
      expect(hits, query).toHaveLength(50);
      expect(hits.every((hit) => hit.matchedBy === 'text'), query).toBe(true);
      expect(hits[0]!.snippet, query).toContain('[Wartezeit]');
      const scoped = await search(query, 'roads');
      expect(scoped, query).toHaveLength(50);
      expect(new Set(await Promise.all(scoped.map((hit) => department(hit.id)))), query).toEqual(new Set([roads]));
      if (onPostgres) {
        // PostgreSQL's index holds each word of a case once (migration 0008: no counts, no positions), so every match
        // ranks alike and the newest come first: the newest 50, the office's and roads' own (the cut-off and the scope
        // of main/db/postgres/search.ts's amongNewest).
        expect(hits.map((hit) => hit.id), query).toEqual(await newestMatches());
        expect(scoped.map((hit) => hit.id), query).toEqual(await newestMatches(roads));
        continue;
      }
      // The two strong matches among the newest 1,000, the newer first; the oldest strong one is past the cut-off.
      expect(hits.slice(0, 2).map((hit) => hit.id), query).toEqual([newest.id, older.id]);
      expect(hits.map((hit) => hit.id), query).not.toContain(oldest.id);
      // roads has fewer than 1,000 matches: all are ranked, so its oldest strong match comes third; only roads' cases.
      expect(scoped.slice(0, 3).map((hit) => hit.id), query).toEqual([newest.id, older.id, oldest.id]);
    }
    // A last word that no indexed word starts with matches nothing as text; one typo away, the typo search finds it.
    expect(await search('Wartezeit Xylofon')).toEqual([]);
    expect((await search('Wartezeit Bürgerbürq')).map((hit) => hit.matchedBy)).toContain('fuzzy');
  });
});

describe.skipIf(onPostgres)('migration 0008', () => {
  it('indexes the cases a database already holds', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const sqlite = new BetterSqlite3(file);
    const before = MIGRATIONS.findIndex((m) => m.id === '0008_search');
    migrate(sqlite, MIGRATIONS.slice(0, before));
    sqlite
      .prepare(
        `INSERT INTO cases (reference, year, number, kind, channel, origin, received_at, received_on, subject, description, submitter_name,
           submitter_email, submitter_phone, status, stage_started_on, ack_due, response_due, created_at, updated_at)
         VALUES ('2025-00918', 2025, 918, 'idea', 'letter', 'external', '2025-05-05T08:00:00.000Z', '2025-05-05', 'Mehr Bänke', 'Am Rhein',
           'Käthe Groß', 'kaethe@example.org', '0221 44 55 66', 'new', '2025-05-05', '2025-05-12', '2025-05-19', '2025-05-05T08:00:00.000Z', '2025-05-05T08:00:00.000Z')`,
      )
      .run();
    sqlite.close();
    const db = openDatabase(file); // applies 0008 and what follows
    const ctx = createServiceContext(db);
    const office = { id: 1, role: 'ombudsman' as const, departmentIds: [] };
    for (const query of ['2025-00918', '918', '+49 221 445566', 'kaethe@example.org', 'Kaethe Gross', 'Käthe Groß', 'Kathe', 'Baenke', 'Kaete Gros']) {
      expect((await searchCases(ctx, office, query, 10)).map((hit) => hit.reference), query).toEqual(['2025-00918']);
    }
    await db.close();
  });
});

describe('search in demo data', () => {
  it('finds generated cases by reference, phone in another format, e-mail and transliterated name', async () => {
    await generateDemoData(t.app.services, { cases: 1500, seed: 11, until: new Date('2026-03-02T09:00:00') });
    const pick = async <T>(where: string) => (await rawQuery<T>(t.app, `SELECT id, reference, submitter_name AS name, submitter_email AS email, submitter_phone AS phone FROM cases WHERE ${where} ORDER BY id LIMIT 1 OFFSET 7`))[0]!;
    type Row = { id: number; reference: string; name: string; email: string; phone: string };

    const some = await pick<Row>('1 = 1');
    expect(await found(some.reference)).toEqual([[some.reference, 'reference']]);

    const withPhone = await pick<Row>("submitter_phone LIKE '+49 221 %'");
    const national = withPhone.phone.replace('+49 221 ', '0221 '); // "+49 221 123456" -> "0221 123456"
    const dashed = national.replace(' ', '-');
    for (const phone of [withPhone.phone, national, dashed]) {
      const hits = await search(phone);
      expect(hits.map((hit) => hit.id), phone).toContain(withPhone.id);
      expect(hits.every((hit) => hit.matchedBy === 'contact'), phone).toBe(true);
    }

    const withEmail = await pick<Row>("submitter_email IS NOT NULL AND submitter_name LIKE '%ü%'");
    const byEmail = await search(withEmail.email.toUpperCase());
    expect(byEmail.map((hit) => hit.id)).toContain(withEmail.id);
    expect(byEmail[0]!.matchedBy).toBe('contact');

    // "Jürgen Müller" typed as "Juergen Mueller", "Jurgen Muller" and with a typo: the same cases.
    const expected = (await rawQuery<{ reference: string }>(t.app, "SELECT reference FROM cases WHERE submitter_name = 'Jürgen Müller' ORDER BY id")).map((row) => row.reference);
    expect(expected.length).toBeGreaterThan(3);
    const all = async (text: string) => {
      const result = await as<CaseListResult>('office', 'listCases', { filter: { text }, sort: { column: 'reference', direction: 'asc' }, limit: 500 });
      return result.rows.map((row) => row.reference).sort();
    };
    const sorted = [...expected].sort();
    expect(await all('Juergen Mueller')).toEqual(sorted);
    expect(await all('Jurgen Muller')).toEqual(sorted);
    expect(await all('Jürgen Müller')).toEqual(sorted);
    // With a typo the demo's "jrgen.mller@example.org" (Jørgen Møller's address without its ø) is one edit away too.
    expect(await all('Jurgen Muler')).toEqual(expect.arrayContaining(sorted));
    const hits = await search('Juergen Mueller');
    expect(hits.length).toBe(Math.min(50, expected.length));
    expect(hits.every((hit) => hit.matchedBy === 'text' && expected.includes(hit.reference))).toBe(true);
  });
});

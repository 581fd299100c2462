// Mail files as cases (issue 12, part 1), through the window's call and the real job runner (parsing in the worker):
// every fixture imports with its decoded subject, sender and attachment names as the manifests list them (read here,
// not copied); a second import of everything opens nothing and says skipped; a reference in the subject appends to that
// case; auto-replies and bounces never open a case; bad input fails with a named error and changes nothing; a batch
// that fails half-way leaves nothing of itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import type { ImportDetail, JobRecord } from '../../main/api/types.ts';
import { safeFileName } from '../../main/domain/attachments.ts';
import { parseMailFile, type ParsedMail } from '../../main/io/mail.ts';
import { ATTACHMENTS_FOLDER, sha256Of, type AttachmentStore } from '../../main/services/attachment-store.ts';
import { beginImport, importMailBatch, type MailBatchItem } from '../../main/services/imports.ts';
import { jsonText } from '../../main/db/dialect.ts';
import { onPostgres, openTempApp, rawQuery, rawValue, removeTempDirs, snapshotTables, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const NOW = '2027-03-01T09:00:00';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/email');
interface Expected {
  file: string;
  subject: string;
  from_: string;
  attachments: string[];
}
// The Python-written manifest spells U+FFFD as the text "\ufffd" (see the fixtures' SOURCES.md).
const unescape = (text: string) => text.replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const emlManifest = (JSON.parse(readFileSync(path.join(FIXTURES, 'eml_manifest.json'), 'utf8')) as Expected[]).map((e) => ({ ...e, dir: 'eml', subject: unescape(e.subject) }));
const msgManifest = (JSON.parse(readFileSync(path.join(FIXTURES, 'msg_manifest.json'), 'utf8')) as Expected[]).map((e) => ({ ...e, dir: 'msg' }));
const msgProvenance = readFileSync(path.join(FIXTURES, 'msg_provenance.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t')[2]!);
const ALL = [...emlManifest, ...msgManifest];

/** "Name <address>" as a manifest writes it: the name without quotes, the address in lower case. */
function sender(from: string): { name: string | null; address: string | null } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (match) return { name: match[1]!.trim() || null, address: match[2]!.toLowerCase() };
  return { name: null, address: from.trim().toLowerCase() || null };
}
/** A name sent as a Windows path is kept as its last part (SOURCES.md). */
const baseName = (name: string) => name.slice(name.lastIndexOf('\\') + 1);
const squash = (text: string) => text.replace(/\s+/g, '');

const fileOf = (dir: string, file: string) => ({ name: file, dataBase64: readFileSync(path.join(FIXTURES, dir, file)).toString('base64') });

async function office(t: TempApp) {
  await t.user('petra', 'ombudsman');
  const dispatch = createDispatcher(t.app, () => undefined);
  await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD });
  const run = async (files: { name: string; dataBase64: string }[]) => {
    const started = await dispatch('w', 'importMailFiles', { files });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const ended = await t.app.jobs.finished((started.value as JobRecord).id);
    const detail = await dispatch('w', 'importDetail', { id: ended.counts.importId! });
    return { job: ended, detail: (detail as { value: ImportDetail }).value };
  };
  return { dispatch, run };
}

const snapshot = (t: TempApp) => snapshotTables(t.app, ['jobs', 'imports', 'import_items', 'request_ids', 'auth_failures', 'user_markers']);

describe('importing mail files', () => {
  it('the manifests cover every fixture file', () => {
    expect(emlManifest.map((e) => e.file).sort()).toEqual(readdirSync(path.join(FIXTURES, 'eml')).sort());
    expect(msgManifest.map((e) => e.file).sort()).toEqual([...msgProvenance].sort());
    expect(msgProvenance.sort()).toEqual(readdirSync(path.join(FIXTURES, 'msg')).sort());
  });

  it('imports all 15 .eml and 4 .msg files as email cases with their subject, sender and attachments; twice imports nothing new', async () => {
    const t = await openTempApp(NOW);
    const { run } = await office(t);
    const first = await run(ALL.map((e) => fileOf(e.dir, e.file)));
    expect(first.job.status).toBe('done');
    expect(first.detail.counts).toEqual({ new: ALL.length, appended: 0, skipped: 0, failed: 0 });
    const fileName = jsonText('e.data', 'fileName').compile(t.app.engine.db).sql;
    for (const expected of ALL) {
      const [row] = await rawQuery<{ id: number; subject: string; channel: string; submitter_name: string | null; submitter_email: string | null }>(
        t.app,
        `SELECT c.id, c.subject, c.channel, c.submitter_name, c.submitter_email, c.received_at FROM imported_sources s JOIN cases c ON c.id = s.case_id
         JOIN case_events e ON e.case_id = c.id AND e.type = 'mail_imported' AND ${fileName} = ?`,
        [expected.file],
      );
      if (!row) throw new Error(`${expected.file}: not imported`);
      expect(row, expected.file).toBeDefined();
      expect(row.channel).toBe('email');
      // Folding whitespace between encoded words is not part of the text; the file name stands in for a missing subject.
      expect(squash(row.subject), expected.file).toBe(squash(expected.subject || expected.file));
      const from = sender(expected.from_);
      expect({ name: row.submitter_name, email: row.submitter_email }, expected.file).toEqual({ name: from.name, email: from.address });
      const names = (await rawQuery<{ file_name: string }>(t.app, 'SELECT file_name FROM attachments WHERE case_id = ? ORDER BY id', [row.id])).map((r) => r.file_name);
      // Every listed attachment, in order, under its safe name; then the original message, last.
      const listed = names.filter((name) => expected.attachments.some((a) => safeFileName(baseName(a)) === name));
      expect(listed, expected.file).toEqual(expected.attachments.map((a) => safeFileName(baseName(a))));
      expect(names.at(-1)).toBe(expected.file);
    }
    const cases = () => rawValue<number>(t.app, 'SELECT count(*) FROM cases');
    expect(await cases()).toBe(ALL.length);
    // The job's worker stored the files where the app reads them: on PostgreSQL in attachment_contents (one row per
    // content, none in the data folder), on SQLite as files; every one reads back with its hash.
    const hashes = (await rawQuery<{ sha256: string }>(t.app, 'SELECT DISTINCT sha256 FROM attachments ORDER BY sha256')).map((row) => row.sha256);
    expect(hashes.length).toBeGreaterThan(ALL.length);
    for (const hash of hashes) expect(sha256Of((await t.app.attachments.read(t.app.services.read, hash))!), hash).toBe(hash);
    if (onPostgres) {
      expect((await rawQuery<{ sha256: string }>(t.app, 'SELECT sha256 FROM attachment_contents ORDER BY sha256')).map((row) => row.sha256)).toEqual(hashes);
      expect(existsSync(path.join(t.dir, ATTACHMENTS_FOLDER))).toBe(false);
    } else {
      expect(existsSync(path.join(t.dir, ATTACHMENTS_FOLDER))).toBe(true);
    }

    const second = await run(ALL.map((e) => fileOf(e.dir, e.file)));
    expect(second.detail.counts).toEqual({ new: 0, appended: 0, skipped: ALL.length, failed: 0 });
    expect(second.detail.items.every((item) => item.code === 'already_imported' && item.reference !== null)).toBe(true);
    expect(await cases()).toBe(ALL.length);
    // The history lists both runs, newest first.
    const { dispatch } = { dispatch: createDispatcher(t.app, () => undefined) };
    await dispatch('h', 'login', { username: 'petra', password: STAFF_PASSWORD });
    const history = (await dispatch('h', 'listImports', undefined)) as { value: { counts: { new: number; skipped: number } }[] };
    expect(history.value.map((r) => r.counts.new)).toEqual([0, ALL.length]);
  }, 60_000);

  it('parses the manifest fields exactly (decoded charsets, RFC 2231 names, UTF-7, raw 8-bit, winmail.dat kept)', async () => {
    for (const expected of ALL) {
      const mail = await parseMailFile({ fileName: expected.file, bytes: readFileSync(path.join(FIXTURES, expected.dir, expected.file)) }, new Date(NOW));
      expect(squash(mail.subject), expected.file).toBe(squash(expected.subject));
      for (const name of expected.attachments) expect(mail.attachments.map((a) => a.fileName), expected.file).toContain(baseName(name));
    }
    const tnef = await parseMailFile({ fileName: 'x.eml', bytes: readFileSync(path.join(FIXTURES, 'eml/zbateson_m4006_ms-tnef_winmail.eml')) }, new Date(NOW));
    expect(tnef.attachments.map((a) => [a.fileName, a.mediaType])).toEqual([['winmail.dat', 'application/ms-tnef']]);
  });

  it('a mail whose subject names a known case is added to that case instead of opening one', async () => {
    const t = await openTempApp(NOW);
    const { run } = await office(t);
    await run([fileOf('eml', 'zbateson_m0011_outlook2000_multipart_3att_qp_de.eml')]);
    const [{ id, reference }] = (await rawQuery<{ id: number; reference: string }>(t.app, 'SELECT id, reference FROM cases')) as [{ id: number; reference: string }];
    const answer = `From: Doug Sauder <doug@example.com>\r\nSubject: Re: Ihr Anliegen ${reference}\r\nDate: Mon, 01 Mar 2027 08:00:00 +0100\r\nMessage-ID: <answer-1@example.com>\r\n\r\nDanke, hier noch ein Foto.\r\n`;
    const result = await run([{ name: 'answer.eml', dataBase64: Buffer.from(answer).toString('base64') }]);
    expect(result.detail.counts).toEqual({ new: 0, appended: 1, skipped: 0, failed: 0 });
    expect(await rawValue(t.app, 'SELECT count(*) FROM cases')).toBe(1);
    const event = await rawValue<string>(t.app, "SELECT data FROM case_events WHERE case_id = ? AND type = 'mail_received'", [id]);
    expect(JSON.parse(event)).toMatchObject({ subject: `Re: Ihr Anliegen ${reference}`, fromAddress: 'doug@example.com', body: 'Danke, hier noch ein Foto.' });
    expect(await rawValue(t.app, 'SELECT file_name FROM attachments WHERE case_id = ? ORDER BY id DESC LIMIT 1', [id])).toBe('answer.eml');
    // The same answer again: skipped as already imported.
    expect((await run([{ name: 'answer.eml', dataBase64: Buffer.from(answer).toString('base64') }])).detail.counts.skipped).toBe(1);
  }, 30_000);

  it('auto-replies and bounces never open a case (DSN, Auto-Submitted, an out-of-office subject with its header)', async () => {
    const t = await openTempApp(NOW);
    const { run } = await office(t);
    const files = readdirSync(path.join(FIXTURES, 'synthetic')).map((file) => fileOf('synthetic', file));
    const result = await run(files);
    expect(result.detail.counts).toEqual({ new: 0, appended: 0, skipped: 3, failed: 0 });
    expect(result.detail.items.map((item) => item.code)).toEqual(['mail_automatic', 'mail_automatic', 'mail_automatic']);
    expect(await rawValue(t.app, 'SELECT count(*) FROM cases')).toBe(0);
    // The subject alone is a weak sign: without an automatic header the same words are a person's mail.
    const plain = 'From: a@example.net\r\nSubject: Out of office: die Ampel\r\nMessage-ID: <p1@example.net>\r\n\r\nDie Ampel ist defekt.\r\n';
    expect((await parseMailFile({ fileName: 'p.eml', bytes: Buffer.from(plain) }, new Date(NOW))).automatic).toBeNull();
  }, 30_000);

  it('bad input gives a named error per file and leaves the database unchanged', async () => {
    const t = await openTempApp(NOW);
    const { run } = await office(t);
    const good = readFileSync(path.join(FIXTURES, 'eml/phpmmp_m0008_multipart_3att_qp.eml'));
    let nested = 'From: a@example.net\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n';
    for (let depth = 0; depth < 1000; depth++) nested += `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n`;
    nested += 'Content-Type: text/plain\r\n\r\nx\r\n';
    for (let depth = 999; depth >= 0; depth--) nested += `--b${depth}--\r\n`;
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    const bad = [
      { name: 'truncated.eml', bytes: good.subarray(0, Math.floor(good.length / 2)) },
      { name: 'binary.eml', bytes: binary },
      { name: 'empty.eml', bytes: Buffer.alloc(0) },
      { name: 'nested.eml', bytes: Buffer.from(nested) },
      { name: 'truncated.msg', bytes: readFileSync(path.join(FIXTURES, 'msg/sicos_EmailWithAttachments.msg')).subarray(0, 3000) },
    ];
    const before = await snapshot(t);
    const result = await run(bad.map((file) => ({ name: file.name, dataBase64: file.bytes.toString('base64') })));
    expect(result.job.status).toBe('done');
    expect(result.detail.items.map((item) => [item.item, item.outcome, item.code])).toEqual([
      ['truncated.eml', 'failed', 'mail_truncated'],
      ['binary.eml', 'failed', 'mail_unreadable'],
      ['empty.eml', 'failed', 'mail_empty'],
      ['nested.eml', 'failed', 'mail_too_deep'],
      ['truncated.msg', 'failed', 'mail_unreadable'],
    ]);
    // Each error names its file.
    for (const item of result.detail.items) expect(item.details.file).toBe(item.item);
    expect(await snapshot(t)).toBe(before);
    // Over the size limits (small limits here; the app's are 50 MB per message and 25 MB per attachment).
    await expect(parseMailFile({ fileName: 'big.eml', bytes: good }, new Date(NOW), { maxMessageBytes: 1000, maxAttachmentBytes: 10, maxMultiparts: 64 })).rejects.toMatchObject({
      code: 'mail_too_large',
      details: { file: 'big.eml' },
    });
    await expect(parseMailFile({ fileName: 'att.eml', bytes: good }, new Date(NOW), { maxMessageBytes: 1_000_000, maxAttachmentBytes: 10, maxMultiparts: 64 })).rejects.toMatchObject({
      code: 'mail_attachment_too_large',
      details: { file: 'att.eml', attachment: 'logo.jpg' },
    });
  }, 30_000);

  it('a batch that fails half-way leaves none of its cases, attachments or sources', async () => {
    const t = await openTempApp(NOW);
    const petra = await t.user('petra', 'ombudsman');
    const items: MailBatchItem[] = [];
    for (const file of ['phpmmp_m0008_multipart_3att_qp.eml', 'zbateson_m0011_outlook2000_multipart_3att_qp_de.eml', 'mailparser_nodemailer_utf8_qp_3att.eml']) {
      const bytes = readFileSync(path.join(FIXTURES, 'eml', file));
      const mail: ParsedMail = await parseMailFile({ fileName: file, bytes }, new Date(NOW));
      items.push({ name: file, mail, original: bytes });
    }
    const importId = await beginImport(t.app.services, petra, { kind: 'mail', source: 'test', jobId: null });
    const before = await snapshot(t);
    // The app's store (files on SQLite, attachment_contents on PostgreSQL) gives out on the second message's files: the
    // first message's case, and on PostgreSQL its stored contents, must go with the batch.
    const real = t.app.attachments;
    let puts = 0;
    const failing: AttachmentStore = { ...real, put: (db, bytes) => (++puts > 5 ? Promise.reject(new Error('disk full')) : real.put(db, bytes)) };
    await expect(importMailBatch(t.app.services, failing, petra, importId, items)).rejects.toThrow('disk full');
    expect(puts).toBeGreaterThan(4);
    expect(await snapshot(t)).toBe(before);
    const [row] = await rawQuery(t.app, 'SELECT new_count, skipped_count, failed_count FROM imports WHERE id = ?', [importId]);
    expect(row).toEqual({ new_count: 0, skipped_count: 0, failed_count: 0 });
    // The same batch with a working store goes in whole.
    expect(await importMailBatch(t.app.services, t.app.attachments, petra, importId, items)).toEqual({ new: 3, appended: 0, skipped: 0, failed: 0 });
  }, 30_000);

  it("a message larger than the store takes (PostgreSQL's 25 MB) fails alone, and the rest of its batch goes in", async () => {
    const t = await openTempApp(NOW);
    const petra = await t.user('petra', 'ombudsman');
    const items: (MailBatchItem & { original: Uint8Array })[] = [];
    for (const file of ['phpmmp_m0008_multipart_3att_qp.eml', 'zbateson_m0011_outlook2000_multipart_3att_qp_de.eml']) {
      const bytes = readFileSync(path.join(FIXTURES, 'eml', file));
      items.push({ name: file, mail: await parseMailFile({ fileName: file, bytes }, new Date(NOW)), original: bytes });
    }
    // The database store's limit, made small: the larger original is over it, the smaller is not.
    const [first, second] = items.map((item) => item.original.length) as [number, number];
    expect(first).not.toBe(second);
    const limit = Math.min(first, second);
    const over = items[first > second ? 0 : 1]!;
    const store: AttachmentStore = { ...t.app.attachments, maxBytes: limit };
    const importId = await beginImport(t.app.services, petra, { kind: 'mail', source: 'test', jobId: null });
    expect(await importMailBatch(t.app.services, store, petra, importId, items)).toEqual({ new: 1, appended: 0, skipped: 0, failed: 1 });
    const [failed] = await rawQuery<{ item: string; code: string; details: string }>(t.app, "SELECT item, code, details FROM import_items WHERE import_id = ? AND outcome = 'failed'", [importId]);
    expect(failed).toMatchObject({ item: over.name, code: 'mail_too_large' });
    expect(JSON.parse(failed!.details)).toEqual({ file: over.name, size: over.original.length, maxMegabytes: Math.floor(limit / 1024 / 1024) });
    expect(await rawValue(t.app, 'SELECT count(*) FROM cases')).toBe(1);
  }, 30_000);

  it('a second click while an import runs starts no second job', async () => {
    const t = await openTempApp(NOW);
    const { dispatch } = await office(t);
    const files = ALL.map((e) => fileOf(e.dir, e.file));
    const [a, b] = await Promise.all([dispatch('w', 'importMailFiles', { files }), dispatch('w', 'importMailFiles', { files })]);
    const oks = [a, b].filter((r) => r.ok);
    expect(oks).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'import_running' } });
    await t.app.jobs.finished((oks[0] as { value: JobRecord }).value.id);
    expect(await rawValue(t.app, "SELECT count(*) FROM jobs WHERE kind = 'importMail'")).toBe(1);
  }, 60_000);
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ApiResult, AttachmentContent, AttachmentInfo, CaseDetail } from '../../main/api/types.ts';
import { MAX_ATTACHMENT_BASE64_CHARS, MAX_ATTACHMENT_BYTES } from '../../main/domain/attachments.ts';
import { openAppContext } from '../../main/app-context.ts';
import { openPostgres } from '../../main/db/postgres/index.ts';
import { ATTACHMENTS_FOLDER, attachmentStoreFor, createAttachmentStore, writeNewFile } from '../../main/services/attachment-store.ts';
import { valueOf } from '../support/api.ts';
import { onPostgres, openTempApp, refuseInserts, STAFF_PASSWORD, tempDir, type TempApp, rawQuery, rawValue } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let library: number;
const errors: unknown[] = [];

const WINDOWS = { office: 'office-window', head: 'head-window', boss: 'boss-window' } as const;
type Who = keyof typeof WINDOWS;

function call(who: Who, channel: string, payload?: unknown): Promise<ApiResult<unknown>> {
  return dispatch(WINDOWS[who], channel, payload);
}

const value = <T>(who: Who, channel: string, payload?: unknown) => valueOf<T>(dispatch, WINDOWS[who], channel, payload);

const root = () => path.join(t.dir, ATTACHMENTS_FOLDER);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const count = (table: 'attachments' | 'case_events' | 'attachment_contents') => rawValue<number>(t.app, `SELECT count(*) FROM ${table}`);

/** Every file under the attachments folder (temp files included), relative to it. */
function filesOnDisk(): string[] {
  if (!existsSync(root())) return [];
  return readdirSync(root(), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root(), path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The contents the app's store holds, by SHA-256, sorted: files under <dataDir>/attachments on SQLite, rows of
 * attachment_contents on PostgreSQL (where the data folder must hold no attachment file at all).
 */
async function stored(): Promise<string[]> {
  if (!onPostgres) return filesOnDisk().map((file) => path.basename(file));
  expect(filesOnDisk(), 'PostgreSQL keeps attachments in the database, not in the data folder').toEqual([]);
  return (await rawQuery<{ sha256: string }>(t.app, 'SELECT sha256 FROM attachment_contents ORDER BY sha256')).map((row) => row.sha256);
}

async function newCase(departmentId: number = roads): Promise<CaseDetail> {
  return value<CaseDetail>('office', 'createCase', { kind: 'complaint', channel: 'letter', origin: 'external', subject: 'Falschparker vor der Schule', departmentId });
}

const letter = Buffer.from('%PDF-1.7\nSehr geehrte Damen und Herren, anbei das Foto.\n');
const upload = (caseId: number, bytes: Uint8Array = letter, fileName = 'Brief vom 20.11.pdf') => ({
  caseId,
  fileName,
  mediaType: 'application/pdf',
  dataBase64: Buffer.from(bytes).toString('base64'),
});

beforeEach(async () => {
  t = await openTempApp('2026-11-23T09:00:00');
  roads = await t.department('Tiefbauamt');
  library = await t.department('Stadtbibliothek');
  await t.user('petra', 'ombudsman');
  await t.user('head', 'department_head', [roads]);
  await t.user('boss', 'executive');
  dispatch = createDispatcher(t.app, (_message, error) => errors.push(error));
  for (const [who, username] of [['office', 'petra'], ['head', 'head'], ['boss', 'boss']] as const) {
    expect(await call(who, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
  errors.length = 0;
});

describe('attachments', () => {
  it('are stored by content, listed with the case, returned byte for byte, and noted on the timeline', async () => {
    const detail = await newCase();
    const hash = sha256(letter);
    t.setNow('2026-11-23T11:00:00');
    const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id));
    expect(info).toEqual({
      id: expect.any(Number),
      caseId: detail.id,
      fileName: 'Brief vom 20.11.pdf',
      mediaType: 'application/pdf',
      size: letter.length,
      sha256: hash,
      addedAt: new Date('2026-11-23T11:00:00').toISOString(),
      addedById: expect.any(Number),
      addedByName: 'petra',
    });
    expect(await stored()).toEqual([hash]);
    if (onPostgres) {
      const [row] = await rawQuery<{ size: number; content: Buffer }>(t.app, 'SELECT size, content FROM attachment_contents WHERE sha256 = ?', [hash]);
      expect(row!.size).toBe(letter.length);
      expect(row!.content.equals(letter)).toBe(true);
      expect(existsSync(root())).toBe(false);
    } else {
      expect(filesOnDisk()).toEqual([path.join(hash.slice(0, 2), hash)]);
      expect(readFileSync(path.join(root(), hash.slice(0, 2), hash)).equals(letter)).toBe(true);
    }

    expect(await value<AttachmentInfo[]>('office', 'listAttachments', { caseId: detail.id })).toEqual([info]);
    const fresh = await value<CaseDetail>('office', 'getCase', { id: detail.id });
    expect(fresh.attachments).toEqual([info]);
    expect(fresh.updatedAt).toBe(info.addedAt);
    expect(fresh.timeline.at(-1)).toMatchObject({
      type: 'attachment_added',
      actorName: 'petra',
      data: { attachmentId: info.id, fileName: info.fileName, mediaType: 'application/pdf', size: letter.length, sha256: hash },
    });
    const content = await value<AttachmentContent>('office', 'getAttachment', { id: info.id });
    expect(content).toMatchObject({ id: info.id, caseId: detail.id, fileName: info.fileName, mediaType: 'application/pdf', size: letter.length });
    expect(Buffer.from(content.dataBase64, 'base64').equals(letter)).toBe(true);
  });

  it('keep identical content once (one file on disk, one row on PostgreSQL), however often and wherever it is attached', async () => {
    const first = await newCase();
    const second = await newCase(library);
    await value('office', 'addAttachment', upload(first.id));
    await value('office', 'addAttachment', upload(first.id, letter, 'Kopie.pdf'));
    await value('office', 'addAttachment', upload(second.id, letter, 'Weitergeleitet.pdf'));
    const other = Buffer.from('anderer Inhalt');
    await value('office', 'addAttachment', { ...upload(second.id, other, 'notiz.txt'), mediaType: '' });
    expect((await count('attachments'))).toBe(4);
    expect(await stored()).toEqual([sha256(letter), sha256(other)].sort());
    if (!onPostgres) expect(filesOnDisk()).toEqual([sha256(letter), sha256(other)].map((hash) => path.join(hash.slice(0, 2), hash)).sort());
    const listed = await value<AttachmentInfo[]>('office', 'listAttachments', { caseId: second.id });
    expect(listed.map((a) => [a.fileName, a.mediaType])).toEqual([
      ['Weitergeleitet.pdf', 'application/pdf'],
      ['notiz.txt', 'application/octet-stream'],
    ]);
  });

  it('are read only by those who may read the case: a department head sees their own department only', async () => {
    const ours = await newCase(roads);
    const theirs = await newCase(library);
    const ourFile = await value<AttachmentInfo>('office', 'addAttachment', upload(ours.id, Buffer.from('Straßenplan')));
    const theirFile = await value<AttachmentInfo>('office', 'addAttachment', upload(theirs.id, Buffer.from('Leihausweis von Frau K.')));
    const hidden = { ok: false, error: { code: 'not_found', details: { field: 'id' } } };

    expect(await call('head', 'listAttachments', { caseId: theirs.id })).toEqual(hidden);
    expect(await call('head', 'getAttachment', { id: theirFile.id })).toEqual(hidden);
    // The same answer as for an attachment that does not exist at all.
    expect(await call('head', 'getAttachment', { id: 9999 })).toEqual(hidden);
    expect(await value<AttachmentInfo[]>('head', 'listAttachments', { caseId: ours.id })).toEqual([ourFile]);
    expect(await value<AttachmentContent>('head', 'getAttachment', { id: ourFile.id })).toMatchObject({ fileName: ourFile.fileName });

    expect(await value<AttachmentContent>('boss', 'getAttachment', { id: theirFile.id })).toMatchObject({ id: theirFile.id });
    expect(await call('head', 'addAttachment', upload(ours.id))).toMatchObject({ error: { code: 'forbidden' } });
    expect(await call('boss', 'addAttachment', upload(ours.id))).toMatchObject({ error: { code: 'forbidden' } });
    expect((await count('attachments'))).toBe(2);
  });

  it.skipIf(onPostgres)('leave no row, no event and no file when writing the file fails half-way (SQLite: files)', async () => {
    const detail = await newCase();
    const events = (await count('case_events'));
    // Writes half of the bytes, then the disk "fails".
    const halfWritten: string[] = [];
    t.app.attachments = createAttachmentStore(root(), (file, bytes) => {
      writeNewFile(file, bytes.subarray(0, bytes.length >> 1));
      halfWritten.push(path.relative(root(), file));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    expect(await call('office', 'addAttachment', upload(detail.id))).toEqual({ ok: false, error: { code: 'internal' } });
    expect(errors).toHaveLength(1);
    const hash = sha256(letter);
    // The half file had a temp name beside the final one, and is gone.
    expect(halfWritten).toHaveLength(1);
    expect(halfWritten[0]!.startsWith(path.join(hash.slice(0, 2), `.${hash}.`)) && halfWritten[0]!.endsWith('.tmp'), halfWritten[0]).toBe(true);
    expect({ rows: (await count('attachments')), events: (await count('case_events')), files: filesOnDisk() }).toEqual({ rows: 0, events, files: [] });

    // The folder for this content cannot be created (a file is in the way): the same, nothing written.
    t.app.attachments = createAttachmentStore(root());
    rmSync(root(), { recursive: true });
    mkdirSync(root());
    writeFileSync(path.join(root(), hash.slice(0, 2)), 'in the way');
    expect(await call('office', 'addAttachment', upload(detail.id))).toEqual({ ok: false, error: { code: 'internal' } });
    expect({ rows: (await count('attachments')), events: (await count('case_events')) }).toEqual({ rows: 0, events });
    expect(filesOnDisk()).toEqual([hash.slice(0, 2)]);
  });

  it('refuse an oversized upload from its length, before decoding it', async () => {
    const detail = await newCase();
    const decode = vi.spyOn(Buffer, 'from');
    const base64Decodes = () => (decode.mock.calls as unknown[][]).filter((args) => args[1] === 'base64').length;
    // Not even valid base64: had it been decoded or checked first, the answer would be invalid_input.
    const tooLarge = '!'.repeat(4 * Math.ceil((MAX_ATTACHMENT_BYTES + 1) / 3));
    expect(await call('office', 'addAttachment', { ...upload(detail.id), dataBase64: tooLarge })).toEqual({
      ok: false,
      error: { code: 'attachment_too_large', details: { size: (tooLarge.length / 4) * 3, maxBytes: MAX_ATTACHMENT_BYTES, maxMegabytes: 25 } },
    });
    expect(base64Decodes()).toBe(0);
    expect(await call('office', 'addAttachment', { ...upload(detail.id), dataBase64: 'A'.repeat(MAX_ATTACHMENT_BASE64_CHARS + 4) })).toMatchObject({
      error: { code: 'invalid_input' },
    });
    expect({ rows: (await count('attachments')), stored: await stored() }).toEqual({ rows: 0, stored: [] });

    // Exactly the limit is fine (and decoded once); one byte more is not.
    const limit = upload(detail.id, Buffer.alloc(MAX_ATTACHMENT_BYTES, 7), 'scan.tif');
    expect(await call('office', 'addAttachment', limit)).toMatchObject({ ok: true, value: { size: MAX_ATTACHMENT_BYTES } });
    expect(base64Decodes()).toBe(1);
    decode.mockRestore();
    expect(await call('office', 'addAttachment', upload(detail.id, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7), 'scan.tif'))).toMatchObject({
      error: { code: 'attachment_too_large' },
    });
    expect((await count('attachments'))).toBe(1);
  });

  it('answer bad payloads with invalid_input, writing nothing', async () => {
    const detail = await newCase();
    const events = (await count('case_events'));
    const valid = upload(detail.id);
    const bad: unknown[] = [
      undefined,
      {},
      { ...valid, fileName: '' },
      { ...valid, fileName: ' ' },
      { ...valid, fileName: 'x'.repeat(1001) },
      { ...valid, fileName: 42 },
      { ...valid, mediaType: 'pdf' },
      { ...valid, mediaType: 'text/html; charset=utf-8' },
      { ...valid, mediaType: `application/${'x'.repeat(100)}` },
      { ...valid, dataBase64: 42 },
      { ...valid, dataBase64: 'not base64!' },
      { ...valid, dataBase64: 'QUJD\nREVG' },
      { ...valid, dataBase64: 'QUJ' },
      { ...valid, caseId: 0 },
      { ...valid, path: '/etc/passwd' },
    ];
    for (const payload of bad) {
      expect(await call('office', 'addAttachment', payload), JSON.stringify(payload)?.slice(0, 80)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect({ rows: (await count('attachments')), events: (await count('case_events')), stored: await stored() }).toEqual({ rows: 0, events, stored: [] });
    expect(await call('office', 'addAttachment', { ...valid, fileName: 'Bürgeranfrage (Kopie) – März.pdf' })).toMatchObject({ ok: true });
    expect(await call('office', 'addAttachment', { ...valid, caseId: 9999 })).toMatchObject({ error: { code: 'not_found' } });
    expect(errors).toEqual([]);
  });

  it('store, list, note and offer for saving names that are safe on Windows, macOS and Linux, renaming rather than refusing', async () => {
    const detail = await newCase();
    const names: [sent: string, safe: string][] = [
      ['NUL.txt', '_NUL.txt'],
      ['file.txt:stream', 'file.txt_stream'],
      ['bad|name?.pdf', 'bad_name_.pdf'],
      ['a\u2215b.txt', 'a_b.txt'],
      ['x\uFF0Fy.txt', 'x_y.txt'],
      ['report.', 'report'],
      ['../../ombudsdesk.sqlite', '.._.._ombudsdesk.sqlite'],
      ['C:\\Users\\brief.pdf', 'C__Users_brief.pdf'],
      ['zeile\numbruch.pdf', 'zeile_umbruch.pdf'],
      ['rechnung\u202Efdp.exe', 'rechnung_fdp.exe'],
      ['..', 'attachment'],
      [`${'Beschwerde über die Straßenbeleuchtung '.repeat(10)}.pdf`, expect.stringMatching(/^Beschwerde über .*\.pdf$/) as unknown as string],
    ];
    const added: AttachmentInfo[] = [];
    for (const [fileName, safe] of names) {
      const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id, letter, fileName));
      expect(info.fileName, JSON.stringify(fileName)).toEqual(safe);
      expect(Buffer.byteLength(info.fileName), fileName).toBeLessThanOrEqual(255);
      added.push(info);
    }
    const storedNames = (await rawQuery<{ file_name: string }>(t.app, 'SELECT file_name FROM attachments WHERE case_id = ? ORDER BY id', [detail.id])).map((r) => r.file_name);
    expect(storedNames).toEqual(added.map((info) => info.fileName));
    expect((await value<AttachmentInfo[]>('office', 'listAttachments', { caseId: detail.id })).map((info) => info.fileName)).toEqual(storedNames);
    const timeline = (await value<CaseDetail>('office', 'getCase', { id: detail.id })).timeline.filter((event) => event.type === 'attachment_added');
    expect(timeline.map((event) => event.data.fileName)).toEqual(storedNames);
    for (const info of added) {
      expect((await value<AttachmentContent>('office', 'getAttachment', { id: info.id })).fileName).toBe(info.fileName);
    }
    // One content stored for all of them: the name never touches the store.
    expect(await stored()).toEqual([sha256(letter)]);
    expect(errors).toEqual([]);
  });

  it('offer a safe name for saving also for rows stored before names were made safe', async () => {
    const detail = await newCase();
    const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id));
    await rawQuery(t.app, 'UPDATE attachments SET file_name = ? WHERE id = ?', ['COM1.txt:secret', info.id]);
    expect((await value<AttachmentContent>('office', 'getAttachment', { id: info.id })).fileName).toBe('_COM1.txt_secret');
    expect((await value<AttachmentInfo[]>('office', 'listAttachments', { caseId: detail.id }))[0]!.fileName).toBe('_COM1.txt_secret');
  });

  it('are refused on withdrawn and merged cases', async () => {
    const detail = await newCase();
    await value('office', 'transitionCase', { id: detail.id, action: 'withdraw', reason: 'zurückgezogen' });
    expect(await call('office', 'addAttachment', upload(detail.id))).toEqual({
      ok: false,
      error: { code: 'invalid_transition', details: { from: 'withdrawn', action: 'attach' } },
    });
    const target = await newCase();
    const merged = await newCase();
    await value('office', 'transitionCase', { id: merged.id, action: 'merge', intoId: target.id });
    expect(await call('office', 'addAttachment', upload(merged.id))).toMatchObject({ error: { code: 'invalid_transition', details: { from: 'merged' } } });
    expect({ rows: (await count('attachments')), stored: await stored() }).toEqual({ rows: 0, stored: [] });
  });

  it.skipIf(onPostgres)('report a missing or damaged file as attachment_unavailable, and a new upload of the content repairs it (SQLite: files)', async () => {
    const detail = await newCase();
    const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id));
    const file = path.join(root(), info.sha256.slice(0, 2), info.sha256);
    writeFileSync(file, Buffer.alloc(letter.length, 0));
    expect(await call('office', 'getAttachment', { id: info.id })).toEqual({
      ok: false,
      error: { code: 'attachment_unavailable', details: { id: info.id, reason: 'damaged' } },
    });
    await value('office', 'addAttachment', upload(detail.id, letter, 'nochmal.pdf'));
    expect(readFileSync(file).equals(letter)).toBe(true);
    expect(await call('office', 'getAttachment', { id: info.id })).toMatchObject({ ok: true });

    writeFileSync(file, '');
    expect(await call('office', 'getAttachment', { id: info.id })).toMatchObject({ error: { code: 'attachment_unavailable', details: { reason: 'damaged' } } });
    rmSync(file);
    expect(await call('office', 'getAttachment', { id: info.id })).toEqual({
      ok: false,
      error: { code: 'attachment_unavailable', details: { id: info.id, reason: 'missing' } },
    });
    expect(errors).toEqual([]);
  });
});

// Issue 11: on PostgreSQL the bytes live in the database (attachment_contents, migration 0024), not on one seat's disk.
describe.skipIf(!onPostgres)('attachments on PostgreSQL', () => {
  async function secondSeat() {
    const dataDir = tempDir();
    const app = await openAppContext({ dataDir, now: t.app.services.now, engine: t.engine });
    const seat = createDispatcher(app, (_message, error) => errors.push(error));
    return { app, dataDir, dispatch: seat };
  }
  const roleOf = (username: string) =>
    rawValue<string>(t.app, 'SELECT l.role_name FROM login_roles l JOIN users u ON u.id = l.user_id WHERE u.username = ?', [username]);

  it('are read by a second seat with another data folder on the same database, and the same content from both seats at once is stored once', async () => {
    const detail = await newCase();
    const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id));
    const seat = await secondSeat();
    try {
      expect(await seat.dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
      const content = await valueOf<AttachmentContent>(seat.dispatch, 'w', 'getAttachment', { id: info.id });
      expect(Buffer.from(content.dataBase64, 'base64').equals(letter)).toBe(true);

      // Both seats attach one new content at the same moment: two rows, one stored content (ON CONFLICT DO NOTHING).
      const photo = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
      const [a, b] = await Promise.all([
        value<AttachmentInfo>('office', 'addAttachment', upload(detail.id, photo, 'Foto.jpg')),
        valueOf<AttachmentInfo>(seat.dispatch, 'w', 'addAttachment', upload(detail.id, photo, 'Foto (2).jpg')),
      ]);
      expect(a.sha256).toBe(sha256(photo));
      expect(b.sha256).toBe(a.sha256);
      expect(await stored()).toEqual([sha256(letter), sha256(photo)].sort());
      expect(await count('attachments')).toBe(3);
      const back = await value<AttachmentContent>('office', 'getAttachment', { id: b.id });
      expect(Buffer.from(back.dataBase64, 'base64').equals(photo)).toBe(true);
      // Neither seat's data folder holds an attachment.
      expect(existsSync(path.join(seat.dataDir, ATTACHMENTS_FOLDER))).toBe(false);
      expect(existsSync(root())).toBe(false);
    } finally {
      await seat.app.close();
    }
    expect(errors).toEqual([]);
  });

  it('leave no row, no event and no content when the transaction fails after the content was written', async () => {
    const detail = await newCase();
    const events = await count('case_events');
    for (const table of ['attachments', 'case_events']) {
      const allow = await refuseInserts(t.app, table);
      expect(await call('office', 'addAttachment', upload(detail.id)), table).toEqual({ ok: false, error: { code: 'internal' } });
      await allow();
      expect({ rows: await count('attachments'), events: await count('case_events'), contents: await count('attachment_contents') }, table).toEqual({ rows: 0, events, contents: 0 });
    }
    expect(errors).toHaveLength(2);
    // Nothing was in the way: the same upload now goes in whole.
    await value('office', 'addAttachment', upload(detail.id));
    expect({ rows: await count('attachments'), contents: await count('attachment_contents') }).toEqual({ rows: 1, contents: 1 });
  });

  it('report missing or damaged content as attachment_unavailable', async () => {
    const detail = await newCase();
    const info = await value<AttachmentInfo>('office', 'addAttachment', upload(detail.id));
    // Only the owner may change a stored content (as here, the test's connection); the app checks what it reads anyway.
    await rawQuery(t.app, 'UPDATE attachment_contents SET content = ? WHERE sha256 = ?', [Buffer.alloc(letter.length, 0), info.sha256]);
    expect(await call('office', 'getAttachment', { id: info.id })).toEqual({ ok: false, error: { code: 'attachment_unavailable', details: { id: info.id, reason: 'damaged' } } });
    await rawQuery(t.app, 'DELETE FROM attachment_contents WHERE sha256 = ?', [info.sha256]);
    expect(await call('office', 'getAttachment', { id: info.id })).toEqual({ ok: false, error: { code: 'attachment_unavailable', details: { id: info.id, reason: 'missing' } } });
    expect(errors).toEqual([]);
  });

  it("are kept from a department head's own login for other departments by row-level security", async () => {
    const ours = await newCase(roads);
    const theirs = await newCase(library);
    const ourBytes = Buffer.from('Straßenplan Nord');
    const theirBytes = Buffer.from('Leihausweis von Frau K.');
    const ourFile = await value<AttachmentInfo>('office', 'addAttachment', upload(ours.id, ourBytes));
    const theirFile = await value<AttachmentInfo>('office', 'addAttachment', upload(theirs.id, theirBytes));
    const head = { name: await roleOf('head'), password: STAFF_PASSWORD };

    // Directly, as psql with the seat's credentials (the head's own login: the policies look at session_user).
    const { connection } = t.engine as Extract<TempApp['engine'], { kind: 'postgres' }>;
    const client = new pg.Client({ host: connection.host, port: connection.port, database: connection.database, user: head.name, password: head.password });
    await client.connect();
    try {
      const rows = (await client.query<{ sha256: string; content: Buffer }>('SELECT sha256, content FROM attachment_contents')).rows;
      expect(rows.map((row) => row.sha256)).toEqual([ourFile.sha256]);
      expect(rows[0]!.content.equals(ourBytes)).toBe(true);
      expect((await client.query('SELECT 1 FROM attachment_contents WHERE sha256 = $1', [theirFile.sha256])).rowCount).toBe(0);
    } finally {
      await client.end();
    }

    // The store a seat uses, on an engine connected with the head's own login (the app at a head's seat cannot open yet:
    // the job runner's start-up write to jobs is refused to that role): their department's content only. Main's scope
    // check before it is the test above (on both engines).
    const engine = await openPostgres({ ...connection, user: head.name, password: head.password }, { migrate: false });
    try {
      const store = attachmentStoreFor(engine, tempDir());
      expect((await store.read(engine.db, ourFile.sha256))?.equals(ourBytes)).toBe(true);
      expect(await store.read(engine.db, theirFile.sha256)).toBeNull();
    } finally {
      await engine.close();
    }
  });
});

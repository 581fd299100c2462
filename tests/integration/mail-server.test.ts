// The office's mailbox and replies by email against real servers started here: Debian's Dovecot (IMAP, loopback, a
// Maildir in a temp folder) and smtp-server (the receiving end of SMTP). Polling imports each message once, moves what
// it took to the processed folder (created on the way), leaves a broken message in INBOX with its error in the import
// history, and a second poll imports nothing twice. A reply goes out with the reference in its subject, our header and
// Message-ID, once for a double click; fed back in, it opens nothing (loop protection); the citizen's answer joins its case.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import type { CaseDetail, ImportDetail, JobRecord, MailSettingsView, OutgoingMailResult } from '../../main/api/types.ts';
import { SECRET_KEY_FILE } from '../../main/services/secrets.ts';
import { dovecotMissing, freePort, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { openTempApp, rawQuery, rawValue, removeTempDirs, STAFF_PASSWORD, tempDir, type TempApp } from '../support/temp-app.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/email/eml');
const missing = dovecotMissing();
if (missing) console.log(`mail-server.test: skipped, ${missing}`);

const FROM = 'buergerservice@kreis-soest.example';
const BROKEN =
  'From: Anna Test <anna@example.org>\r\nSubject: Kaputt\r\nMessage-ID: <broken-1@example.org>\r\nContent-Type: multipart/mixed; boundary="XX"\r\n\r\n--XX\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJ';

interface Received {
  raw: string;
  from: string;
  to: string[];
}

describe.skipIf(missing !== null)('IMAP mailbox and SMTP replies against real servers', () => {
  let dovecot: Dovecot;
  let smtp: SMTPServer;
  let smtpPort: number;
  const received: Received[] = [];
  let t: TempApp;
  let dispatch: ReturnType<typeof createDispatcher>;

  const call = async <T,>(channel: string, payload?: unknown): Promise<T> => {
    const result = await dispatch('w', channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const imap = () => new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  async function append(...messages: (string | Buffer)[]) {
    const client = imap();
    await client.connect();
    for (const message of messages) await client.append('INBOX', message);
    await client.logout();
  }
  async function folderSubjects(folder: string): Promise<string[]> {
    const client = imap();
    await client.connect();
    const lock = await client.getMailboxLock(folder);
    const subjects: string[] = [];
    try {
      const all = await client.search({ all: true }, { uid: true });
      if (all && all.length) for await (const m of client.fetch(all.join(','), { envelope: true }, { uid: true })) subjects.push(m.envelope?.subject ?? '');
    } finally {
      lock.release();
      await client.logout();
    }
    return subjects.sort();
  }
  async function poll(): Promise<{ job: JobRecord; detail: ImportDetail }> {
    // A double click: both calls get the one job.
    const [a, b] = await Promise.all([call<JobRecord>('fetchMailNow'), call<JobRecord>('fetchMailNow')]);
    expect(b.id).toBe(a.id);
    const job = await t.app.jobs.finished(a.id);
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    return { job, detail: await call<ImportDetail>('importDetail', { id: job.counts.importId }) };
  }
  const caseCount = () => rawValue<number>(t.app, 'SELECT count(*) FROM cases');

  beforeAll(async () => {
    dovecot = await startDovecot(tempDir('ombudsdesk-dovecot-'));
    smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ raw, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    t = await openTempApp('2027-03-01T09:00:00');
    await t.user('ada', 'admin');
    dispatch = createDispatcher(t.app, () => undefined);
    await call('login', { username: 'ada', password: STAFF_PASSWORD });
  }, 30_000);
  afterAll(async () => {
    await t?.app.close();
    await dovecot?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    removeTempDirs();
  });

  it('stores the settings with sealed passwords, refuses plain text to another host, shows only "stored"', async () => {
    const refused = await dispatch('w', 'updateMailSettings', {
      imap: { host: 'mail.example.org', port: 143, tls: 'off', user: 'x', password: 'y', folder: 'INBOX', processedFolder: 'Done', pollMinutes: 0 },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'mail_tls_required', details: { field: 'imap.tls' } } });
    const view = await call<MailSettingsView>('updateMailSettings', {
      imap: { host: '127.0.0.1', port: dovecot.port, tls: 'off', user: dovecot.user, password: dovecot.password, folder: 'INBOX', processedFolder: 'Ombudsdesk/Processed', pollMinutes: 0 },
      smtp: { host: '127.0.0.1', port: smtpPort, tls: 'off', user: '', fromAddress: FROM, fromName: 'Bürgerservice Kreis Soest' },
    });
    expect(view.imap).toMatchObject({ host: '127.0.0.1', passwordStored: true });
    expect(JSON.stringify(view)).not.toContain(dovecot.password);
    expect(view.secretStorage).toEqual({ available: true, method: 'keyfile' });
    const stored = await rawValue<string>(t.app, "SELECT value FROM settings WHERE key = 'mail_server'");
    expect(stored).not.toContain(dovecot.password);
    expect(stored).toMatch(/"password":"keyfile:v1:/);
    expect(statSync(path.join(t.dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    // Saving again without a password keeps the stored one.
    const again = await call<MailSettingsView>('updateMailSettings', {
      imap: { host: '127.0.0.1', port: dovecot.port, tls: 'off', user: dovecot.user, folder: 'INBOX', processedFolder: 'Ombudsdesk/Processed', pollMinutes: 0 },
    });
    expect(again.imap?.passwordStored).toBe(true);
    expect(await rawValue(t.app, "SELECT value FROM settings WHERE key = 'mail_server'")).toBe(stored);
  });

  it('polls: imports once, moves what it took, leaves the broken message with its error; a second poll imports nothing twice', async () => {
    const files = ['webklex_issue-410b_de_umlaut_subject_attachment.eml', 'mailparser_nodemailer_utf8_qp_3att.eml', 'zbateson_m1005_netscape47_multipart_4att_de.eml'];
    await append(...files.map((file) => readFileSync(path.join(FIXTURES, file))), readFileSync(path.join(FIXTURES, '../synthetic/synthetic_out_of_office.eml')), BROKEN);
    const first = await poll();
    expect(first.detail.counts).toEqual({ new: 3, appended: 0, skipped: 1, failed: 1 });
    expect(first.job.counts).toMatchObject({ found: 5, moved: 4 });
    expect(await caseCount()).toBe(3);
    const failed = first.detail.items.find((item) => item.outcome === 'failed')!;
    expect(failed).toMatchObject({ item: 'INBOX-5.eml', code: 'mail_truncated' });
    expect(first.detail.items.find((item) => item.outcome === 'skipped')).toMatchObject({ code: 'mail_automatic' });
    expect(await folderSubjects('INBOX')).toEqual(['Kaputt']);
    expect(await folderSubjects('Ombudsdesk/Processed')).toHaveLength(4);
    // Nothing was deleted or expunged: five messages in all.
    const second = await poll();
    expect(second.detail.counts).toEqual({ new: 0, appended: 0, skipped: 0, failed: 1 });
    expect(await caseCount()).toBe(3);
    // The same message put back into INBOX (a user dragged it back) is known: skipped, moved again, no second case.
    await append(readFileSync(path.join(FIXTURES, files[0]!)));
    const third = await poll();
    expect(third.detail.counts).toEqual({ new: 0, appended: 0, skipped: 1, failed: 1 });
    expect(third.detail.items.find((i) => i.outcome === 'skipped')).toMatchObject({ code: 'already_imported' });
    expect(await caseCount()).toBe(3);
  }, 60_000);

  it('sends a reply by SMTP once for a double click; fed back in it opens nothing; the citizen answer joins the case', async () => {
    const [row] = (await rawQuery<{ id: number; reference: string; submitter_email: string }>(t.app, 'SELECT id, reference, submitter_email FROM cases WHERE submitter_email IS NOT NULL ORDER BY id LIMIT 1')) as [{ id: number; reference: string; submitter_email: string }];
    const requestId = crypto.randomUUID();
    const input = { caseId: row.id, subject: 'Ihr Anliegen', body: 'Guten Tag,\n\nwir haben Ihr Anliegen geprüft.\n\nMit freundlichen Grüßen' };
    const [q1, q2] = await Promise.all([call<OutgoingMailResult>('queueReplyEmail', { ...input, requestId }), call<OutgoingMailResult>('queueReplyEmail', { ...input, requestId })]);
    expect(q2.id).toBe(q1.id);
    const [s1, s2] = await Promise.all([call<{ mail: OutgoingMailResult; case: CaseDetail }>('sendQueuedMail', { id: q1.id }), call<{ mail: OutgoingMailResult; case: CaseDetail }>('sendQueuedMail', { id: q1.id })]);
    expect(s1.mail.status).toBe('sent');
    expect(s2.mail.status).toBe('sent');
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual([row.submitter_email]);
    expect(mail.from).toBe(FROM);
    expect(mail.raw).toMatch(new RegExp(`^Subject: \\[${row.reference}\\] Ihr Anliegen\\r?$`, 'm'));
    expect(mail.raw).toMatch(new RegExp(`^X-Ombudsdesk-Reference: ${row.reference}\\r?$`, 'm'));
    expect(mail.raw).toContain(`Message-ID: <${q1.messageId}>`);
    expect(mail.raw).not.toMatch(/^Auto-Submitted:/im);
    expect(mail.raw).toContain('wir haben Ihr Anliegen gepr');
    const replies = s1.case.timeline.filter((event) => event.type === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.data).toMatchObject({ channel: 'email', messageId: q1.messageId, to: row.submitter_email, subject: `[${row.reference}] Ihr Anliegen` });
    // Loop protection: our own mail, back in the mailbox (a bounce copy, a forward rule), opens nothing and joins nothing.
    const cases = await caseCount();
    const events = await rawValue(t.app, 'SELECT count(*) FROM case_events WHERE case_id = ?', [row.id]);
    await append(mail.raw);
    const back = await poll();
    expect(back.detail.counts).toMatchObject({ new: 0, appended: 0, skipped: 1 });
    expect(back.detail.items.find((i) => i.code === 'mail_own')).toBeDefined();
    expect(await caseCount()).toBe(cases);
    expect(await rawValue(t.app, 'SELECT count(*) FROM case_events WHERE case_id = ?', [row.id])).toBe(events);
    // Mail from our own address without the header is just as much ours.
    await append(`From: ${FROM}\r\nTo: someone@example.org\r\nSubject: Weitergeleitet\r\nMessage-ID: <own-2@kreis-soest.example>\r\n\r\nText\r\n`);
    expect((await poll()).detail.counts).toMatchObject({ new: 0, skipped: 1 });
    expect(await caseCount()).toBe(cases);
    // The citizen answers (their mail program keeps the reference in the subject): it joins the case.
    await append(
      `From: <${row.submitter_email}>\r\nTo: ${FROM}\r\nSubject: Re: [${row.reference}] Ihr Anliegen\r\nMessage-ID: <answer-1@example.org>\r\nIn-Reply-To: <${q1.messageId}>\r\nDate: Mon, 01 Mar 2027 08:00:00 +0100\r\n\r\nDanke, eine Frage noch.\r\n`,
    );
    const answer = await poll();
    expect(answer.detail.counts).toMatchObject({ new: 0, appended: 1 });
    expect(await caseCount()).toBe(cases);
    const data = JSON.parse(await rawValue<string>(t.app, "SELECT data FROM case_events WHERE case_id = ? AND type = 'mail_received'", [row.id])) as { body: string };
    expect(data.body).toContain('eine Frage noch');
  }, 60_000);
});

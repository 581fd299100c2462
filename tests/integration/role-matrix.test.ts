// Every role against every API action, through the real dispatcher: the one permission table in main must hold.
// Allowed calls succeed; refused ones get `forbidden` (signed out: `not_authenticated`) and change nothing in the database.
// Each call runs on its own copy of one prepared data folder, so no call depends on another's side effects.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, isKioskChannel, type ChannelName } from '../../main/api/registry.ts';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import { isAllowed, PERMISSIONS } from '../../main/api/permissions.ts';
import { openAppContext } from '../../main/app-context.ts';
import { ROLES, type Role } from '../../main/domain/model.ts';
import type { Actor } from '../../main/services/actor.ts';
import { addAttachment } from '../../main/services/attachments.ts';
import { createCase } from '../../main/services/cases.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { adoptIdea, linkCase, setImprovementStatus } from '../../main/services/improvements.ts';
import { getDraw, performDraw, prepareDraw } from '../../main/services/prize-draws.ts';
import { beginImport, finishImport } from '../../main/services/imports.ts';
import { EMPTY_TABLE_MAPPING } from '../../main/vocabulary/imports.ts';
import type { AppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import { ADMIN_PASSWORD, copyTestEngine, onPostgres, openTempApp, rawQuery, removeTempDirs, snapshotTables, STAFF_PASSWORD, tempDir } from '../support/temp-app.ts';

const NOW = '2027-06-01T09:00:00';
let template = '';
let templateEngine: EngineConfig;
const dropTemplate: (() => Promise<void>)[] = [];
const jobs = new Map<Role, number>();
const ids = { deptA: 0, ombudsman: 0, forwarded: 0, complaint: 0, idea: 0, linkedIdea: 0, improvement: 0, attachment: 0, drawn: 0, winner: '', prepared: 0, preparedFingerprint: '', importRun: 0 };

beforeAll(async () => {
  const t = await openTempApp(NOW);
  ids.deptA = await t.department('Straßen');
  await t.department('Grünflächen');
  const users = {} as Record<Role, Actor>;
  for (const role of ROLES) users[role] = await t.user(`user-${role}`, role, role === 'department_head' ? [ids.deptA] : []);
  ids.ombudsman = users.ombudsman.id!;
  const office = users.ombudsman;
  const make = (kind: 'complaint' | 'idea', subject: string, origin: 'external' | 'internal' = 'external') =>
    createCase(t.app.services, office, {
      kind,
      channel: 'email',
      origin,
      subject,
      description: '',
      departmentId: ids.deptA,
      priority: 'normal',
      submitter: { anonymous: false, name: 'Erika Muster', email: 'erika@example.org', phone: null, address: null, organisation: null, language: 'de', consent: true, consentText: 'ok' },
    });
  ids.forwarded = await make('complaint', 'Weitergeleitete Beschwerde');
  await transitionCase(t.app.services, office, { id: ids.forwarded, action: 'forward', departmentId: ids.deptA });
  ids.complaint = await make('complaint', 'Schlagloch');
  ids.idea = await make('idea', 'Mehr Bänke');
  ids.linkedIdea = await make('idea', 'Radweg');
  ids.improvement = await adoptIdea(t.app.services, office, { caseId: ids.linkedIdea, title: 'Radweg markieren', description: '' });
  // A done improvement makes two ideas eligible for the 2027 prize draw: the external pool is drawn, the internal one prepared.
  const doneIdea = await make('idea', 'Trinkbrunnen');
  const staffIdea = await make('idea', 'Kantine', 'internal');
  const done = await adoptIdea(t.app.services, office, { caseId: doneIdea, title: 'Trinkbrunnen aufstellen', description: '' });
  await linkCase(t.app.services, office, { improvementId: done, caseId: staffIdea });
  await setImprovementStatus(t.app.services, office, { id: done, status: 'done', doneOn: '2027-05-01', note: 'Aufgestellt.' });
  const prizes = [{ count: 1, description: 'Gutschein' }];
  ids.drawn = await prepareDraw(t.app.services, users.executive, { year: 2027, pool: 'external', prizes });
  await performDraw(t.app.services, users.executive, { id: ids.drawn, seed: '1 2 3', witnesses: ['Ida'], fingerprint: (await getDraw(t.app.services, ids.drawn)).fingerprint });
  ids.winner = (await getDraw(t.app.services, ids.drawn)).winners[0]!.reference;
  ids.prepared = await prepareDraw(t.app.services, users.executive, { year: 2027, pool: 'internal', prizes });
  ids.preparedFingerprint = (await getDraw(t.app.services, ids.prepared)).fingerprint;
  ids.attachment = (await addAttachment(t.app.services, t.app.attachments, office, { caseId: ids.complaint, fileName: 'foto.jpg', mediaType: 'image/jpeg', dataBase64: 'aGVsbG8=' })).id;
  ids.importRun = await beginImport(t.app.services, office, { kind: 'mail', source: 'a.eml', jobId: null });
  await finishImport(t.app.services, ids.importRun, 'done');
  // A finished export job for every user, with its file, so that cancelJob and jobResult have something of their own.
  for (const user of Object.values(users)) {
    const [job] = await rawQuery<{ id: number }>(
      t.app,
      "INSERT INTO jobs (kind, status, user_id, started_at, finished_at, result_file, result_name, result_type) VALUES ('youSaidWeDidXlsx', 'done', ?, ?, ?, ?, 'x.xlsx', 'application/octet-stream') RETURNING id",
      [user.id, NOW, NOW, 'placeholder'],
    );
    await rawQuery(t.app, 'UPDATE jobs SET result_file = ? WHERE id = ?', [`${job!.id}.result`, job!.id]);
    // A job's result as a preview job writes it (checkTablePreview reads it; jobResult returns any file).
    writeFileSync(path.join(t.dir, 'jobs', `${job!.id}.result`), JSON.stringify({ headers: ['Text'], rows: [['Schlagloch']], headerRow: 1 }));
    jobs.set(user.role, job!.id);
  }
  // A table uploaded for the mapping dialog, waiting for its import.
  mkdirSync(path.join(t.dir, 'imports', TABLE_TOKEN), { recursive: true });
  writeFileSync(path.join(t.dir, 'imports', TABLE_TOKEN, 'table'), 'Text\nSchlagloch\n');
  await t.app.close();
  template = t.dir;
  // The prepared database stays (each call copies it); dropped with the rest at the end.
  templateEngine = t.engine;
  dropTemplate.push(() => t.cleanup());
}, 120_000);
afterAll(async () => {
  for (const drop of dropTemplate) await drop();
  removeTempDirs();
});
const TABLE_TOKEN = '00000000-0000-4000-8000-000000000001';
const TABLE_MAPPING = { ...EMPTY_TABLE_MAPPING, columns: { ...EMPTY_TABLE_MAPPING.columns, description: ['Text'] } };

/** A payload each channel accepts from a role that may call it, against the prepared data (the Record type makes a new channel fail to compile until it is added). */
function payload(channel: ChannelName, role: Role | null): unknown {
  const ownJob = { id: jobs.get(role ?? 'admin') ?? 1 };
  const byChannel: Record<ChannelName, unknown> = {
    appInfo: undefined,
    // A seat (PostgreSQL) signs in only its own user; a SQLite office anyone.
    login: { username: onPostgres && role ? `user-${role}` : 'user-ombudsman', password: STAFF_PASSWORD },
    logout: undefined,
    currentUser: undefined,
    changePassword: { currentPassword: STAFF_PASSWORD, newPassword: 'another-staff-password-456' },
    listCases: {},
    getCase: { id: ids.complaint },
    createCase: { kind: 'praise', channel: 'phone', origin: 'internal', subject: 'Lob' },
    updateCase: { id: ids.complaint, priority: 'high' },
    triageCase: { id: ids.complaint, priority: 'high', handlerId: ids.ombudsman },
    updateSubmitter: { caseId: ids.complaint, phone: '0221 999999' },
    transitionCase: { id: ids.forwarded, action: 'return_from_department', statement: 'Stellungnahme' },
    assignCase: { id: ids.complaint, handlerId: ids.ombudsman },
    addCaseNote: { id: ids.complaint, text: 'Notiz' },
    extendCaseDeadline: { id: ids.complaint, workingDays: 5, reason: 'Gutachten' },
    searchCases: { query: 'Schlagloch' },
    personHistory: { caseId: ids.complaint },
    bulkUpdateCases: { caseIds: [ids.complaint], change: { action: 'assign', handlerId: ids.ombudsman } },
    caseCounts: undefined,
    listDepartments: undefined,
    saveDepartment: { name: 'Bürgerbüro' },
    listCategories: undefined,
    saveCategory: { name: 'Verkehr' },
    listUsers: undefined,
    saveUser: { username: 'neu', displayName: 'Neu', role: 'deputy', password: 'a-first-password-789' },
    getSettings: undefined,
    updateSettings: { closedDays: ['2027-12-24'] },
    listHolidayRegions: undefined,
    listReplyTemplates: {},
    saveReplyTemplate: { kind: 'idea', language: 'de', name: 'Zwischenstand', subject: 'Ihre Idee {{reference}}', body: '{{salutation}}' },
    renderReply: { caseId: ids.complaint, templateId: 1 },
    recordReply: { caseId: ids.complaint, channel: 'email', subject: 'Antwort', body: 'Text' },
    addAttachment: { caseId: ids.complaint, fileName: 'brief.txt', mediaType: 'text/plain', dataBase64: 'SGFsbG8=' },
    listAttachments: { caseId: ids.complaint },
    getAttachment: { id: ids.attachment },
    listImprovements: {},
    getImprovement: { id: ids.improvement },
    createImprovement: { title: 'Neue Ampel', departmentId: ids.deptA },
    adoptIdea: { caseId: ids.idea, title: 'Bänke aufstellen' },
    updateImprovement: { id: ids.improvement, targetDate: '2027-09-30' },
    setImprovementStatus: { id: ids.improvement, status: 'planned' },
    linkCaseToImprovement: { improvementId: ids.improvement, caseId: ids.complaint },
    unlinkCaseFromImprovement: { improvementId: ids.improvement, caseId: ids.linkedIdea },
    departmentHome: undefined,
    officeToday: {},
    executiveOverview: undefined,
    markStartSeen: undefined,
    listNotifications: {},
    markNotificationsRead: { all: true },
    youSaidWeDid: { year: 2027 },
    exportYouSaidWeDid: { year: 2027, language: 'de' },
    drawEligibility: { year: 2027, pool: 'external' },
    listDraws: undefined,
    getDraw: { id: ids.drawn },
    prepareDraw: { year: 2027, pool: 'external', prizes: [{ count: 1, description: 'Gutschein' }], repeatReason: 'Wiederholung zum Test' },
    performDraw: { id: ids.prepared, seed: '6 6 6', witnesses: ['Ida'], fingerprint: ids.preparedFingerprint },
    exportDrawProtocol: { id: ids.drawn },
    recordWinnerFollowUp: { drawId: ids.drawn, reference: ids.winner, type: 'notified' },
    printToPdf: { fileName: 'protocol.pdf' },
    // The administrator fills in demo data (the prepared office has cases: refused as such, not as forbidden); everyone
    // else can only start exports (each job kind names who may).
    startJob: role === 'admin' ? { kind: 'demo', params: { cases: 1 } } : { kind: 'youSaidWeDidXlsx', params: { year: 2027, language: 'de' } },
    cancelJob: ownJob,
    listJobs: undefined,
    jobResult: ownJob,
    importMailFiles: { files: [{ name: 'a.eml', dataBase64: Buffer.from('From: a@example.org\r\nSubject: Hallo\r\n\r\nText\r\n').toString('base64') }] },
    listImports: undefined,
    getMailSettings: undefined,
    updateMailSettings: { smtp: { host: 'localhost', port: 2525, tls: 'off', user: '', fromAddress: 'buergerservice@example.org', fromName: 'Bürgerservice' } },
    fetchMailNow: undefined,
    mailSendInfo: undefined,
    queueReplyEmail: { caseId: ids.complaint, subject: 'Ihr Anliegen', body: 'Guten Tag' },
    sendQueuedMail: { id: 1 },
    importDetail: { id: ids.importRun },
    barometerReport: { from: '2027-Q1', to: '2027-Q2' },
    reportData: { period: '2027' },
    enterPaperTally: { date: '2027-05-31', place: 'Rathaus', good: 3, okay: 1, couldBeBetter: 0 },
    dashboard: undefined,
    accessibilityReport: { from: '2027-Q1', to: '2027-Q2' },
    logCall: { calledAt: '2027-05-31T08:00:00.000Z', reached: true, answeredDirectly: true },
    importPeerFigures: { csv: 'indicator,year,value,peer\nphone_reached,2026,81.5,Kreis Soest\n' },
    getBarometerSettings: undefined,
    updateBarometerSettings: { minN: 40 },
    getKioskConfig: undefined,
    updateKioskConfig: { startInKiosk: true },
    importWebVotes: { name: 'votes.csv', dataBase64: Buffer.from('time,rating\n2027-05-31T08:00:00,good\n').toString('base64') },
    openKiosk: undefined,
    // The kiosk channels are run from a kiosk caller (no one is signed in there); tests/integration/kiosk.test.ts
    // shows that every other caller is refused them and that a kiosk caller is refused everything else.
    castVote: { rating: 'good' },
    currentResult: undefined,
    leaveKiosk: { username: onPostgres && role ? `user-${role}` : 'user-ombudsman', password: STAFF_PASSWORD },
    previewTableFile: { name: 'a.csv', dataBase64: Buffer.from('Betreff;Text\nAmpel;Defekt\n').toString('base64'), sheet: null },
    checkTablePreview: { jobId: ownJob.id, mapping: TABLE_MAPPING },
    importTableFile: { token: TABLE_TOKEN, name: 'a.csv', sheet: null, mapping: TABLE_MAPPING },
    listTableMappings: undefined,
    saveTableMapping: { name: 'Formular', mapping: TABLE_MAPPING },
    importGeoReportFiles: { files: [{ name: 'requests.json', dataBase64: Buffer.from('[]').toString('base64') }] },
    getGeoReportEndpoint: undefined,
    pollGeoReport: { url: 'http://127.0.0.1:9/', jurisdictionId: null, startDate: null, endDate: null },
    getConnection: undefined,
    testConnection: { host: '127.0.0.1', port: 9, database: 'x', user: 'x', password: '', sslmode: 'disable', caFile: '' },
    saveConnection: { engine: 'sqlite' },
    firstRunState: undefined,
    firstRunTestConnection: { host: '127.0.0.1', port: 9, database: 'x', user: 'x', password: '', sslmode: 'disable', caFile: '' },
    firstRunChoose: { engine: 'sqlite' },
  };
  return byChannel[channel];
}

/** Every row of every table, as one string: "changed nothing" means this is equal before and after. */
const snapshot = (app: AppContext) => snapshotTables(app);

interface Office {
  app: AppContext;
  /** What the snapshots read through: the app itself, or on PostgreSQL the owner's connection (every row). */
  observer: AppContext;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * On PostgreSQL a role's office runs as a seat does: connected over TCP with that user's own login role and password
 * (checked by the server with SCRAM), so the database's GRANTs and row-level security apply to every call, and an
 * allowed call that the database refuses fails here. The snapshot reads with the owner's connection (all rows).
 */
async function seatEngine(config: EngineConfig, role: Role): Promise<{ seat: EngineConfig; owner: pg.Pool }> {
  if (config.kind !== 'postgres') throw new Error('seatEngine: PostgreSQL only');
  const owner = new pg.Pool({ ...config.connection, max: 2 });
  // The copy is dropped WITH (FORCE) at the end: a connection still closing then ends with 57P01, which is no failure.
  owner.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  const { rows } = await owner.query<{ role_name: string }>('SELECT l.role_name FROM login_roles l JOIN users u ON u.id = l.user_id WHERE u.username = $1', [`user-${role}`]);
  const connection = { host: '127.0.0.1', port: config.connection.port!, database: config.connection.database, user: rows[0]!.role_name, password: STAFF_PASSWORD };
  return { seat: { kind: 'postgres', connection }, owner };
}

/** A copy of the prepared office (data folder and database), signed in as the role. */
async function openOffice(role: Role | null): Promise<Office> {
  const dir = tempDir();
  cpSync(template, dir, { recursive: true });
  const engine = await copyTestEngine(templateEngine, dir);
  const seat = onPostgres && role ? await seatEngine(engine.config, role) : null;
  const app = await openAppContext({ dataDir: dir, now: () => new Date(NOW), adminPassword: ADMIN_PASSWORD, engine: seat?.seat ?? engine.config });
  if (seat) expect(app.engine.seatUserId, `${role} runs under their own login role`).not.toBeNull();
  const observer = seat ? ({ engine: { pool: seat.owner } } as unknown as AppContext) : app;
  const close = async () => {
    await app.close();
    // Login roles are the server's, not the copy's: a changePassword call changed it for every copy, so it is put back.
    if (seat?.seat.kind === 'postgres') await seat.owner.query(`ALTER ROLE "${seat.seat.connection.user}" PASSWORD '${STAFF_PASSWORD}'`);
    await seat?.owner.end();
    await engine.drop();
  };
  const dispatch = createDispatcher(app, process.env.ROLE_MATRIX_LOG ? (m, e) => console.log('LOG', role, m, String(e)) : () => undefined);
  if (role) {
    const login = await dispatch('s', 'login', { username: `user-${role}`, password: STAFF_PASSWORD });
    // The session tells the UI exactly what the permission table allows this role, so the UI never keeps its own lists.
    expect(login, role).toMatchObject({ ok: true, value: { allowed: channelNames.filter((c) => !isKioskChannel(c) && isAllowed(PERMISSIONS[c], role)) } });
  }
  return { app, observer, dispatch, close };
}

async function call(office: Office, role: Role | null, channel: ChannelName) {
  const { app, observer, dispatch } = office;
  if (isKioskChannel(channel)) {
    app.kiosk.callers.add('kiosk');
    return { result: await dispatch('kiosk', channel, payload(channel, role)), changed: false };
  }
  const before = await snapshot(observer);
  const result = await dispatch('s', channel, payload(channel, role), { printToPdf: async () => new TextEncoder().encode('%PDF-1.7') });
  return { result, changed: (await snapshot(observer)) !== before };
}

describe('the role x action matrix', () => {
  for (const role of [...ROLES, null] as const) {
    it(`holds for ${role ?? 'a signed-out caller'} on all ${channelNames.length} actions`, async () => {
      const outcomes: string[] = [];
      // Every allowed call runs on its own copy of the prepared office. On PostgreSQL (where a copy is a CREATE DATABASE,
      // far slower than copying a file) the refused calls share one copy per role: each must change nothing, which the
      // snapshot around each call checks, so none can hide a change from the next.
      let shared: Office | null = null;
      try {
        for (const channel of channelNames) {
          const access = PERMISSIONS[channel];
          const allowed = isAllowed(access, role);
          const own = allowed || !onPostgres || isKioskChannel(channel);
          const office = own ? await openOffice(role) : (shared ??= await openOffice(role));
          const { result, changed } = await call(office, role, channel).finally(() => (own ? office.close() : undefined));
          if (allowed) {
            // A refusal of the service's own (not of the permission table) that the prepared office is bound to meet.
            // The prepared office has no mail server set up: polling and sending refuse with that, and there is no queued mail.
            const mailRefusal: Partial<Record<string, string>> = { fetchMailNow: 'mail_not_configured', queueReplyEmail: 'mail_not_configured', sendQueuedMail: 'not_found' };
            // The first-run choice answers only on a pristine start; the prepared office is in use.
            const firstRunRefusal: Partial<Record<string, string>> = { firstRunTestConnection: 'forbidden', firstRunChoose: 'forbidden' };
            // A seat signs in only its own user, so the kiosk there is left by that user: the office's right alone.
            const kioskRefusal = onPostgres && channel === 'leaveKiosk' && (role === 'department_head' || role === 'executive') ? 'forbidden' : null;
            const expectedRefusal = role === 'admin' && channel === 'startJob' ? 'demo_needs_empty_office' : (mailRefusal[channel] ?? firstRunRefusal[channel] ?? kioskRefusal);
            if (!result.ok && result.error.code !== expectedRefusal) outcomes.push(`${channel}: allowed but failed with ${JSON.stringify(result.error)}`);
          } else {
            const expected = role ? 'forbidden' : 'not_authenticated';
            if (result.ok || result.error.code !== expected) outcomes.push(`${channel}: expected ${expected}, got ${JSON.stringify(result)}`.slice(0, 200));
            if (changed) outcomes.push(`${channel}: refused but changed the database`);
          }
        }
      } finally {
        await shared?.close();
      }
      expect(outcomes).toEqual([]);
    }, onPostgres ? 300_000 : 60_000);
  }
});

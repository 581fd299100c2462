// Improvements through the real dispatcher: adopt an idea, link complaints, move through statuses, sign off as done,
// "you said, we did" with its letters and XLSX export, and department scoping on every call a head could try.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail, ImprovementDetail } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp, rawQuery, rawValue } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let parks: number;

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

async function login(session: string, username: string) {
  expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['cases', 'case_events', 'improvements', 'improvement_cases', 'improvement_events'];
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await rawValue<number>(t.app, `SELECT count(*) FROM ${table}`)])));
}

const person = (name: string, extra: Record<string, unknown> = {}) => ({ name, consent: true, consentText: 'Einwilligung', ...extra });

async function newCase(kind: string, departmentId: number, submitter: Record<string, unknown>, origin = 'external'): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', { kind, channel: 'email', origin, subject: `${kind} für ${departmentId}`, departmentId, submitter });
}

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  parks = await t.department('Grünflächen');
  await t.user('petra', 'ombudsman');
  await t.user('head-roads', 'department_head', [roads]);
  await t.user('head-parks', 'department_head', [parks]);
  await t.user('chief', 'executive');
  dispatch = createDispatcher(t.app, () => undefined);
  await login('office', 'petra');
  await login('roads', 'head-roads');
  await login('parks', 'head-parks');
  await login('chief', 'chief');
});
afterEach(async () => t.cleanup());

describe('improvements', () => {
  it('adopting an idea creates the improvement, links it and sets the outcome to adopted in one step', async () => {
    const idea = await newCase('idea', parks, person('Anna Berg', { email: 'anna@example.org', language: 'en' }));
    const improvement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: idea.id, title: 'Mehr Bänke im Stadtpark', targetDate: '2027-09-30' });
    expect(improvement).toMatchObject({ status: 'proposed', departmentId: parks, targetDate: '2027-09-30', caseCount: 1, cases: [{ caseId: idea.id, relation: 'idea' }] });
    const after = await as<CaseDetail>('office', 'getCase', { id: idea.id });
    expect(after.outcome).toBe('adopted');
    expect(after.improvements).toEqual([{ improvementId: improvement.id, title: 'Mehr Bänke im Stadtpark', status: 'proposed', doneOn: null, relation: 'idea' }]);
    expect(after.timeline.map((e) => e.type)).toEqual(['created', 'improvement_linked', 'updated']);
    expect(improvement.timeline.map((e) => e.type)).toEqual(['created', 'case_linked']);
  });

  it('refuses to adopt a complaint, and a failed adoption leaves nothing behind', async () => {
    const complaint = await newCase('complaint', roads, person('Jörg'));
    const before = (await tableCounts());
    expect(await dispatch('office', 'adoptIdea', { caseId: complaint.id, title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_an_idea' } });
    const noDepartment = await as<CaseDetail>('office', 'createCase', { kind: 'idea', channel: 'web', origin: 'internal', subject: 'Idee ohne Fachbereich' });
    const middle = (await tableCounts());
    expect(await dispatch('office', 'adoptIdea', { caseId: noDepartment.id, title: 'x' })).toMatchObject({ ok: false, error: { code: 'department_required' } });
    expect((await tableCounts())).toEqual(middle);
    expect(middle.improvements).toBe(before.improvements);
  });

  it('links complaints as root causes, moves through the statuses and is signed off as done with a date and a note', async () => {
    const idea = await newCase('idea', roads, person('Anna'));
    const complaint = await newCase('complaint', roads, person('Bernd'));
    const created = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: idea.id, title: 'Ampel an der Schule länger grün' });
    let improvement = await as<ImprovementDetail>('office', 'linkCaseToImprovement', { improvementId: created.id, caseId: complaint.id });
    expect(improvement.cases.map((c) => [c.reference, c.relation])).toEqual([
      [idea.reference, 'idea'],
      [complaint.reference, 'root_cause'],
    ]);
    expect(await dispatch('office', 'linkCaseToImprovement', { improvementId: created.id, caseId: complaint.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    improvement = await as<ImprovementDetail>('roads', 'setImprovementStatus', { id: created.id, status: 'planned' });
    expect(improvement.nextStatuses).toEqual(['proposed', 'in_progress', 'done', 'declined']);
    improvement = await as<ImprovementDetail>('roads', 'setImprovementStatus', { id: created.id, status: 'in_progress' });
    expect(improvement.timeline.map((e) => e.data.to ?? e.type)).toEqual(['created', 'case_linked', 'case_linked', 'planned', 'in_progress']);

    // Done: a date in the future, no date, no note are each refused and change nothing.
    const before = (await tableCounts());
    expect(await dispatch('roads', 'setImprovementStatus', { id: created.id, status: 'done', doneOn: '2027-06-02', note: 'x' })).toMatchObject({ ok: false, error: { code: 'done_date_in_future', details: { field: 'doneOn' } } });
    expect(await dispatch('roads', 'setImprovementStatus', { id: created.id, status: 'done', note: 'x' })).toMatchObject({ ok: false, error: { code: 'done_date_required', details: { field: 'doneOn' } } });
    expect(await dispatch('roads', 'setImprovementStatus', { id: created.id, status: 'done', doneOn: '2027-06-01', note: '  ' })).toMatchObject({ ok: false, error: { code: 'done_note_required', details: { field: 'note' } } });
    expect((await tableCounts())).toEqual(before);

    improvement = await as<ImprovementDetail>('roads', 'setImprovementStatus', { id: created.id, status: 'done', doneOn: '2027-06-01', note: 'Grünphase auf 25 s verlängert.' });
    expect(improvement).toMatchObject({ status: 'done', doneOn: '2027-06-01', doneNote: 'Grünphase auf 25 s verlängert.', signedOffByName: 'head-roads', nextStatuses: [] });
    expect(improvement.timeline.at(-1)).toMatchObject({ type: 'status_changed', data: { from: 'in_progress', to: 'done', doneOn: '2027-06-01' } });
    // Done is final.
    expect(await dispatch('office', 'setImprovementStatus', { id: created.id, status: 'in_progress' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    // Both linked cases show it, in their improvements and their timelines.
    for (const caseId of [idea.id, complaint.id]) {
      const linked = await as<CaseDetail>('office', 'getCase', { id: caseId });
      expect(linked.improvements).toMatchObject([{ improvementId: created.id, status: 'done', doneOn: '2027-06-01' }]);
      expect(linked.timeline.at(-1)).toMatchObject({ type: 'improvement_done', data: { improvementId: created.id } });
    }
  });

  it('refuses to mark a declined improvement done; it can be reopened', async () => {
    const created = await as<ImprovementDetail>('office', 'createImprovement', { title: 'Neue Parkbänke', departmentId: parks });
    await as('office', 'setImprovementStatus', { id: created.id, status: 'declined' });
    expect(await dispatch('office', 'setImprovementStatus', { id: created.id, status: 'done', doneOn: '2027-05-01', note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', details: { from: 'declined', to: 'done' } },
    });
    expect(await as<ImprovementDetail>('office', 'setImprovementStatus', { id: created.id, status: 'proposed' })).toMatchObject({ status: 'proposed' });
  });

  it('the database itself refuses a done improvement without its sign-off, and edits of its timeline', async () => {
    await rawQuery(t.app, `INSERT INTO improvements (title, department_id, created_at, updated_at) VALUES ('x', ?, 'now', 'now')`, [roads]);
    await expect(rawQuery(t.app, `UPDATE improvements SET status = 'done'`)).rejects.toThrow(/CHECK constraint failed|violates check constraint/);
    await rawQuery(t.app, `INSERT INTO improvement_events (improvement_id, at, type) VALUES (1, 'now', 'created')`);
    await expect(rawQuery(t.app, `UPDATE improvement_events SET type = 'x'`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(t.app, `DELETE FROM improvement_events`)).rejects.toThrow(/append-only/);
  });

  it('the executive reads everything and changes nothing', async () => {
    const created = await as<ImprovementDetail>('office', 'createImprovement', { title: 'Neue Parkbänke', departmentId: parks });
    expect(await as<ImprovementDetail>('chief', 'getImprovement', { id: created.id })).toMatchObject({ title: 'Neue Parkbänke' });
    const before = (await tableCounts());
    for (const [channel, input] of [
      ['setImprovementStatus', { id: created.id, status: 'planned' }],
      ['updateImprovement', { id: created.id, title: 'Anders' }],
      ['createImprovement', { title: 'x', departmentId: parks }],
    ] as const) {
      expect(await dispatch('chief', channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await tableCounts())).toEqual(before);
  });
});

describe('department scoping', () => {
  it('a head of department A cannot read or change anything of department B through any call, including search and exports', async () => {
    const roadIdea = await newCase('idea', roads, person('Rita Straße', { email: 'rita@example.org' }));
    const parkIdea = await newCase('idea', parks, person('Paul Parkweg', { email: 'paul@example.org' }));
    await as('office', 'transitionCase', { id: parkIdea.id, action: 'forward', departmentId: parks });
    const parkImprovement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: parkIdea.id, title: 'Wasserspender im Park' });
    const roadImprovement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: roadIdea.id, title: 'Radweg markieren' });
    for (const id of [parkImprovement.id, roadImprovement.id]) {
      await as('office', 'setImprovementStatus', { id, status: 'done', doneOn: '2027-05-20', note: 'Erledigt.' });
    }
    const before = (await tableCounts());
    const notFound = { ok: false, error: { code: 'not_found' } };

    // Reads of B's things answer exactly as if they did not exist.
    expect(await dispatch('roads', 'getCase', { id: parkIdea.id })).toMatchObject(notFound);
    expect(await dispatch('roads', 'getImprovement', { id: parkImprovement.id })).toMatchObject(notFound);
    expect(await dispatch('roads', 'listAttachments', { caseId: parkIdea.id })).toMatchObject(notFound);
    expect(await dispatch('roads', 'renderReply', { caseId: parkIdea.id, templateId: 1 })).toMatchObject(notFound);
    // Writes too.
    expect(await dispatch('roads', 'setImprovementStatus', { id: parkImprovement.id, status: 'planned' })).toMatchObject(notFound);
    expect(await dispatch('roads', 'transitionCase', { id: parkIdea.id, action: 'return_from_department', statement: 'x' })).toMatchObject(notFound);
    expect(await dispatch('roads', 'addCaseNote', { id: parkIdea.id, text: 'x' })).toMatchObject(notFound);
    // Lists, counts, search and exports contain only A.
    const list = await as<{ rows: { id: number }[]; total: number }>('roads', 'listCases', {});
    expect(list.rows.map((r) => r.id)).toEqual([roadIdea.id]);
    expect(list.total).toBe(1);
    expect(await as('roads', 'listCases', { filter: { reference: parkIdea.reference } })).toMatchObject({ rows: [], total: 0 });
    expect(await as('roads', 'searchCases', { query: 'Paul' })).toEqual([]);
    expect(await as('office', 'searchCases', { query: 'Paul' })).toMatchObject([{ id: parkIdea.id }]);
    const counts = await as<{ count: number }[]>('roads', 'caseCounts');
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(1);
    expect((await as<{ id: number }[]>('roads', 'listImprovements', {})).map((i) => i.id)).toEqual([roadImprovement.id]);
    expect((await as<{ id: number }[]>('roads', 'listImprovements', { departmentIds: [parks] })).map((i) => i.id)).toEqual([]);
    expect((await as<{ id: number }[]>('roads', 'listImprovements', { caseId: parkIdea.id })).map((i) => i.id)).toEqual([]);
    const home = await as<{ statementRequests: { id: number }[]; improvements: { id: number }[] }>('roads', 'departmentHome');
    expect(home.statementRequests).toEqual([]);
    expect(home.improvements.map((i) => i.id)).toEqual([roadImprovement.id]);
    const said = await as<{ improvement: { id: number }; notifications: { address: string }[] }[]>('roads', 'youSaidWeDid', { year: 2027 });
    expect(said.map((e) => e.improvement.id)).toEqual([roadImprovement.id]);
    expect(JSON.stringify(said)).not.toContain('paul@example.org');
    const file = await as<{ dataBase64: string }>('roads', 'exportYouSaidWeDid', { year: 2027, language: 'de' });
    const book = XLSX.read(Buffer.from(file.dataBase64, 'base64'));
    const text = book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name]!)).join('\n');
    expect(text).toContain('Radweg markieren');
    expect(text).not.toContain('Wasserspender');
    expect(text).not.toContain('Paul');
    expect((await tableCounts())).toEqual(before);

    // The head of B sees their statement request.
    const parksHome = await as<{ statementRequests: { id: number }[] }>('parks', 'departmentHome');
    expect(parksHome.statementRequests.map((c) => c.id)).toEqual([parkIdea.id]);
  });
});

describe('department scoping through links and merges', () => {
  it('a head learns nothing of another department through linked cases, linked improvements, merges, letters, exports or timeline writes', async () => {
    const rita = person('Rita Straße', { email: 'rita@example.org' });
    const roadIdea = await newCase('idea', roads, rita);
    const parkComplaint = await newCase('complaint', parks, person('Paul Parkweg', { email: 'paul@example.org' }));
    const roadDuplicate = await newCase('idea', roads, rita);
    const parkDuplicate = await newCase('complaint', parks, person('Pia Parkbank', { email: 'pia@example.org' }));
    // A Roads improvement with a Parks complaint as a root cause, and a Parks improvement linked to the Roads idea.
    const roadImprovement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: roadIdea.id, title: 'Radweg markieren' });
    await as('office', 'linkCaseToImprovement', { improvementId: roadImprovement.id, caseId: parkComplaint.id });
    const parkImprovement = await as<ImprovementDetail>('office', 'createImprovement', { title: 'Geheimer Parkplan', departmentId: parks, links: [{ caseId: roadIdea.id }] });
    // A Roads case merged into a Parks case, and a Parks case merged into a Roads case.
    await as('office', 'transitionCase', { id: roadDuplicate.id, action: 'merge', intoId: parkComplaint.id });
    await as('office', 'transitionCase', { id: parkDuplicate.id, action: 'merge', intoId: roadIdea.id });
    const parksSecrets = ['Paul', 'paul@example.org', 'Pia', 'pia@example.org', parkComplaint.reference, parkDuplicate.reference, 'Geheimer Parkplan'];
    const expectNoneOf = (value: unknown, secrets: string[]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      for (const secret of secrets) expect(text, `leaks ${secret}`).not.toContain(secret);
    };

    // The improvement shows only the head's own linked cases, counts only those, and its timeline names no Parks case.
    const seen = await as<ImprovementDetail>('roads', 'getImprovement', { id: roadImprovement.id });
    expect(seen.cases.map((c) => c.caseId)).toEqual([roadIdea.id]);
    expect(seen.caseCount).toBe(1);
    expectNoneOf(seen, parksSecrets);
    expect(seen.timeline.filter((e) => e.data.restricted === true).map((e) => e.type)).toEqual(['case_linked']);
    expect((await as<{ caseCount: number }[]>('roads', 'listImprovements', {})).map((i) => i.caseCount)).toEqual([1]);
    // Asking for the improvements of a Parks case does not confirm that it exists.
    expect(await as('roads', 'listImprovements', { caseId: parkComplaint.id })).toEqual([]);
    expect((await as<{ id: number }[]>('office', 'listImprovements', { caseId: parkComplaint.id })).map((i) => i.id)).toEqual([roadImprovement.id]);

    // The Roads idea lists only the Roads improvement; the Parks improvement and the merged-in Parks case stay unnamed.
    const idea = await as<CaseDetail>('roads', 'getCase', { id: roadIdea.id });
    expect(idea.improvements.map((i) => i.improvementId)).toEqual([roadImprovement.id]);
    expectNoneOf(idea, parksSecrets);
    expect(idea.timeline.filter((e) => e.data.restricted === true).map((e) => e.type).sort()).toEqual(['improvement_linked', 'merged_in']);
    // The Roads case merged into a Parks case does not name its target.
    const duplicate = await as<CaseDetail>('roads', 'getCase', { id: roadDuplicate.id });
    expect(duplicate.status).toBe('merged');
    expect(duplicate).toMatchObject({ duplicateOfId: null, duplicateOfReference: null });
    expectNoneOf(duplicate, parksSecrets);
    // The office still sees every link and merge.
    const officeView = await as<CaseDetail>('office', 'getCase', { id: roadDuplicate.id });
    expect(officeView).toMatchObject({ duplicateOfId: parkComplaint.id, duplicateOfReference: parkComplaint.reference });
    expect((await as<ImprovementDetail>('office', 'getImprovement', { id: roadImprovement.id })).cases.map((c) => c.caseId)).toEqual([roadIdea.id, parkComplaint.id]);

    // Signing off as done writes into the head's own linked cases only.
    const parkEventsBefore = (await as<CaseDetail>('office', 'getCase', { id: parkComplaint.id })).timeline.length;
    await as('roads', 'setImprovementStatus', { id: roadImprovement.id, status: 'done', doneOn: '2027-05-20', note: 'Markiert.' });
    expect((await as<CaseDetail>('office', 'getCase', { id: parkComplaint.id })).timeline.length).toBe(parkEventsBefore);
    expect((await as<CaseDetail>('roads', 'getCase', { id: roadIdea.id })).timeline.at(-1)).toMatchObject({ type: 'improvement_done', data: { improvementId: roadImprovement.id } });

    // Letters and the export: the Roads head gets Rita's letter, nothing of Paul.
    const said = await as<{ cases: { caseId: number }[]; notifications: { address: string }[] }[]>('roads', 'youSaidWeDid', { year: 2027 });
    expect(said).toHaveLength(1);
    expect(said[0]!.cases.map((c) => c.caseId)).toEqual([roadIdea.id]);
    expect(said[0]!.notifications.map((n) => n.address)).toEqual(['rita@example.org']);
    expectNoneOf(said, parksSecrets);
    const file = await as<{ dataBase64: string }>('roads', 'exportYouSaidWeDid', { year: 2027, language: 'de' });
    const book = XLSX.read(Buffer.from(file.dataBase64, 'base64'));
    const sheets = book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name]!)).join('\n');
    expect(sheets).toContain('rita@example.org');
    expectNoneOf(sheets, parksSecrets);
    // The office's list still writes to Paul.
    const officeSaid = await as<{ notifications: { address: string }[] }[]>('office', 'youSaidWeDid', { year: 2027 });
    expect(officeSaid[0]!.notifications.map((n) => n.address)).toEqual(['rita@example.org', 'paul@example.org']);

    // The Parks head, in turn, sees the Parks complaint without the Roads improvement it is linked to.
    const complaint = await as<CaseDetail>('parks', 'getCase', { id: parkComplaint.id });
    expect(complaint.improvements).toEqual([]);
    expectNoneOf(complaint, ['Radweg markieren', 'Rita', roadIdea.reference, roadDuplicate.reference]);
    expect((await as<ImprovementDetail>('parks', 'getImprovement', { id: parkImprovement.id })).cases).toEqual([]);
  });
});

describe('you said, we did', () => {
  it('lists the year’s done improvements with their cases and a letter for each person with contact data and consent', async () => {
    const withEmail = await newCase('idea', parks, person('Anna Berg', { email: 'anna@example.org', language: 'en' }));
    const withAddress = await newCase('complaint', parks, person('Bernd Ohnemail', { address: 'Lindenweg 3, 50667 Köln' }));
    const anonymous = await newCase('complaint', parks, { anonymous: true });
    const noConsent = await newCase('complaint', parks, { name: 'Carla Ohnezustimmung', email: 'carla@example.org', consent: false });
    const improvement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: withEmail.id, title: 'Trinkbrunnen im Stadtpark' });
    for (const c of [withAddress, anonymous, noConsent]) await as('office', 'linkCaseToImprovement', { improvementId: improvement.id, caseId: c.id });
    const notDone = await as<ImprovementDetail>('office', 'createImprovement', { title: 'Noch offen', departmentId: parks });
    const lastYear = await as<ImprovementDetail>('office', 'createImprovement', { title: 'Letztes Jahr', departmentId: parks });
    t.setNow('2027-06-01T09:00:00');
    await as('office', 'setImprovementStatus', { id: improvement.id, status: 'done', doneOn: '2027-05-31', note: 'Zwei Trinkbrunnen am Spielplatz aufgestellt.' });
    await as('office', 'setImprovementStatus', { id: lastYear.id, status: 'done', doneOn: '2026-11-02', note: 'x' });

    const entries = await as<{ improvement: { id: number }; cases: unknown[]; notifications: Record<string, string>[] }[]>('chief', 'youSaidWeDid', { year: 2027 });
    expect(entries.map((e) => e.improvement.id)).toEqual([improvement.id]);
    expect(entries[0]!.cases).toHaveLength(4);
    expect(entries[0]!.notifications.map((n) => [n.reference, n.channel, n.address, n.language])).toEqual([
      [withEmail.reference, 'email', 'anna@example.org', 'en'],
      [withAddress.reference, 'letter', 'Lindenweg 3, 50667 Köln', 'de'],
    ]);
    const [english, german] = entries[0]!.notifications;
    expect(english!.body).toContain('Dear Anna Berg');
    expect(english!.body).toContain('Done on 31 May 2027 by Grünflächen: Zwei Trinkbrunnen am Spielplatz aufgestellt.');
    expect(german!.body).toContain('Guten Tag Bernd Ohnemail');
    expect(german!.body).toContain('Umgesetzt am 31.05.2027');
    expect(german!.subject).toContain(withAddress.reference);
    expect(entries.some((e) => e.improvement.id === notDone.id)).toBe(false);

    const file = await as<{ fileName: string; dataBase64: string }>('chief', 'exportYouSaidWeDid', { year: 2027, language: 'en' });
    expect(file.fileName).toBe('you-said-we-did-2027.xlsx');
    const book = XLSX.read(Buffer.from(file.dataBase64, 'base64'));
    expect(book.SheetNames).toEqual(['Improvements', 'Letters']);
    const improvements = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Improvements!);
    expect(improvements).toEqual([
      {
        'No.': improvement.id,
        Improvement: 'Trinkbrunnen im Stadtpark',
        Department: 'Grünflächen',
        'Done on': '2027-05-31',
        'What was done': 'Zwei Trinkbrunnen am Spielplatz aufgestellt.',
        Cases: [withEmail, withAddress, anonymous, noConsent].map((c) => c.reference).join(', '),
      },
    ]);
    const letters = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Letters!);
    expect(letters.map((l) => l.Address)).toEqual(['anna@example.org', 'Lindenweg 3, 50667 Köln']);
  });
});

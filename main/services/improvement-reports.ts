// What follows from improvements: a department head's start screen, and the yearly "you said, we did" list with a
// ready letter for each person who left contact data and consent. Both are scoped to the actor's departments.
import * as XLSX from 'xlsx';
import { improvementLetter } from '../domain/improvement-letters.ts';
import type { DepartmentHome } from '../types/start.ts';
import type { ExportFile } from '../types/jobs.ts';
import type { ImprovementNotification, YouSaidWeDidEntry } from '../types/improvements.ts';
import type { Actor } from './actor.ts';
import { listCases } from './case-list.ts';
import type { ServiceContext } from './context.ts';
import { listImprovements, readLinkedCases } from './improvements.ts';
import { statementReminders } from './start-screens.ts';

export async function departmentHome(ctx: ServiceContext, actor: Actor): Promise<DepartmentHome> {
  // Sorted by due date, so overdue statement requests come first.
  const statementRequests = (await listCases(ctx, actor, {
    filter: { statuses: ['forwarded'] },
    sort: { column: 'responseDue', direction: 'asc' },
    limit: 500,
    offset: 0,
  })).rows;
  return { statementRequests, improvements: await listImprovements(ctx, actor, {}), ...(await statementReminders(ctx, actor, statementRequests)) };
}

export async function youSaidWeDid(ctx: ServiceContext, actor: Actor, year: number): Promise<YouSaidWeDidEntry[]> {
  const db = ctx.read;
  const summaries = (await listImprovements(ctx, actor, { doneYear: year, statuses: ['done'] })).sort((a, b) =>
    a.doneOn! < b.doneOn! ? -1 : a.doneOn! > b.doneOn! ? 1 : a.id - b.id,
  );
  const ids = summaries.map((s) => s.id);
  const texts = new Map(ids.length ? (await db.selectFrom('improvements').select(['id', 'description', 'done_note']).where('id', 'in', ids).execute()).map((r) => [r.id, r]) : []);
  const linksOf = new Map<number, Awaited<ReturnType<typeof readLinkedCases>>>();
  for (const link of await readLinkedCases(db, actor, ids)) {
    const group = linksOf.get(link.improvementId);
    if (group) group.push(link);
    else linksOf.set(link.improvementId, [link]);
  }
  return summaries.map((summary) => {
    const text = texts.get(summary.id)!;
    const mine = linksOf.get(summary.id) ?? [];
    const notifications: ImprovementNotification[] = [];
    for (const { row: person } of mine) {
      // Only people who left contact data and consent, on cases still standing.
      if (person.submitter_anonymous === 1 || person.consent_given_at === null || ['withdrawn', 'merged'].includes(person.status)) continue;
      const address = person.submitter_email ?? person.submitter_address;
      if (!address) continue;
      const letter = improvementLetter({
        person: { submitterName: person.submitter_name, anonymous: false, reference: person.reference, receivedOn: person.received_on },
        language: person.submitter_language,
        improvementTitle: summary.title,
        departmentName: summary.departmentName,
        doneOn: summary.doneOn!,
        whatWasDone: text.done_note ?? '',
      });
      notifications.push({
        caseId: person.id,
        reference: person.reference,
        name: person.submitter_name,
        language: letter.language,
        channel: person.submitter_email ? 'email' : 'letter',
        address,
        subject: letter.subject,
        body: letter.body,
      });
    }
    return {
      improvement: { ...summary, description: text.description, doneNote: text.done_note },
      cases: mine.map((link) => link.linked),
      notifications,
    };
  });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADERS = {
  de: {
    sheetNames: ['Verbesserungen', 'Briefe'],
    improvements: ['Nr.', 'Verbesserung', 'Fachbereich', 'Umgesetzt am', 'Was getan wurde', 'Fälle'],
    letters: ['Verbesserung Nr.', 'Aktenzeichen', 'Name', 'Sprache', 'Versandweg', 'Adresse', 'Betreff', 'Text'],
  },
  en: {
    sheetNames: ['Improvements', 'Letters'],
    improvements: ['No.', 'Improvement', 'Department', 'Done on', 'What was done', 'Cases'],
    letters: ['Improvement no.', 'Reference', 'Name', 'Language', 'Channel', 'Address', 'Subject', 'Text'],
  },
} as const;

/** Two sheets: the improvements with the cases behind them, and the letters ready to send; headers in the reader's language. */
export async function exportYouSaidWeDid(ctx: ServiceContext, actor: Actor, year: number, language: keyof typeof HEADERS): Promise<ExportFile> {
  const headers = HEADERS[language];
  const entries = await youSaidWeDid(ctx, actor, year);
  const improvementRows = entries.map(({ improvement, cases }) => [
    improvement.id,
    improvement.title,
    improvement.departmentName,
    improvement.doneOn,
    improvement.doneNote ?? '',
    cases.map((c) => c.reference).join(', '),
  ]);
  const letterRows = entries.flatMap(({ improvement, notifications }) =>
    notifications.map((n) => [improvement.id, n.reference, n.name ?? '', n.language, n.channel, n.address, n.subject, n.body]),
  );
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([[...headers.improvements], ...improvementRows]), headers.sheetNames[0]);
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([[...headers.letters], ...letterRows]), headers.sheetNames[1]);
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { fileName: `you-said-we-did-${year}.xlsx`, mediaType: XLSX_TYPE, dataBase64: data.toString('base64') };
}

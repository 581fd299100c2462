// Exports of the app's tables and of the report: the inbox with its filters (every matching row, not only the page
// shown) and the improvements list to XLSX or CSV, and the report as a workbook with one sheet per table. Each reads
// through the same list services as the screens, so department scope is the services' own.
import * as XLSX from 'xlsx';
import { csvLines, csvSeparator, guardCell, UTF8_BOM, type Cell } from '../domain/table-export.ts';
import type { CaseListFilter } from '../types/cases.ts';
import type { ExportFile } from '../types/jobs.ts';
import type { ReportData } from '../types/reports.ts';
import type { Actor } from './actor.ts';
import { listCases, type CaseListQuery } from './case-list.ts';
import type { ServiceContext } from './context.ts';
import { XLSX_TYPE } from './improvement-reports.ts';
import { listImprovements, type ImprovementFilter } from './improvements.ts';
import { reportData, type ReportQuery } from './reports.ts';

export type ExportFormat = 'xlsx' | 'csv';
export type ExportLanguage = 'de' | 'en';

const CASE_HEADERS = {
  de: ['Aktenzeichen', 'Eingang', 'Art', 'Kanal', 'Herkunft', 'Betreff', 'Name', 'Fachbereich', 'Status', 'Stufe', 'Priorität', 'Bearbeitung', 'Antwort fällig', 'Arbeitstage übrig', 'Überfällig'],
  en: ['Reference', 'Received', 'Kind', 'Channel', 'Origin', 'Subject', 'Name', 'Department', 'Status', 'Stage', 'Priority', 'Handler', 'Response due', 'Working days left', 'Overdue'],
};
const IMPROVEMENT_HEADERS = {
  de: ['Nr.', 'Verbesserung', 'Fachbereich', 'Verantwortlich', 'Status', 'Zieldatum', 'Umgesetzt am', 'Überfällig', 'Fälle'],
  en: ['No.', 'Improvement', 'Department', 'Responsible', 'Status', 'Target date', 'Done on', 'Overdue', 'Cases'],
};

/** Rows per read of the inbox export: progress and cancellation between them. */
export const EXPORT_BATCH = 10_000;

export interface ExportProgress {
  (done: number, total: number | null): void;
}

/** The row of a case as exported: what the inbox shows, codes for kind, channel, status (the same in every language). */
export function caseExportRow(row: Awaited<ReturnType<typeof listCases>>['rows'][number]): Cell[] {
  return [row.reference, row.receivedAt, row.kind, row.channel, row.origin, row.subject, row.submitterName, row.departmentName, row.status, row.stage, row.priority, row.handlerName, row.responseDue, row.workingDaysLeft, row.overdue];
}

export function improvementExportRow(row: Awaited<ReturnType<typeof listImprovements>>[number]): Cell[] {
  return [row.id, row.title, row.departmentName, row.responsibleName, row.status, row.targetDate, row.doneOn, row.overdue, row.caseCount];
}

/** A file of these rows (the header first): XLSX with one sheet, or CSV in UTF-8 with BOM and the language's separator. */
export function tableFile(name: string, sheet: string, rows: Cell[][], format: ExportFormat, language: ExportLanguage): ExportFile {
  if (format === 'csv') {
    const text = UTF8_BOM + csvLines(rows, csvSeparator(language));
    return { fileName: `${name}.csv`, mediaType: 'text/csv;charset=utf-8', dataBase64: Buffer.from(text, 'utf8').toString('base64') };
  }
  return workbookFile(name, [{ name: sheet, rows }]);
}

export function workbookFile(name: string, sheets: { name: string; rows: Cell[][] }[]): ExportFile {
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet.rows.map((row) => row.map(guardCell)), { dense: true }), sheet.name.slice(0, 31));
  }
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { fileName: `${name}.xlsx`, mediaType: XLSX_TYPE, dataBase64: data.toString('base64') };
}

/** Every case of the inbox's filter and sort the actor may see, in batches (progress and cancel between them). */
export async function exportCases(
  ctx: ServiceContext,
  actor: Actor,
  input: { filter: CaseListFilter; sort?: CaseListQuery['sort'] | undefined; format: ExportFormat; language: ExportLanguage },
  progress: ExportProgress = () => {},
): Promise<ExportFile> {
  const sort = input.sort ?? { column: 'receivedAt', direction: 'desc' };
  const rows: Cell[][] = [CASE_HEADERS[input.language]];
  let total: number | null = null;
  for (let offset = 0; total === null || offset < total; offset += EXPORT_BATCH) {
    const page = await listCases(ctx, actor, { filter: input.filter, sort, limit: EXPORT_BATCH, offset });
    total ??= page.total;
    for (const row of page.rows) rows.push(caseExportRow(row));
    progress(Math.min(offset + EXPORT_BATCH, total), total);
    if (page.rows.length < EXPORT_BATCH) break;
  }
  return tableFile('cases', input.language === 'de' ? 'Fälle' : 'Cases', rows, input.format, input.language);
}

export async function exportImprovements(ctx: ServiceContext, actor: Actor, input: { filter: ImprovementFilter; format: ExportFormat; language: ExportLanguage }): Promise<ExportFile> {
  const rows: Cell[][] = [IMPROVEMENT_HEADERS[input.language], ...(await listImprovements(ctx, actor, input.filter)).map(improvementExportRow)];
  return tableFile('improvements', input.language === 'de' ? 'Verbesserungen' : 'Improvements', rows, input.format, input.language);
}

const REPORT_SHEETS = {
  de: {
    kind: ['Art', 'Anzahl', 'Anteil'], channel: ['Kanal', 'Anzahl', 'Anteil'], origin: ['Herkunft', 'Anzahl', 'Anteil'], department: ['Fachbereich', 'Anzahl', 'Anteil'], outcome: ['Ergebnis', 'Anzahl', 'Anteil'],
    deadlines: ['Stufe', 'Frist', 'Eingehalten', 'Versäumt', 'Offen', 'Quote'], ack: 'Eingangsbestätigung', response: 'Antwort',
    improvements: ['Nr.', 'Verbesserung', 'Fachbereich', 'Umgesetzt am', 'Sie sagten', 'Wir taten'],
    barometer: ['Quartal', 'Gut', 'Okay', 'Verbesserungswürdig', 'n', 'Index', 'Fehlerspanne', 'Belastbar'],
    draws: ['Jahr', 'Topf', 'Gezogen am', 'Lose', 'Platz', 'Aktenzeichen', 'Name', 'Preis'],
    names: ['Arten', 'Kanäle', 'Herkunft', 'Fachbereiche', 'Ergebnisse', 'Fristen', 'Verbesserungen', 'Barometer', 'Verlosung'],
  },
  en: {
    kind: ['Kind', 'Count', 'Share'], channel: ['Channel', 'Count', 'Share'], origin: ['Origin', 'Count', 'Share'], department: ['Department', 'Count', 'Share'], outcome: ['Outcome', 'Count', 'Share'],
    deadlines: ['Stage', 'Deadline', 'Met', 'Missed', 'Pending', 'Share met'], ack: 'Acknowledgement', response: 'Response',
    improvements: ['No.', 'Improvement', 'Department', 'Done on', 'You said', 'We did'],
    barometer: ['Quarter', 'Good', 'Okay', 'Could be better', 'n', 'Index', 'Margin', 'Reliable'],
    draws: ['Year', 'Pool', 'Drawn at', 'Entries', 'Place', 'Reference', 'Name', 'Prize'],
    names: ['Kinds', 'Channels', 'Origins', 'Departments', 'Outcomes', 'Deadlines', 'Improvements', 'Barometer', 'Prize draw'],
  },
};

/** The report as a workbook, one sheet per table (the same figures as the report view). */
export function reportWorkbook(data: ReportData, language: ExportLanguage): ExportFile {
  const h = REPORT_SHEETS[language];
  const counts = (header: string[], list: ReportData['byKind']): Cell[][] => [header, ...list.map((c) => [c.key, c.count, c.share])];
  const sheets = [
    { name: h.names[0]!, rows: counts(h.kind, data.byKind) },
    { name: h.names[1]!, rows: counts(h.channel, data.byChannel) },
    { name: h.names[2]!, rows: counts(h.origin, data.byOrigin) },
    { name: h.names[3]!, rows: counts(h.department, data.byDepartment) },
    { name: h.names[4]!, rows: counts(h.outcome, data.outcomes) },
    {
      name: h.names[5]!,
      rows: [h.deadlines, ...data.deadlines.flatMap((s) => [
        [s.stage, h.ack, s.acknowledgement.met, s.acknowledgement.missed, s.acknowledgement.pending, s.acknowledgement.share],
        [s.stage, h.response, s.response.met, s.response.missed, s.response.pending, s.response.share],
      ])],
    },
    { name: h.names[6]!, rows: [h.improvements, ...data.improvements.map((i) => [i.id, i.title, i.departmentName, i.doneOn, i.youSaid, i.doneNote])] },
    { name: h.names[7]!, rows: [h.barometer, ...data.barometer.quarters.map((q) => [q.quarter, q.counts.good, q.counts.okay, q.counts.could_be_better, q.n, q.index, q.margin, q.reliable])] },
  ];
  if (data.draws) sheets.push({ name: h.names[8]!, rows: [h.draws, ...data.draws.flatMap((d) => d.winners.map((w) => [d.year, d.pool, d.drawnAt, d.entryCount, w.place, w.reference, w.name, w.prize]))] });
  const department = data.departmentId !== null ? `-department-${data.departmentId}` : '';
  return workbookFile(`report-${data.period.key}${department}`, sheets);
}

export async function exportReport(ctx: ServiceContext, actor: Actor, query: ReportQuery, language: ExportLanguage): Promise<ExportFile> {
  return reportWorkbook(await reportData(ctx, actor, query), language);
}

// Quarterly and yearly reports: the figures for a period and optionally a department (department heads: their own).
// Their XLSX workbook and the table exports run as jobs (main/jobs/definitions.ts); the PDF prints the report view.
import { z } from 'zod';
import { reportData } from '../../services/reports.ts';
import { actorOf, CASE_READERS, channel, id, out } from '../define.ts';
import type { ReportData } from '../types.ts';

export const reportPeriod = z.string().regex(/^\d{4}(-Q[1-4])?$/);

export const reportsChannels = {
  reportData: channel({
    access: CASE_READERS,
    input: z.strictObject({ period: reportPeriod, departmentId: id.nullish(), examples: z.number().int().min(0).max(50).optional() }),
    output: out<ReportData>(),
    handler: (call, input) => reportData(call.app.services, actorOf(call), input),
  }),
};

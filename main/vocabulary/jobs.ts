// Background jobs: what can run in the background and how a run ends.

export const JOB_KINDS = ['demo', 'youSaidWeDidXlsx', 'importMail', 'previewTable', 'importTable', 'importOpen311', 'open311Poll', 'reportXlsx', 'tableExport', 'pollMailbox', 'importBarometerVotes'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** interrupted: the app stopped while the job ran (found so at the next start); its committed batches stay. */
export const JOB_STATUSES = ['running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function isJobFinished(status: JobStatus): boolean {
  return status !== 'running';
}

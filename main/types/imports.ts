// What the import screen shows: each import run with its counts, and the files that failed or were skipped.

export type ImportKind = 'mail' | 'table' | 'open311';

/** An import run as the import screen lists it (main/services/imports.ts). */
export interface ImportSummary {
  id: number;
  kind: ImportKind;
  jobId: number | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
  /** What was imported: the files' names. */
  source: string;
  /** new: cases opened; appended: mail added to the case its subject names; skipped; failed. */
  counts: { new: number; appended: number; skipped: number; failed: number };
  /** interrupted: the app stopped while it ran (its complete batches stay). */
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
}

/** A file of an import that failed (with its error code) or was skipped (with the reason). */
export interface ImportItemInfo {
  id: number;
  item: string;
  outcome: 'failed' | 'skipped';
  code: string;
  details: Record<string, unknown>;
  caseId: number | null;
  reference: string | null;
}

export interface ImportDetail extends ImportSummary {
  items: ImportItemInfo[];
}

/** An uploaded table waiting for its mapping: the token names it for the import; the job reads its preview. */
export interface TableUpload {
  token: string;
  job: import('./jobs.ts').JobRecord;
}

/** A previewTable job's result: the header and the first rows (main/jobs/table-jobs.ts). */
export interface TablePreview {
  format: 'csv' | 'xlsx' | 'json';
  headers: string[];
  rows: string[][];
  totalRows: number;
  headerRow: number;
  sheets: string[];
  sheet: string | null;
  encoding: string | null;
  delimiter: string | null;
}

export interface PreviewRowIssue {
  code: import('../vocabulary/imports.ts').TableRowIssueCode;
  column: string | null;
  value: string;
}

/** The preview's rows read through a mapping: per row (in order) its errors and warnings. */
export interface PreviewCheck {
  rows: { row: number; errors: PreviewRowIssue[]; warnings: PreviewRowIssue[] }[];
}

export interface SavedMapping {
  id: number;
  name: string;
  mapping: import('../vocabulary/imports.ts').TableMapping;
  updatedAt: string;
}

export interface Open311Endpoint {
  url: string;
  jurisdictionId: string | null;
}

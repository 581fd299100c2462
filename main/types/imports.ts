// What the import screen shows: each import run with its counts, and the files that failed or were skipped.

/** An import run as the import screen lists it (main/services/imports.ts). */
export interface ImportSummary {
  id: number;
  kind: 'mail';
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

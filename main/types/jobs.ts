// What the jobs area returns, and a generated file for the renderer to save. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { ApiError } from '../services/errors.ts';

/** A background job run as a window sees it (main/jobs). */
export interface JobRecord {
  id: number;
  kind: import('../vocabulary/jobs.ts').JobKind;
  status: import('../vocabulary/jobs.ts').JobStatus;
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number | null;
  phase: string | null;
  counts: Record<string, number>;
  error: ApiError | null;
  /** The file the job produced (an export), fetched with jobResult. */
  resultName: string | null;
}

/** A generated file for the renderer to save: never opened inside Ombudsdesk. */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

// Accessibility figures as the API returns them (issue 13, point 4).
import type { AccessRow, PeerRow, PhoneFigures } from '../domain/accessibility.ts';
import type { PeerIndicator } from '../vocabulary/accessibility.ts';

export type { AccessRow, AccessFigures, AccessDimension, DeadlineShare, PeerRow, PeerRowError, PhoneFigures } from '../domain/accessibility.ts';

export interface AccessibilityReport {
  from: string;
  to: string;
  quarters: string[];
  /** The departments the rows may name (a department head: their own). */
  departments: { id: number; name: string }[];
  /** Null for the office and the executive; a department head's departments otherwise. */
  departmentIds: number[] | null;
  rows: AccessRow[];
  phone: PhoneFigures[];
  /** Our value per indicator and year (the years of the peer figures and the current one), beside the peers'. */
  years: { year: number; ours: Record<PeerIndicator, number | null> }[];
  peers: PeerRow[];
}

export interface LoggedCall {
  id: number;
  calledAt: string;
  reached: boolean;
  answeredDirectly: boolean | null;
  departmentId: number | null;
}

export interface PeerImportResult {
  stored: number;
}

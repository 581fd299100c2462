// What the prize draws area returns. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { TemplateLanguage } from '../domain/templates.ts';

export type DrawPool = 'external' | 'internal';

export interface Prize {
  count: number;
  description: string;
}

export interface DrawEntry {
  caseId: number;
  reference: string;
  subject: string;
  name: string | null;
}

export interface DrawExclusion {
  caseId: number;
  reference: string;
  reason: 'withdrawn' | 'merged' | 'no_contact' | 'no_consent';
}

export interface DrawSummary {
  id: number;
  year: number;
  pool: DrawPool;
  status: 'prepared' | 'drawn';
  fingerprint: string;
  entryCount: number;
  preparedAt: string;
  drawnAt: string | null;
  repeatOf: number | null;
  repeatReason: string | null;
  /** A later draw for the same year and pool that repeated this one. */
  repeatedBy: number | null;
}

export interface DrawEligibility {
  year: number;
  pool: DrawPool;
  entries: DrawEntry[];
  exclusions: DrawExclusion[];
  /** Of the entries as they are now; a prepared draw keeps its own frozen one. */
  fingerprint: string | null;
  draws: DrawSummary[];
}

export interface DrawWinner {
  place: number;
  rank: number;
  reference: string;
  prize: string | null;
  notified: boolean;
  name: string | null;
  /** The letter to send, when the person left contact data. */
  letter: { language: TemplateLanguage; channel: 'email' | 'letter'; address: string; subject: string; body: string } | null;
}

export interface DrawDetail extends DrawSummary {
  prizes: Prize[];
  entries: DrawEntry[];
  exclusions: DrawExclusion[];
  /** The exact text the fingerprint is the SHA-256 of. */
  canonicalText: string;
  seed: string | null;
  algorithm: string | null;
  algorithmVersion: number | null;
  ranking: string[] | null;
  witnesses: string[];
  drawnByName: string | null;
  winners: DrawWinner[];
  reserves: string[];
  dropped: { reference: string; type: 'declined' | 'unreachable'; place: number }[];
  log: { id: number; at: string; type: 'notified' | 'declined' | 'unreachable'; reference: string; note: string; actorName: string | null }[];
}

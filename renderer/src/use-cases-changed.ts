// useCasesChanged: runs `listener` when another seat changes cases this user may see (main's casesChanged event; on
// PostgreSQL every seat's committed changes arrive there, on SQLite none, since the file has one seat). The latest
// listener is used, so callers need not memoise it.
import { useEffect, useRef } from 'react';
import type { EventMap } from '../../main/api/events.ts';

export type CasesChange = EventMap['casesChanged'];

/** Whether a change concerns this case (`all`: the cases could not be named, so it may). */
export const concerns = (change: CasesChange, caseId: number) => change.all || change.caseIds.includes(caseId);

export function useCasesChanged(listener: (change: CasesChange) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => window.ombudsdeskEvents.on('casesChanged', (change) => latest.current(change)), []);
}

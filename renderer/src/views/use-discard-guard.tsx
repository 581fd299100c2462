// A guard against losing what was typed: Esc, Cancel or Back close at once when nothing was typed, and otherwise ask first
// in a small confirmation ("Keep editing", the default, or "Discard"). Esc there means keep editing, and the focus goes back
// to the field that had it; nothing typed is lost unless "Discard" is chosen.
//
//   const changed = useChanged({ subject, description, … });   // any field differs from its value at the first render
//   const guard = useDiscardGuard(changed, 'discard.note');
//   <button type="button" onClick={() => guard.ask(onClose)}>Cancel</button>
//   {guard.dialog}
//
// A form that Esc empties: <form onKeyDown={guard.escapeDiscards(reset)}> (the focus then goes back to the field that had
// it; with 'first' as the second argument, to the form's first field).
//
// A panel inside a screen that Esc, Alt+← or Back leave (the case view) registers its guard with useLeaveGuard(guard):
// the workbench then asks every panel with typed text before it leaves (see leaveThrough), and so does the header
// (its navigation, a notification's case, "Sign out").
import { createContext, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from './use-modal-focus.ts';

export interface DiscardGuard {
  /** Runs discard at once when nothing was typed; otherwise asks, and runs it only when "Discard" is chosen. */
  ask(discard: () => void): void;
  /** Whether something typed would be lost. */
  changed: boolean;
  /** The confirmation while it asks (render it anywhere: it goes to the end of the page body). */
  dialog: ReactNode;
  /**
   * A form's onKeyDown: Esc (unless a field inside already used it) asks as ask() does and, once discarded, puts the focus
   * back on the field that had it ('same') or on the form's first field ('first').
   */
  escapeDiscards(discard: () => void, focus?: 'same' | 'first'): (event: KeyboardEvent<HTMLElement>) => void;
}

/** Whether any of the values differs from what it was at the first render (compared with Object.is). */
export function useChanged(values: Record<string, unknown>): boolean {
  const [initial] = useState(values);
  return Object.keys(values).some((key) => !Object.is(values[key], initial[key]));
}

export function useDiscardGuard(changed: boolean, question: string): DiscardGuard {
  const [asking, setAsking] = useState(false);
  const pending = useRef<(() => void) | null>(null);

  function ask(discard: () => void) {
    if (!changed) return discard();
    pending.current = discard;
    setAsking(true);
  }

  const dialog = asking ? (
    <DiscardConfirm
      question={question}
      onKeep={() => {
        pending.current = null;
        setAsking(false);
      }}
      onDiscard={() => {
        const discard = pending.current;
        pending.current = null;
        setAsking(false);
        discard?.();
      }}
    />
  ) : null;

  function escapeDiscards(discard: () => void, focus: 'same' | 'first' = 'same') {
    return (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      const form = event.currentTarget;
      const field = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      ask(() => {
        discard();
        requestAnimationFrame(() => (focus === 'first' ? form.querySelector<HTMLElement>('input') : field)?.focus());
      });
    };
  }
  return { ask, changed, dialog, escapeDiscards };
}

function DiscardConfirm({ question, onKeep, onDiscard }: { question: string; onKeep: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  // Opened with the focus still in the field it came from: that is where "Keep editing" puts it back.
  useModalFocus(dialog);
  useEffect(() => keep.current?.focus(), []);
  return createPortal(
    <div
      className="dialog-backdrop confirm-backdrop"
      // Only this dialog reacts to keys while it is open: none reaches the form beneath (Esc there would close it, Ctrl+Enter save it).
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          onKeep();
        }
      }}
    >
      <div ref={dialog} className="dialog confirm" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h2 id={`${id}-title`}>{t(question)}</h2>
        <p id={`${id}-text`} className="hint">
          {t('discard.hint')}
        </p>
        <div className="actions">
          <button ref={keep} type="button" className="primary" onClick={onKeep}>
            {t('discard.keep')}
          </button>
          <button type="button" onClick={onDiscard}>
            {t('discard.discard')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** A guard the screen around asks before it is left. */
export interface LeaveGuard {
  changed(): boolean;
  ask(discard: () => void): void;
}

/** The guards of the panels on the current screen (provided by the workbench). */
export const LeaveGuards = createContext<Set<LeaveGuard> | null>(null);

/** Lets the screen around ask this guard before it is left (Esc, Alt+←, Back, the header's navigation and sign-out). */
export function useLeaveGuard(guard: DiscardGuard): void {
  const guards = useContext(LeaveGuards);
  const latest = useRef(guard);
  useEffect(() => {
    latest.current = guard;
  });
  useEffect(() => {
    if (!guards) return;
    const entry: LeaveGuard = { changed: () => latest.current.changed, ask: (discard) => latest.current.ask(discard) };
    guards.add(entry);
    return () => {
      guards.delete(entry);
    };
  }, [guards]);
}

/** Leaves once every guard with typed text agreed to discard it (asked one after another); at once when none has any. */
export function leaveThrough(guards: ReadonlySet<LeaveGuard>, leave: () => void, asked: ReadonlySet<LeaveGuard> = new Set()): void {
  const next = [...guards].find((guard) => !asked.has(guard) && guard.changed());
  if (!next) return leave();
  next.ask(() => leaveThrough(guards, leave, new Set([...asked, next])));
}

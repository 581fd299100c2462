// A date (or date and time) typed in the format of the UI language, never the browser's native picker, whose language and
// validation bubbles are the browser's, not the app's. The field checks itself and shows its problem, translated, beneath
// it; while there is one it refuses to let its form be submitted (Enter, a submit button or Ctrl+Enter) and takes the focus.
import { useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayDateInput, parseDateInput } from '../date-input.ts';
import { formatDate } from '../format.ts';

interface Props {
  label: string;
  /** yyyy-MM-dd (or yyyy-MM-ddTHH:mm with withTime); '' for none. While the typed text is not a date, the text itself. */
  value: string;
  onChange: (value: string) => void;
  withTime?: boolean | undefined;
  required?: boolean | undefined;
  /** Earliest and latest allowed calendar day (yyyy-MM-dd). */
  min?: string | undefined;
  max?: string | undefined;
  autoFocus?: boolean | undefined;
  disabled?: boolean | undefined;
  /** A problem found elsewhere (the form's own check, or main), translated; shown like the field's own ones. */
  error?: string | null | undefined;
}

type Problem = { key: string; values?: Record<string, string> } | null;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function DateField({ label, value, onChange, withTime = false, required = false, min, max, autoFocus, disabled, error }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The typed text, the value it last reported (or was given) and the language it is written in.
  const [own, setOwn] = useState(() => ({ text: displayDateInput(value, language), value, language }));
  const [shown, setShown] = useState(false);
  let text = own.text;
  if (value !== own.value || language !== own.language) {
    // A value set from outside (a reset, an edit form filled) replaces the text; a new language rewrites a valid date.
    const parsed = parseDateInput(own.text, withTime);
    text = value !== own.value ? displayDateInput(value, language) : parsed.kind === 'valid' ? displayDateInput(parsed.value, language) : own.text;
    setOwn({ text, value, language });
    if (value !== own.value) setShown(false);
  }

  const format = t(withTime ? 'dateField.formatWithTime' : 'dateField.format');
  const example = displayDateInput(withTime ? `${today()}T09:30` : today(), language);

  function problemOf(current: string): Problem {
    const parsed = parseDateInput(current, withTime);
    if (parsed.kind === 'empty') return required ? { key: 'dateField.required' } : null;
    if (parsed.kind === 'invalid') return { key: 'dateField.invalid', values: { format, example } };
    const day = parsed.value.slice(0, 10);
    if (min && day < min) return { key: 'dateField.tooEarly', values: { date: formatDate(min, language) } };
    if (max && day > max) return { key: 'dateField.tooLate', values: { date: formatDate(max, language) } };
    return null;
  }
  const problem = problemOf(text);
  const problemRef = useRef(problem);
  useEffect(() => {
    problemRef.current = problem;
  });

  // The form is not sent while this field has a problem: the problem is shown at the field, which takes the focus.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const refuse = (event: Event) => {
      if (!problemRef.current || input.current?.disabled) return;
      event.preventDefault();
      event.stopPropagation();
      setShown(true);
      input.current?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) refuse(event);
    };
    form.addEventListener('submit', refuse);
    form.addEventListener('keydown', onKeyDown);
    return () => {
      form.removeEventListener('submit', refuse);
      form.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  function change(next: string) {
    const parsed = parseDateInput(next, withTime);
    const out = parsed.kind === 'valid' ? parsed.value : parsed.kind === 'empty' ? '' : next;
    setOwn({ text: next, value: out, language });
    onChange(out);
    if (shown && !problemOf(next)) setShown(false);
  }

  function blur(event: FocusEvent<HTMLInputElement>) {
    const parsed = parseDateInput(text, withTime);
    if (parsed.kind === 'valid') setOwn({ text: displayDateInput(parsed.value, language), value: parsed.value, language });
    // Moving on to a button of the same form shows the problem only when the form is sent: a message appearing now
    // would push that button away from under the pointer, and the click would miss it.
    const next = event.relatedTarget;
    if (next instanceof HTMLButtonElement && next.form === event.currentTarget.form) return;
    setShown(true);
  }

  const ownProblem = shown ? problem : null;
  const visibleProblem: { key: string; values?: Record<string, string> } | { text: string } | null = ownProblem ?? (error ? { text: error } : null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const visibleKey = visibleProblem ? ('text' in visibleProblem ? visibleProblem.text : visibleProblem.key) : null;
  // A problem that appears is scrolled into view with its field (in a scrolling dialog it may start below the edge).
  useEffect(() => {
    if (visibleKey) errorRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [visibleKey]);
  return (
    <div className="date-field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <input
        id={id}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={format}
        value={text}
        onChange={(event) => change(event.target.value)}
        onBlur={blur}
        aria-required={required || undefined}
        aria-invalid={visibleProblem ? true : undefined}
        aria-describedby={visibleProblem ? `${id}-error ${id}-hint` : `${id}-hint`}
        size={withTime ? 17 : 11}
      />
      <span className="visually-hidden" id={`${id}-hint`}>
        {t('dateField.hint', { format })}
      </span>
      {visibleProblem && (
        <p className="error" role="alert" id={`${id}-error`} ref={errorRef}>
          {'text' in visibleProblem ? visibleProblem.text : t(visibleProblem.key, visibleProblem.values ?? {})}
        </p>
      )}
    </div>
  );
}

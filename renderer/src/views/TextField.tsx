// A labelled text input (or text area) that shows its own problem, translated, beneath it: aria-invalid and described by
// the message. Every form checks itself (noValidate): the browser's validation bubbles are in the browser's language.
//
//   const [problems, setProblems] = useState<Problems>({});
//   function save(event) {
//     event.preventDefault();
//     const found: Problems = {};
//     if (!name.trim()) found.name = 'settings.users.displayNameRequired';
//     setProblems(found);
//     if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
//     …
//   }
//   <form noValidate onSubmit={save}><TextField label=… value={name} onChange={setName} error={problems.name} required /></form>
import { useId, type HTMLInputTypeAttribute } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';

/** Problems by field: a translation key or an API error (ErrorMessage shows either). */
export type Problems = Partial<Record<string, unknown>>;

export function hasProblems(problems: Problems): boolean {
  return Object.values(problems).some(Boolean);
}

/** Focuses the first field marked invalid, after the render that marks it. */
export function focusFirstInvalid(form: HTMLFormElement | null | undefined): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** Problems without the one of this field (it is edited). */
export function without(problems: Problems, field: string): Problems {
  if (!problems[field]) return problems;
  const { [field]: _gone, ...rest } = problems;
  return rest;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: unknown;
  name?: string | undefined;
  type?: HTMLInputTypeAttribute | undefined;
  /** A text area with this many rows instead of a one-line input. */
  rows?: number | undefined;
  required?: boolean | undefined;
  autoComplete?: string | undefined;
  autoFocus?: boolean | undefined;
  maxLength?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  placeholder?: string | undefined;
  className?: string | undefined;
  /** Further description (a hint's id), read after the problem. */
  describedBy?: string | undefined;
}

export function TextField({ label, value, onChange, error, rows, className, describedBy, ...input }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const described = [error ? errorId : null, describedBy].filter(Boolean).join(' ') || undefined;
  const common = {
    ...input,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  } as const;
  return (
    <div className={className ? `text-field ${className}` : 'text-field'}>
      <label>
        <span>{label}</span>
        {rows ? <textarea {...textArea(common)} rows={rows} onChange={(e) => onChange(e.target.value)} /> : <input {...common} onChange={(e) => onChange(e.target.value)} />}
      </label>
      <ErrorMessage error={error ?? null} id={errorId} />
    </div>
  );
}

/** What a text area takes of an input's attributes. */
function textArea<T extends { type?: unknown; min?: unknown; max?: unknown }>(attributes: T): Omit<T, 'type' | 'min' | 'max'> {
  const { type: _type, min: _min, max: _max, ...rest } = attributes;
  return rest;
}

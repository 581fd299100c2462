// A labelled select; every dropdown in the workbench is one of these. A problem (error) stands beneath it.
import { useId } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';

export interface Choice {
  value: string | number;
  label: string;
}

interface Props {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  /** Text of a first, empty choice ("please choose", "myself"); none when omitted. */
  empty?: string | undefined;
  autoFocus?: boolean | undefined;
  required?: boolean | undefined;
  /** A problem with the choice (a translation key or an API error), shown at the field. */
  error?: unknown;
  id?: string | undefined;
}

export function SelectField({ label, value, onChange, choices, empty, autoFocus, required, error, id }: Props) {
  const errorId = `${useId()}-error`;
  const select = (
    <label>
      <span>{label}</span>
      <select id={id} autoFocus={autoFocus} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} value={value} onChange={(event) => onChange(event.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
  if (!error) return select;
  return (
    <div className="text-field">
      {select}
      <ErrorMessage error={error} id={errorId} />
    </div>
  );
}

/** Active departments, categories or users as choices. */
export function activeChoices<T extends { id: number; active: boolean }>(items: readonly T[], label: (item: T) => string): Choice[] {
  return items.filter((item) => item.active).map((item) => ({ value: item.id, label: label(item) }));
}

// A labelled select; every dropdown in the workbench is one of these.
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
  id?: string | undefined;
  /** Marks the select as refused (aria-invalid), described by the message with this id. */
  invalid?: boolean | undefined;
  describedBy?: string | undefined;
}

export function SelectField({ label, value, onChange, choices, empty, autoFocus, required, id, invalid, describedBy }: Props) {
  return (
    <label>
      <span>{label}</span>
      <select
        id={id}
        autoFocus={autoFocus}
        required={required}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Active departments, categories or users as choices. */
export function activeChoices<T extends { id: number; active: boolean }>(items: readonly T[], label: (item: T) => string): Choice[] {
  return items.filter((item) => item.active).map((item) => ({ value: item.id, label: label(item) }));
}

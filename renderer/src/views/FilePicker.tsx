// The button that chooses a file: the native file input stays in the page (hidden, its own text is in the browser's
// language) and keeps the focus and the keyboard; what shows is a button-like label in the app's language.
//
//   <FilePicker label={t('…choose')} ref={input} accept=".csv" invalid={!!error} describedBy={error ? 'x-error' : undefined} onChoose={choose} />
import type { Ref } from 'react';

export interface FilePickerProps {
  /** The button's text (translated). */
  label: string;
  /** The input itself, e.g. to empty it after an import. */
  ref?: Ref<HTMLInputElement>;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Marks the input invalid (its error then belongs in describedBy). */
  invalid?: boolean;
  /** The ids of what describes the input: its error, a hint. */
  describedBy?: string | undefined;
  onChoose: (files: FileList | null) => void;
}

export function FilePicker({ label, ref, accept, multiple, disabled, invalid, describedBy, onChoose }: FilePickerProps) {
  return (
    <label className="file-picker">
      <span className="button-like">{label}</span>
      <input
        className="visually-hidden"
        ref={ref}
        type="file"
        multiple={multiple}
        accept={accept}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChoose(event.target.files)}
      />
    </label>
  );
}

import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api.ts';

/** The field an API error names (main says which input it refused), if any. */
export function errorField(error: unknown): string | undefined {
  const field = error instanceof ApiFailure ? error.error.details?.field : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** An API error in the reader's language, announced to screen readers; never a stack trace. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A message of the form's own (a translation key with values), e.g. { key: 'form.numberRange', values: { min: 1, max: 20 } }.
  if (isMessage(error)) {
    return (
      <p className="error" role="alert" id={id}>
        {t(error.key, error.values)}
      </p>
    );
  }
  const code = error instanceof ApiFailure ? error.error.code : typeof error === 'string' ? error : 'internal';
  const details = error instanceof ApiFailure ? error.error.details : undefined;
  // A reason in the details picks a more specific message (errors.<code>_<reason>) where one exists.
  const context = typeof details?.reason === 'string' ? { context: details.reason } : {};
  const text = code.includes('.') ? t(code) : t(`errors.${code}`, { ...(details ?? {}), ...context });
  return (
    <p className="error" role="alert" id={id}>
      {text}
    </p>
  );
}

function isMessage(error: unknown): error is { key: string; values: Record<string, unknown> } {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && typeof (error as { key?: unknown }).key === 'string';
}

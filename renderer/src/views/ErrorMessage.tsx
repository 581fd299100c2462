import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api.ts';

/** An API error in the reader's language, announced to screen readers; never a stack trace. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiFailure ? error.error.code : typeof error === 'string' ? error : 'internal';
  const details = error instanceof ApiFailure ? error.error.details : undefined;
  const text = code.includes('.') ? t(code) : t(`errors.${code}`, details ?? {});
  return (
    <p className="error" role="alert" id={id}>
      {text}
    </p>
  );
}

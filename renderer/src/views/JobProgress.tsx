// A background job as the user sees it: what it does, a progress bar (or a moving one while the total is not known),
// a Cancel button while it runs, and how it ended. Announced politely to screen readers.
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api.ts';
import type { Job } from '../use-job.ts';
import { formatNumber } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** showError: false when the form shows a refused start at its field itself. */
export function JobProgress({ job, showError = true }: { job: Job; showError?: boolean }) {
  const { t, i18n } = useTranslation();
  const { record } = job;
  if (!record) return showError ? <ErrorMessage error={job.error} /> : null;
  const label = t(`jobs.kind.${record.kind}`);
  const running = record.status === 'running';
  const known = record.total !== null && record.total > 0;
  return (
    <div className="job-progress" role="group" aria-label={label}>
      <div role="status" aria-live="polite" className="job-status">
        {running
          ? known
            ? t('jobs.progress', { done: formatNumber(record.done, i18n.language), total: formatNumber(record.total!, i18n.language) })
            : t('jobs.started')
          : t(`jobs.status.${record.status}`)}
      </div>
      {running && (
        <>
          <progress aria-label={label} max={known ? record.total! : undefined} value={known ? record.done : undefined} />
          <button type="button" onClick={job.cancel}>
            {t('jobs.cancel')}
          </button>
        </>
      )}
      {record.status === 'failed' && record.error && <ErrorMessage error={new ApiFailure(record.error)} />}
      {showError && <ErrorMessage error={job.error} />}
    </div>
  );
}

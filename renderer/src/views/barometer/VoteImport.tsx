// Web votes from the web form's export (CSV or XLSX) into the barometer: choose the file, import it in a background job
// (read in main's worker: progress and Cancel), then what it did: imported, skipped as known (already imported), and
// the rows that failed, each with its row number and reason.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRecord, VoteImportResult, VoteImportRowError } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { useJob } from '../../use-job.ts';
import { useSubmit } from '../../use-submit.ts';
import { FilePicker } from '../FilePicker.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';

const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Summary({ record, errors }: { record: JobRecord; errors: VoteImportRowError[] | null }) {
  const { t, i18n } = useTranslation();
  const count = (key: string) => formatNumber(record.counts[key] ?? 0, i18n.language);
  return (
    <div className="vote-import-result">
      <p role="status">{t('barometer.import.summary', { imported: count('imported'), skipped: count('skipped'), failed: count('failed') })}</p>
      {errors && errors.length > 0 && (
        <>
          <h3 id="vote-import-errors">{t('barometer.import.failedRows')}</h3>
          <ul aria-labelledby="vote-import-errors" className="vote-import-errors">
            {errors.map((error) => (
              <li key={error.row}>{t('barometer.import.rowError', { row: formatNumber(error.row, i18n.language), message: t(`errors.${error.code}`, error.details) })}</li>
            ))}
          </ul>
          {(record.counts.failed ?? 0) > errors.length && <p className="hint">{t('barometer.import.moreErrors', { shown: errors.length })}</p>}
        </>
      )}
    </div>
  );
}

export function VoteImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const job = useJob({ saveResult: false });
  const submit = useSubmit();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<VoteImportRowError[] | null>(null);
  const ended = job.record && job.record.status !== 'running' ? job.record : null;
  const endedId = ended?.id ?? null;
  const endedStatus = ended?.status ?? null;

  // When the job ends: the figures again, and the rows that failed.
  useEffect(() => {
    if (endedId === null) return;
    onImported();
    if (endedStatus !== 'done') return;
    call('jobResult', { id: endedId }).then(
      (result) => {
        const text = new TextDecoder().decode(Uint8Array.from(atob(result.dataBase64), (c) => c.charCodeAt(0)));
        setErrors((JSON.parse(text) as VoteImportResult).errors);
      },
      () => setErrors([]),
    );
  }, [endedId, endedStatus, onImported]);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem('barometer.import.noFile');
      input.current?.focus();
      return;
    }
    await submit.run(async () => {
      setErrors(null);
      const dataBase64 = await toBase64(file);
      await job.run(() => call('importWebVotes', { name: file.name, dataBase64 }));
    });
  }

  const busy = submit.busy || job.running;
  return (
    <section className="panel vote-import" aria-labelledby="vote-import-title">
      <h2 id="vote-import-title">{t('barometer.import.title')}</h2>
      <p className="hint" id="vote-import-hint">
        {t('barometer.import.intro')}
      </p>
      <form noValidate onSubmit={start}>
        <div className="file-picker-row">
          <FilePicker
            label={t('barometer.import.choose')}
            ref={input}
            accept={ACCEPT}
            disabled={busy}
            invalid={!!problem}
            describedBy={problem ? 'vote-import-problem vote-import-hint' : 'vote-import-hint'}
            onChoose={(files) => {
              setFile(files?.[0] ?? null);
              setProblem(null);
            }}
          />
          <span className="file-name">{file ? file.name : t('barometer.import.noFileChosen')}</span>
        </div>
        <ErrorMessage error={problem} id="vote-import-problem" />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('barometer.import.start')}
          </button>
        </div>
      </form>
      <JobProgress job={job} />
      {ended && ended.status === 'done' && <Summary record={ended} errors={errors} />}
    </section>
  );
}

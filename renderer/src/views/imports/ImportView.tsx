// The import screen: .eml and Outlook .msg files dropped on the zone or chosen with the file picker become cases in a
// background job (progress and Cancel), and the history of imports with each one's failed and skipped files.
import { useCallback, useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportSummary } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useJob } from '../../use-job.ts';
import { useSubmit } from '../../use-submit.ts';
import { FilePicker } from '../FilePicker.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { Open311Import, TableImport, toBase64 } from './OtherImports.tsx';

const ACCEPT = '.eml,.msg,message/rfc822,application/vnd.ms-outlook';


/** dropped: mail files dropped elsewhere on the window (the workbench brings them here); imported at once, each drop once. */
export function ImportView({ onOpenCase, dropped = null }: { onOpenCase: (id: number) => void; dropped?: { files: File[]; key: number } | null }) {
  const { t, i18n } = useTranslation();
  const job = useJob();
  const submit = useSubmit();
  const [files, setFiles] = useState<File[]>([]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [history, setHistory] = useState<ImportSummary[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [detail, setDetail] = useState<ImportDetail | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);

  const loadHistory = useCallback(() => {
    call('listImports', undefined).then(setHistory, setLoadError);
  }, []);
  useEffect(loadHistory, [loadHistory]);

  const showDetail = useCallback((id: number, focus: boolean) => {
    call('importDetail', { id }).then((value) => {
      setDetail(value);
      if (focus) requestAnimationFrame(() => detailHeading.current?.focus());
    }, setLoadError);
  }, []);

  // When the job ends: the history again, and what this import did.
  const ended = job.record && job.record.status !== 'running' ? job.record : null;
  useEffect(() => {
    if (!ended) return;
    loadHistory();
    const importId = ended.counts.importId;
    if (importId !== undefined) showDetail(importId, false);
  }, [ended, loadHistory, showDetail]);

  const choose = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    setFiles(chosen);
    setFieldError(null);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files);
  };

  async function start(event: FormEvent) {
    event.preventDefault();
    if (files.length === 0) {
      setFieldError(t('imports.noFiles'));
      input.current?.focus();
      return;
    }
    await importFiles(files);
  }

  async function importFiles(list: File[]) {
    await submit.run(async () => {
      const payload = await Promise.all(list.map(async (file) => ({ name: file.name, dataBase64: await toBase64(file), lastModified: file.lastModified || null })));
      await job.run(() => call('importMailFiles', { files: payload }));
      setFiles([]);
      if (input.current) input.current.value = '';
    });
  }

  // Mail files dropped elsewhere on the window: shown as chosen and imported, as a drop here and Import would.
  const takenDrop = useRef(0);
  const importDropped = useRef(importFiles);
  importDropped.current = importFiles;
  useEffect(() => {
    if (!dropped || dropped.key === takenDrop.current) return;
    takenDrop.current = dropped.key;
    setFiles(dropped.files);
    setFieldError(null);
    void importDropped.current(dropped.files);
  }, [dropped]);

  async function fetchMail() {
    // One poll at a time for the office: a second click while one runs gets the running one (main/jobs/mail-poll.ts).
    await submit.run(() => job.run(() => call('fetchMailNow', undefined)));
  }

  const running = job.running || submit.busy;
  const count = (value: number) => formatNumber(value, i18n.language);
  return (
    <section className="imports-view" aria-labelledby="imports-title">
      <h1 id="imports-title">{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <form noValidate onSubmit={(event) => void start(event)}>
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{t('imports.dropHere')}</p>
          <FilePicker
            label={t('imports.choose')}
            ref={input}
            multiple
            accept={ACCEPT}
            invalid={!!fieldError}
            describedBy={fieldError ? 'import-files-error' : 'import-files-hint'}
            onChoose={choose}
          />
          <p id="import-files-hint" className="muted">
            {files.length === 0 ? t('imports.noneChosen') : t('imports.chosen', { count: files.length, names: files.map((file) => file.name).join(', ') })}
          </p>
          {fieldError && (
            <p id="import-files-error" className="error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        <button type="submit" disabled={running} aria-busy={running}>
          {t('imports.start')}
        </button>
      </form>
      <TableImport job={job} />
      <Open311Import job={job} />
      <section className="imports-mailbox" aria-labelledby="imports-mailbox-title">
        <h2 id="imports-mailbox-title">{t('imports.mailbox')}</h2>
        <p className="muted">{t('imports.mailboxHint')}</p>
        <button type="button" disabled={running} aria-busy={running} onClick={() => void fetchMail()}>
          {t('imports.fetchNow')}
        </button>
      </section>
      <JobProgress job={job} />

      <h2>{t('imports.history')}</h2>
      <ErrorMessage error={loadError} />
      {history && history.length === 0 && <p className="muted">{t('imports.none')}</p>}
      {history && history.length > 0 && (
        <table className="imports-history">
          <thead>
            <tr>
              <th scope="col">{t('imports.when')}</th>
              <th scope="col">{t('imports.source')}</th>
              <th scope="col">{t('imports.new')}</th>
              <th scope="col">{t('imports.appended')}</th>
              <th scope="col">{t('imports.skipped')}</th>
              <th scope="col">{t('imports.failed')}</th>
              <th scope="col">{t('imports.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('imports.details')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((row) => (
              <tr key={row.id} aria-current={detail?.id === row.id ? 'true' : undefined}>
                <td>{formatDateTime(row.startedAt, i18n.language)}</td>
                <td className="imports-source">{row.source}</td>
                <td>{count(row.counts.new)}</td>
                <td>{count(row.counts.appended)}</td>
                <td>{count(row.counts.skipped)}</td>
                <td>{count(row.counts.failed)}</td>
                <td>{t(`imports.statuses.${row.status}`)}</td>
                <td>
                  <button type="button" onClick={() => showDetail(row.id, true)} aria-label={t('imports.detailsOf', { when: formatDateTime(row.startedAt, i18n.language) })}>
                    {t('imports.details')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {detail && (
        <section className="import-detail" aria-labelledby="import-detail-title">
          <h2 id="import-detail-title" ref={detailHeading} tabIndex={-1}>
            {t('imports.detailTitle', { when: formatDateTime(detail.startedAt, i18n.language) })}
          </h2>
          {detail.items.length === 0 ? (
            <p className="muted">{t('imports.allImported')}</p>
          ) : (
            <ul className="import-items">
              {detail.items.map((item) => (
                <li key={item.id} className={`import-item import-${item.outcome}`}>
                  <strong>{item.item}</strong> — {t(`imports.outcome.${item.outcome}`)}:{' '}
                  {item.code.startsWith('row_')
                    ? t(`imports.table.issue.${item.code}`, { column: String(item.details.column ?? ''), value: String(item.details.value ?? '') })
                    : item.code === 'already_imported' || item.code === 'mail_automatic' || item.code === 'mail_own'
                    ? t(`imports.reason.${item.code}`, { reference: item.reference ?? '', reason: String(item.details.reason ?? '') })
                    : t(`errors.${item.code}`, { ...item.details, defaultValue: t('errors.mail_unreadable', { file: item.item }) })}
                  {item.caseId !== null && item.reference && (
                    <>
                      {' '}
                      <button type="button" className="link" onClick={() => onOpenCase(item.caseId!)}>
                        {t('imports.openCase', { reference: item.reference })}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

// The import screen's other sources: a spreadsheet or form export (CSV, XLSX, JSON), read by a job in main's worker
// and then mapped in the dialog; Open311 GeoReport v2 files, and an endpoint fetched on demand. Each import is a job
// followed by the screen's progress bar, and lands in the same history as mail.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRecord, SavedMapping, TablePreview } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import type { Job } from '../../use-job.ts';
import { useSubmit } from '../../use-submit.ts';
import { DateField } from '../DateField.tsx';
import { FilePicker } from '../FilePicker.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, TextField, type Problems } from '../TextField.tsx';
import { TableMappingDialog } from './TableMappingDialog.tsx';

export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Waits for a short job (a preview) to end: its record from listJobs. */
async function ended(id: number): Promise<JobRecord> {
  for (;;) {
    const record = (await call('listJobs', undefined)).find((job) => job.id === id);
    if (record && record.status !== 'running') return record;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export function TableImport({ job }: { job: Job }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ name: string; token: string; jobId: number; preview: TablePreview; saved: SavedMapping[] } | null>(null);

  async function choose(list: FileList | null) {
    const file = list?.[0];
    if (!file) return;
    setError(null);
    setReading(true);
    try {
      // Read in main's worker (a previewTable job), never here: the header and the first rows come back.
      const upload = await call('previewTableFile', { name: file.name, dataBase64: await toBase64(file), sheet: null });
      const record = await ended(upload.job.id);
      if (record.status !== 'done') throw new ApiFailure(record.error ?? { code: 'internal' });
      const result = await call('jobResult', { id: record.id });
      const preview = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(result.dataBase64), (c) => c.charCodeAt(0)))) as TablePreview;
      setOpen({ name: file.name, token: upload.token, jobId: record.id, preview, saved: await call('listTableMappings', undefined) });
    } catch (caught) {
      setError(caught);
      input.current?.focus();
    } finally {
      setReading(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <section className="import-source" aria-labelledby="import-table-title">
      <h2 id="import-table-title">{t('imports.table.title')}</h2>
      <p>{t('imports.table.intro')}</p>
      <FilePicker
        label={t('imports.table.choose')}
        ref={input}
        accept=".csv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={reading || job.running}
        invalid={!!error}
        describedBy={error ? 'import-table-error' : undefined}
        onChoose={(files) => void choose(files)}
      />
      {reading && <p role="status">{t('imports.table.reading')}</p>}
      {error !== null && (
        <div id="import-table-error">
          <ErrorMessage error={error} />
        </div>
      )}
      {open && (
        <TableMappingDialog
          fileName={open.name}
          preview={open.preview}
          previewJobId={open.jobId}
          saved={open.saved}
          onClose={() => setOpen(null)}
          onImport={async (mapping, saveAs) => {
            const started = job.run(() => call('importTableFile', { token: open.token, name: open.name, sheet: open.preview.sheet, mapping, saveAs }));
            setOpen(null);
            await started;
          }}
        />
      )}
    </section>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function Open311Import({ job }: { job: Job }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const files = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState(today);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('getGeoReportEndpoint', undefined).then((saved) => {
      if (!saved) return;
      setUrl(saved.url);
      setJurisdiction(saved.jurisdictionId ?? '');
    }, setError);
  }, []);

  async function importFiles(list: FileList | null) {
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    setError(null);
    await submit
      .run(async () => {
        const payload = await Promise.all(chosen.map(async (file) => ({ name: file.name, dataBase64: await toBase64(file) })));
        await job.run(() => call('importGeoReportFiles', { files: payload }));
      })
      .catch(setError);
    if (files.current) files.current.value = '';
  }

  async function poll(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) found.url = 'imports.open311.urlInvalid';
    if (from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) found.from = 'imports.open311.dateInvalid';
    if (until && !/^\d{4}-\d{2}-\d{2}$/.test(until)) found.until = 'imports.open311.dateInvalid';
    if (from && until && from > until) found.until = 'imports.open311.rangeInvalid';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
    setError(null);
    await submit
      .run(() =>
        job.run(() =>
          call('pollGeoReport', {
            url: url.trim(),
            jurisdictionId: jurisdiction.trim() || null,
            startDate: from ? new Date(`${from}T00:00:00`).toISOString() : null,
            endDate: until ? new Date(`${until}T23:59:59`).toISOString() : null,
          }),
        ),
      )
      .catch(setError);
  }

  const busy = submit.busy || job.running;
  return (
    <section className="import-source" aria-labelledby="import-open311-title">
      <h2 id="import-open311-title">{t('imports.open311.title')}</h2>
      <p>{t('imports.open311.intro')}</p>
      <FilePicker label={t('imports.open311.chooseFiles')} ref={files} multiple accept=".json,.xml,application/json,application/xml,text/xml" disabled={busy} onChoose={(chosen) => void importFiles(chosen)} />
      <form noValidate onSubmit={(event) => void poll(event)} aria-labelledby="import-open311-endpoint">
        <h3 id="import-open311-endpoint">{t('imports.open311.endpoint')}</h3>
        <TextField label={t('imports.open311.url')} value={url} onChange={setUrl} error={problems.url} type="url" placeholder="https://…/open311/v2" required />
        <TextField label={t('imports.open311.jurisdiction')} value={jurisdiction} onChange={setJurisdiction} error={undefined} maxLength={200} />
        <DateField label={t('imports.open311.from')} value={from} onChange={setFrom} error={problems.from ? t(String(problems.from)) : null} />
        <DateField label={t('imports.open311.until')} value={until} onChange={setUntil} error={problems.until ? t(String(problems.until)) : null} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('imports.open311.fetchNow')}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}

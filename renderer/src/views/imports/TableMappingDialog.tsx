// The column-mapping dialog for a spreadsheet or form export (CSV, XLSX, JSON): the first rows as the file's reader saw
// them (in a job's worker), a column per case field, the column that identifies a row across imports, a saved mapping
// to start from and "save mapping as"; each preview row shows what the import would say about it. A real modal: the
// focus stays inside and goes back to where it came from; Esc asks before typed mapping changes are thrown away.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewCheck, SavedMapping, TablePreview } from '../../../../main/api/types.ts';
import { CASE_CHANNELS, CASE_KINDS, DATE_ORDERS, EMPTY_TABLE_MAPPING, TABLE_TARGETS, type TableMapping, type TableTarget } from '../../../../main/vocabulary/index.ts';
import { call } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, type Problems } from '../TextField.tsx';
import { useDiscardGuard } from '../use-discard-guard.tsx';
import { isTopmostModal, useModalFocus } from '../use-modal-focus.ts';

interface Props {
  fileName: string;
  preview: TablePreview;
  previewJobId: number;
  saved: SavedMapping[];
  onClose: () => void;
  onImport: (mapping: TableMapping, saveAs: string | null) => Promise<void>;
}

/** A first guess from the headers: CFPB's and common German form names. */
function guess(headers: string[]): TableMapping {
  const find = (...names: string[]) => headers.find((header) => names.some((name) => header.trim().toLowerCase() === name)) ?? null;
  const description = ['consumer complaint narrative', 'beschreibung', 'text', 'nachricht', 'description', 'anliegen', 'product', 'issue', 'sub-issue'].map((name) => find(name)).filter((h): h is string => h !== null);
  return {
    ...EMPTY_TABLE_MAPPING,
    columns: {
      ...EMPTY_TABLE_MAPPING.columns,
      receivedAt: find('date received', 'eingang', 'datum', 'received', 'created date'),
      channel: find('submitted via', 'kanal', 'channel'),
      subject: find('issue', 'betreff', 'subject'),
      description,
      name: find('name'),
      email: find('email', 'e-mail'),
      phone: find('telefon', 'phone'),
      address: find('adresse', 'address'),
    },
    externalId: find('complaint id', 'id', 'nr', 'unique key'),
    dateOrder: headers.some((header) => /date received/i.test(header)) ? 'mdy' : 'dmy',
  };
}

export function TableMappingDialog({ fileName, preview, previewJobId, saved, onClose, onImport }: Props) {
  const { t, i18n } = useTranslation();
  const rows = formatNumber(preview.totalRows, i18n.language);
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useModalFocus(dialog);
  const [initial] = useState(() => guess(preview.headers));
  const [mapping, setMapping] = useState<TableMapping>(initial);
  const [saveAs, setSaveAs] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [check, setCheck] = useState<PreviewCheck | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const submit = useSubmit();
  const changed = saveAs.trim() !== '' || JSON.stringify(mapping) !== JSON.stringify(initial);
  const guard = useDiscardGuard(changed, 'imports.table.discard');

  useEffect(() => {
    let current = true;
    call('checkTablePreview', { jobId: previewJobId, mapping }).then(
      (value) => current && (setCheck(value), setCheckError(null)),
      (error: unknown) => current && setCheckError(error),
    );
    return () => {
      current = false;
    };
  }, [mapping, previewJobId]);

  const columns = preview.headers.map((header) => ({ value: header, label: header }));
  const setColumn = (target: Exclude<TableTarget, 'description'>, value: string) => setMapping((m) => ({ ...m, columns: { ...m.columns, [target]: value || null } }));

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems = {};
    if (mapping.columns.description.length === 0) found.description = 'imports.table.descriptionRequired';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
    setStartError(null);
    await submit.run(() => onImport(mapping, saveAs.trim() || null)).catch(setStartError);
  }

  const errorsByRow = new Map(check?.rows.map((row) => [row.row, row]) ?? []);
  const descriptionError = problems.description ? `${id}-description-error` : undefined;
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !isTopmostModal(event.target as Element)) return;
        event.preventDefault();
        event.stopPropagation();
        guard.ask(onClose);
      }}
    >
      <div ref={dialog} className="dialog mapping-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-intro`}>
        <h2 id={`${id}-title`}>{t('imports.table.dialogTitle', { file: fileName })}</h2>
        <p id={`${id}-intro`} className="hint">
          {t('imports.table.found', { count: preview.totalRows, rows, row: preview.headerRow, columns: preview.headers.length })}
        </p>
        <form ref={form} noValidate onSubmit={(event) => void start(event)}>
          <div className="mapping-grid">
            {saved.length > 0 && (
              <SelectField
                label={t('imports.table.useSaved')}
                value=""
                empty={t('imports.table.chooseSaved')}
                choices={saved.map((entry) => ({ value: entry.id, label: entry.name }))}
                onChange={(value) => {
                  const entry = saved.find((s) => String(s.id) === value);
                  if (entry) {
                    setMapping(entry.mapping);
                    setSaveAs(entry.name);
                  }
                }}
              />
            )}
            {TABLE_TARGETS.filter((target) => target !== 'description').map((target) => (
              <SelectField
                key={target}
                label={t(`imports.table.target.${target}`)}
                value={mapping.columns[target as Exclude<TableTarget, 'description'>] ?? ''}
                empty={t('imports.table.notMapped')}
                choices={columns}
                onChange={(value) => setColumn(target as Exclude<TableTarget, 'description'>, value)}
              />
            ))}
            <label>
              <span>{t('imports.table.target.description')}</span>
              <select
                multiple
                size={4}
                value={mapping.columns.description}
                aria-invalid={problems.description ? true : undefined}
                aria-describedby={descriptionError ?? `${id}-description-hint`}
                onChange={(event) => {
                  const chosen = [...event.target.selectedOptions].map((option) => option.value);
                  setMapping((m) => ({ ...m, columns: { ...m.columns, description: chosen } }));
                  setProblems((p) => ({ ...p, description: undefined }));
                }}
              >
                {preview.headers.map((header) => (
                  <option key={header} value={header}>
                    {header}
                  </option>
                ))}
              </select>
              {problems.description ? (
                <span id={descriptionError} className="error">
                  {t(String(problems.description))}
                </span>
              ) : (
                <span id={`${id}-description-hint`} className="hint">
                  {t('imports.table.descriptionHint')}
                </span>
              )}
            </label>
            <SelectField label={t('imports.table.externalId')} value={mapping.externalId ?? ''} empty={t('imports.table.rowContent')} choices={columns} onChange={(value) => setMapping((m) => ({ ...m, externalId: value || null }))} />
            <SelectField
              label={t('imports.table.dateOrder')}
              value={mapping.dateOrder}
              choices={DATE_ORDERS.map((order) => ({ value: order, label: t(`imports.table.dateOrders.${order}`) }))}
              onChange={(value) => setMapping((m) => ({ ...m, dateOrder: value as TableMapping['dateOrder'] }))}
            />
            <SelectField
              label={t('imports.table.defaultKind')}
              value={mapping.defaultKind}
              choices={CASE_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
              onChange={(value) => setMapping((m) => ({ ...m, defaultKind: value as TableMapping['defaultKind'] }))}
            />
            <SelectField
              label={t('imports.table.defaultChannel')}
              value={mapping.defaultChannel}
              choices={CASE_CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
              onChange={(value) => setMapping((m) => ({ ...m, defaultChannel: value as TableMapping['defaultChannel'] }))}
            />
            <TextField label={t('imports.table.saveAs')} value={saveAs} onChange={setSaveAs} error={undefined} maxLength={200} />
          </div>

          <h3>{t('imports.table.preview')}</h3>
          <ErrorMessage error={checkError} />
          <div className="mapping-preview" tabIndex={0} role="region" aria-label={t('imports.table.preview')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('imports.table.row')}</th>
                  <th scope="col">{t('imports.table.check')}</th>
                  {preview.headers.map((header) => (
                    <th key={header} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((cells, index) => {
                  const number = preview.headerRow + index + 1;
                  const result = errorsByRow.get(number);
                  const issues = [...(result?.errors ?? []).map((e) => ({ ...e, error: true })), ...(result?.warnings ?? []).map((w) => ({ ...w, error: false }))];
                  return (
                    <tr key={number} className={result?.errors.length ? 'row-error' : undefined}>
                      <th scope="row">{number}</th>
                      <td>
                        {issues.length === 0
                          ? t('imports.table.rowOk')
                          : issues.map((issue) => (
                              <span key={`${issue.code}-${issue.column}`} className={issue.error ? 'error' : 'warning'}>
                                {t(`imports.table.issue.${issue.code}`, { column: issue.column ?? '', value: issue.value })}{' '}
                              </span>
                            ))}
                      </td>
                      {cells.map((cell, column) => (
                        <td key={column}>{cell.length > 80 ? `${cell.slice(0, 80)}…` : cell}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ErrorMessage error={startError} />
          <div className="actions">
            <button type="submit" className="primary" disabled={submit.busy} aria-busy={submit.busy}>
              {t('imports.table.import', { count: preview.totalRows, rows })}
            </button>
            <button type="button" onClick={() => guard.ask(onClose)}>
              {t('imports.table.cancel')}
            </button>
          </div>
        </form>
      </div>
      {guard.dialog}
    </div>
  );
}

// Files of a case: added from disk (each stored once by content in the data folder), listed with size and who added them,
// and saved back to disk on request. The bytes are never opened inside Ombudsdesk.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo, CaseDetail } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import { saveToDisk } from '../../download.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** A file's bytes as base64, without the data: URL prefix FileReader puts in front. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

interface Props {
  detail: CaseDetail;
  canAdd: boolean;
  /** After files were added (once per batch, also when a later file of it failed). */
  onAdded: () => void;
}

export function AttachmentsPanel({ detail, canAdd, onAdded }: Props) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();
  const [maxBytes, setMaxBytes] = useState(Number.POSITIVE_INFINITY);
  // The chosen files' names, shown in the app's language instead of the browser's "No file chosen".
  const [chosen, setChosen] = useState<{ names: string[]; state: 'adding' | 'added' | 'failed' } | null>(null);

  useEffect(() => {
    // Without the limit, main still refuses a file too large (attachment_too_large); the failure is said here all the same.
    call('appInfo').then((info) => setMaxBytes(info.maxAttachmentBytes), setError);
  }, []);

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    if (files.length === 0) return;
    setChosen({ names: files.map((file) => file.name), state: 'adding' });
    setError(null);
    let added = 0;
    try {
      // Main refuses these too; checking here spares reading and sending many megabytes for nothing.
      const tooLarge = files.find((file) => file.size > maxBytes);
      if (tooLarge) throw new ApiFailure({ code: 'attachment_too_large', details: { size: tooLarge.size, maxMegabytes: maxBytes / 1024 / 1024 } });
      // Each file is its own write: a retry of the same files after one failed does not add the others again.
      await run(async (send) => {
        for (const file of files) {
          await send('addAttachment', { caseId: detail.id, fileName: file.name, mediaType: file.type, dataBase64: await readBase64(file) });
          added += 1;
        }
      });
      setChosen({ names: files.map((file) => file.name), state: 'added' });
    } catch (failure) {
      setError(failure);
      setChosen({ names: files.map((file) => file.name), state: 'failed' });
    } finally {
      if (input.current) input.current.value = '';
      if (added > 0) onAdded();
    }
  }

  async function save(attachment: AttachmentInfo) {
    setError(null);
    try {
      const content = await call('getAttachment', { id: attachment.id });
      saveToDisk(content.fileName, content.dataBase64);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      {detail.attachments.length === 0 ? (
        <p className="muted">{t('attachments.none')}</p>
      ) : (
        <ul className="attachment-list" aria-labelledby="attachments-title">
          {detail.attachments.map((attachment) => (
            <li key={attachment.id}>
              <button type="button" className="link" onClick={() => void save(attachment)} aria-label={t('attachments.save', { name: attachment.fileName })}>
                {attachment.fileName}
              </button>
              <span className="muted">
                {' '}
                {formatBytes(attachment.size, i18n.language)} · {formatDateTime(attachment.addedAt, i18n.language)} · {attachment.addedByName ?? t('timeline.system')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <div className="file-input">
          {/* The native file input says "Choose files / No file chosen" in the browser's language: it stays hidden and
              this translated button opens it; the chosen names are shown below in the app's language. */}
          <input ref={input} type="file" multiple hidden disabled={busy} onChange={(event) => void add(event)} />
          <button type="button" disabled={busy} aria-busy={busy} onClick={() => input.current?.click()} aria-describedby="attachment-chosen">
            {t('attachments.add')}
          </button>
          <span id="attachment-chosen" className="muted" role="status">
            {chosen ? t(`attachments.${chosen.state}`, { count: chosen.names.length, names: chosen.names.join(', ') }) : t('attachments.noneChosen')}
          </span>
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

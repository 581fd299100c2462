// Files of a case: added from disk (each stored once by content in the data folder), listed with size and who added them,
// and saved back to disk on request. The bytes are never opened inside Ombudsdesk.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo, CaseDetail } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import { saveToDisk } from '../../download.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
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
  const [busy, setBusy] = useState(false);
  const [maxBytes, setMaxBytes] = useState(Number.POSITIVE_INFINITY);

  useEffect(() => {
    call('appInfo').then((info) => setMaxBytes(info.maxAttachmentBytes), () => undefined);
  }, []);

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    setError(null);
    setBusy(true);
    let added = 0;
    try {
      // Main refuses these too; checking here spares reading and sending many megabytes for nothing.
      const tooLarge = files.find((file) => file.size > maxBytes);
      if (tooLarge) throw new ApiFailure({ code: 'attachment_too_large', details: { size: tooLarge.size, maxMegabytes: maxBytes / 1024 / 1024 } });
      for (const file of files) {
        await call('addAttachment', { caseId: detail.id, fileName: file.name, mediaType: file.type, dataBase64: await readBase64(file) });
        added += 1;
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
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
        <label className="file-input">
          <span>{t('attachments.add')}</span>
          <input ref={input} type="file" multiple disabled={busy} onChange={(event) => void add(event)} />
        </label>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

// A reply to the person: filled from a template of the case's kind, edited freely, copied or printed, and recorded with the
// channel it went out by (the first recorded reply is the case's first response). Nothing typed is lost when a call fails.
import { useEffect, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ReplyTemplate } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';

const REPLY_CHANNELS = ['letter', 'email', 'phone'] as const;
const TEMPLATE_LANGUAGES = ['de', 'en'] as const;

/** The submitter's language when there is wording for it, else the reader's. */
function defaultLanguage(detail: CaseDetail, uiLanguage: string): string {
  const wanted = detail.submitter.language ?? uiLanguage;
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(wanted) ? wanted : 'de';
}

/** Copies without the clipboard permission (Ombudsdesk denies every permission): a selected, off-screen text area. */
function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  const done = document.execCommand('copy');
  area.remove();
  return done;
}

interface Props {
  detail: CaseDetail;
  onChanged: (detail: CaseDetail) => void;
}

export function ReplyPanel({ detail, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState(() => defaultLanguage(detail, i18n.language));
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [channel, setChannel] = useState<(typeof REPLY_CHANNELS)[number]>(detail.submitter.email ? 'email' : 'letter');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [usedTemplateId, setUsedTemplateId] = useState<number | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('listReplyTemplates', { kind: detail.kind, language: language as ReplyTemplate['language'] }).then((list) => {
      setTemplates(list);
      setTemplateId((current) => (list.some((item) => String(item.id) === current) ? current : String(list[0]?.id ?? '')));
    }, setError);
  }, [detail.kind, language]);

  async function fill() {
    if (!templateId) return;
    setError(null);
    setNotice('');
    try {
      const rendered = await call('renderReply', { caseId: detail.id, templateId: Number(templateId) });
      setSubject(rendered.subject);
      setBody(rendered.body);
      setUsedTemplateId(rendered.templateId);
    } catch (failure) {
      setError(failure);
    }
  }

  async function record(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const next = await call('recordReply', { caseId: detail.id, channel, subject, body, templateId: usedTemplateId });
      setSubject('');
      setBody('');
      setUsedTemplateId(undefined);
      setNotice(t('reply.recorded'));
      onChanged(next);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const letter = `${subject}\n\n${body}`;
  return (
    <section className="reply-panel" aria-labelledby="reply-title">
      <h2 id="reply-title">{t('reply.title')}</h2>
      <div className="row">
        <SelectField label={t('reply.language')} value={language} onChange={setLanguage} choices={TEMPLATE_LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }))} />
        <SelectField label={t('reply.template')} value={templateId} onChange={setTemplateId} choices={templates.map((item) => ({ value: item.id, label: item.name }))} empty={templates.length === 0 ? t('reply.noTemplate') : undefined} />
        <button type="button" className="align-end" disabled={!templateId} onClick={() => void fill()}>
          {t('reply.fill')}
        </button>
      </div>
      <form className="reply-form" onSubmit={record} aria-label={t('reply.title')}>
        <label>
          <span>{t('reply.subject')}</span>
          <input required maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label>
          <span>{t('reply.body')}</span>
          <textarea required rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <SelectField label={t('reply.channel')} value={channel} onChange={(value) => setChannel(value as typeof channel)} choices={REPLY_CHANNELS.map((code) => ({ value: code, label: t(`reply.channels.${code}`) }))} />
        <ErrorMessage error={error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('reply.record')}
          </button>
          <button type="button" disabled={!body} onClick={() => setNotice(copyText(letter) ? t('reply.copied') : t('reply.copyFailed'))}>
            {t('reply.copy')}
          </button>
          <button type="button" disabled={!body} onClick={() => window.print()}>
            {t('reply.print')}
          </button>
        </div>
      </form>
      {/* Only this is printed (see @media print): the letter as the person will read it, beside the app root. */}
      {createPortal(
        <div className="print-letter" aria-hidden="true">
          <p className="print-subject">{subject}</p>
          <div className="print-body">{body}</div>
        </div>,
        document.body,
      )}
    </section>
  );
}

// A reply to the person: filled from a template of the case's kind, edited freely, copied or printed, and recorded with the
// channel it went out by (the first recorded reply is the case's first response). Nothing typed is lost when a call fails.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, MailSendInfo, ReplyTemplate } from '../../../../main/api/types.ts';
import { call, toFailure } from '../../api.ts';
import { gapsOf } from '../../reply-gaps.ts';
import { useAction } from '../../use-action.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { useDiscardGuard, useLeaveGuard } from '../use-discard-guard.tsx';
import { REPLY_CHANNELS } from '../../../../main/vocabulary/cases.ts';
import { TEMPLATE_LANGUAGES } from '../../../../main/vocabulary/people.ts';


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
  const [notice, setNotice] = useState('');
  // Sending by email is offered when SMTP is set up and the case has an address (main checks both again).
  const [mailInfo, setMailInfo] = useState<MailSendInfo | null>(null);
  const [byMail, setByMail] = useState(false);
  // Recording, with its busy state and its last error; a failed read (templates, filling one in) is shown the same way.
  const { run, busy, error, fail, clear } = useAction();
  // Set when recording was stopped because the reply still has gaps: the warning then asks to fill them or confirm.
  const [gapWarning, setGapWarning] = useState(false);
  const subjectField = useRef<HTMLInputElement>(null);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  const gaps = gapsOf(subject, body);
  // Leaving the case (Esc on a button, Alt+←, Back) with a reply written asks first.
  const guard = useDiscardGuard(subject.trim() !== '' || body.trim() !== '', 'discard.reply');
  useLeaveGuard(guard);

  useEffect(() => {
    call('listReplyTemplates', { kind: detail.kind, language: language as ReplyTemplate['language'] }).then((list) => {
      setTemplates(list);
      setTemplateId((current) => (list.some((item) => String(item.id) === current) ? current : String(list[0]?.id ?? '')));
    }, (failure: unknown) => fail(toFailure(failure)));
  }, [detail.kind, language, fail]);

  useEffect(() => {
    call('mailSendInfo', undefined).then(setMailInfo, () => setMailInfo(null));
  }, []);
  const canMail = channel === 'email' && !!detail.submitter.email && !detail.submitter.anonymous && mailInfo?.smtpConfigured === true;
  const sendByMail = canMail && byMail;

  async function fill() {
    if (!templateId) return;
    clear();
    setNotice('');
    try {
      const rendered = await call('renderReply', { caseId: detail.id, templateId: Number(templateId) });
      setSubject(rendered.subject);
      setBody(rendered.body);
      setUsedTemplateId(rendered.templateId);
      setGapWarning(false);
    } catch (failure) {
      fail(toFailure(failure));
    }
  }

  /** Selects a gap in its field, so it shows highlighted and typing replaces it. */
  function selectGap(index: number) {
    const gap = gaps[index];
    const element = gap?.field === 'subject' ? subjectField.current : bodyField.current;
    if (!gap || !element) return;
    element.focus();
    element.setSelectionRange(gap.start, gap.end);
  }

  async function record(event: FormEvent | null, confirmGaps = false) {
    event?.preventDefault();
    clear();
    setNotice('');
    // Main refuses a reply with gaps too (reply_has_gaps) unless confirmed; asking here first keeps the text in view.
    if (gaps.length > 0 && !confirmGaps) {
      setGapWarning(true);
      selectGap(0);
      return;
    }
    const next = await run(
      async (send) => {
        if (!sendByMail) return await send('recordReply', { caseId: detail.id, channel, subject, body, templateId: usedTemplateId, ...(confirmGaps ? { confirmGaps } : {}) });
        // Stored first under this submission's requestId (a double click: one mail), then sent once and recorded.
        const queued = await send('queueReplyEmail', { caseId: detail.id, subject, body, templateId: usedTemplateId, ...(confirmGaps ? { confirmGaps } : {}) });
        return (await call('sendQueuedMail', { id: queued.id })).case;
      },
      // Gaps main found are asked about in the warning, not shown as an error.
      (failure) => {
        if (failure.code !== 'reply_has_gaps') return false;
        setGapWarning(true);
        return true;
      },
    );
    if (!next) return;
    setSubject('');
    setBody('');
    setUsedTemplateId(undefined);
    setGapWarning(false);
    setNotice(sendByMail ? t('reply.sentByMail') : t('reply.recorded'));
    onChanged(next);
  }

  const warnGaps = gapWarning && gaps.length > 0;

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
      <form className="reply-form" noValidate onSubmit={record} aria-label={t('reply.title')}>
        <label>
          <span>{t('reply.subject')}</span>
          <input ref={subjectField} required maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} aria-invalid={warnGaps && gaps.some((gap) => gap.field === 'subject') ? true : undefined} aria-describedby={gaps.length > 0 ? 'reply-gaps' : undefined} />
        </label>
        <label>
          <span>{t('reply.body')}</span>
          <textarea ref={bodyField} required rows={12} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={warnGaps && gaps.some((gap) => gap.field === 'body') ? true : undefined} aria-describedby={gaps.length > 0 ? 'reply-gaps' : undefined} />
        </label>
        {gaps.length > 0 && (
          <div id="reply-gaps" className={warnGaps ? 'reply-gaps warning' : 'reply-gaps'} role={warnGaps ? 'alert' : undefined}>
            <p>
              <strong>{t('reply.gaps', { count: gaps.length })}</strong> {t('reply.gapsHint')}
            </p>
            <ol className="gap-list">
              {gaps.map((gap, index) => (
                <li key={`${gap.field}-${gap.start}`}>
                  <button type="button" className="link" onClick={() => selectGap(index)} aria-label={t('reply.gotoGap', { n: index + 1, text: gap.text })}>
                    {gap.text.length > 80 ? `${gap.text.slice(0, 79)}…]` : gap.text}
                  </button>
                </li>
              ))}
            </ol>
            {warnGaps && <p>{t('reply.gapsQuestion')}</p>}
            {warnGaps && (
              <div className="actions">
                <button type="button" onClick={() => selectGap(0)}>
                  {t('reply.fillGaps')}
                </button>
                <button type="button" disabled={busy} aria-busy={busy} onClick={() => void record(null, true)}>
                  {t('reply.recordAnyway')}
                </button>
              </div>
            )}
          </div>
        )}
        <SelectField label={t('reply.channel')} value={channel} onChange={(value) => setChannel(value as typeof channel)} choices={REPLY_CHANNELS.map((code) => ({ value: code, label: t(`reply.channels.${code}`) }))} />
        {canMail && (
          <label className="checkbox">
            <input type="checkbox" checked={byMail} onChange={(e) => setByMail(e.target.checked)} />
            <span>{t('reply.sendByMail', { to: detail.submitter.email ?? '', from: mailInfo?.fromAddress ?? '' })}</span>
          </label>
        )}
        <ErrorMessage error={error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {sendByMail ? t('reply.sendAndRecord') : t('reply.record')}
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
      {guard.dialog}
    </section>
  );
}

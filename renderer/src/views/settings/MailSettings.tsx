// The office's mail servers: the IMAP mailbox new mail is fetched from (on demand with "Fetch now", or on an interval) and
// the SMTP server replies go out by. Passwords never come back to the window: a stored one shows as "stored" with a way to
// replace it (Esc while replacing keeps the stored one); an empty password field on save keeps it too. The last fetch
// (when, what it brought, or why it failed) comes from the import history (an IMAP poll is an import of kind mail).
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, MailSettingsView } from '../../../../main/api/types.ts';
import { DEFAULT_IMAP_FOLDER, DEFAULT_PROCESSED_FOLDER, isLoopbackHost, MAIL_TLS_MODES, MAX_POLL_MINUTES, type MailTlsMode } from '../../../../main/vocabulary/mail.ts';
import { ApiFailure, call } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useJob } from '../../use-job.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { useDiscardGuard, useLeaveGuard } from '../use-discard-guard.tsx';

type Part = 'imap' | 'smtp';

interface ServerDraft {
  host: string;
  port: string;
  tls: MailTlsMode;
  user: string;
  /** A new password (empty: keep the stored one). */
  password: string;
  /** Whether the stored password is being replaced (its field is shown). */
  replacing: boolean;
}
interface ImapDraft extends ServerDraft {
  folder: string;
  processedFolder: string;
  /** Fetch on the interval (pollMinutes 0 in main when off). */
  auto: boolean;
  minutes: string;
}
interface SmtpDraft extends ServerDraft {
  fromAddress: string;
  fromName: string;
}
interface Draft {
  imap: ImapDraft;
  smtp: SmtpDraft;
}

const DEFAULT_PORTS: Record<Part, Record<MailTlsMode, number>> = {
  imap: { on: 993, starttls: 143, off: 143 },
  smtp: { on: 465, starttls: 587, off: 25 },
};
const DEFAULT_MINUTES = 15;
const HOST = /^[A-Za-z0-9.:[\]-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function draftOf(view: MailSettingsView): Draft {
  const { imap, smtp } = view;
  return {
    imap: imap
      ? {
          host: imap.host,
          port: String(imap.port),
          tls: imap.tls,
          user: imap.user,
          password: '',
          replacing: false,
          folder: imap.folder,
          processedFolder: imap.processedFolder,
          auto: imap.pollMinutes > 0,
          minutes: String(imap.pollMinutes > 0 ? imap.pollMinutes : DEFAULT_MINUTES),
        }
      : { host: '', port: String(DEFAULT_PORTS.imap.on), tls: 'on', user: '', password: '', replacing: false, folder: DEFAULT_IMAP_FOLDER, processedFolder: DEFAULT_PROCESSED_FOLDER, auto: false, minutes: String(DEFAULT_MINUTES) },
    smtp: smtp
      ? { host: smtp.host, port: String(smtp.port), tls: smtp.tls, user: smtp.user, password: '', replacing: false, fromAddress: smtp.fromAddress, fromName: smtp.fromName }
      : { host: '', port: String(DEFAULT_PORTS.smtp.starttls), tls: 'starttls', user: '', password: '', replacing: false, fromAddress: '', fromName: '' },
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** Whether the form says anything about this server (stored, or something typed): then it is checked and sent. */
function used(view: MailSettingsView, draft: Draft, part: Part): boolean {
  if (view[part]) return true;
  const server = draft[part];
  const typed = server.host.trim() !== '' || server.user.trim() !== '' || server.password !== '';
  return part === 'imap' ? typed || draft.imap.auto : typed || draft.smtp.fromAddress.trim() !== '';
}

function checkServer(part: Part, server: ServerDraft, found: Problems): void {
  const host = server.host.trim();
  if (!host) found[`${part}.host`] = 'settings.mail.hostRequired';
  else if (!HOST.test(host)) found[`${part}.host`] = 'settings.mail.hostInvalid';
  else if (server.tls === 'off' && !isLoopbackHost(host)) found[`${part}.tls`] = 'mail_tls_required';
  if (wholeNumber(server.port, 1, 65_535) === null) found[`${part}.port`] = 'settings.mail.portInvalid';
}

/** The outcome of the last fetch from the mailbox: when, its counts, and why it failed (if it did). */
interface LastPoll {
  at: string;
  summary: ImportSummary;
  error: unknown;
}

async function loadLastPoll(): Promise<LastPoll | null> {
  const history = await call('listImports', undefined);
  const summary = history.find((row) => row.kind === 'mail' && row.source.startsWith('imap://'));
  if (!summary) return null;
  let error: unknown = null;
  if (summary.counts.failed > 0 || summary.status === 'failed') {
    const detail = await call('importDetail', { id: summary.id });
    const failure = detail.items.find((item) => item.code === 'mail_connection_failed') ?? detail.items.find((item) => item.outcome === 'failed');
    if (failure?.code === 'mail_connection_failed') error = new ApiFailure({ code: 'mail_connection_failed', details: failure.details });
    else if (summary.status === 'failed') error = 'internal';
  }
  return { at: summary.startedAt, summary, error };
}

export function MailSettings() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<MailSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [lastPoll, setLastPoll] = useState<LastPoll | null | undefined>(undefined);
  const [pollLoadError, setPollLoadError] = useState<unknown>(null);
  const save = useSubmit();
  const fetch = useSubmit();
  const job = useJob();
  const replaceButtons = useRef<Partial<Record<Part, HTMLButtonElement | null>>>({});
  const passwordFields = useRef<Partial<Record<Part, HTMLInputElement | null>>>({});

  useEffect(() => {
    call('getMailSettings', undefined).then((value) => {
      setView(value);
      setDraft(draftOf(value));
    }, setError);
  }, []);

  const refreshLastPoll = useCallback(() => {
    loadLastPoll().then(setLastPoll, setPollLoadError);
  }, []);
  useEffect(refreshLastPoll, [refreshLastPoll]);

  // A fetch started here that ended: the last fetch again (its counts, or why it failed).
  const ended = job.record && job.record.status !== 'running' ? job.record : null;
  useEffect(() => {
    if (ended) refreshLastPoll();
  }, [ended, refreshLastPoll]);

  const changed = !!view && !!draft && JSON.stringify(draft) !== JSON.stringify(draftOf(view));
  const guard = useDiscardGuard(changed, 'discard.settings');
  // Leaving the screen (the header, the settings' section buttons) asks before typed settings are lost.
  useLeaveGuard(guard);

  if (!view || !draft) return <ErrorMessage error={error} />;

  const setImap = (patch: Partial<ImapDraft>) => change('imap', patch);
  const setSmtp = (patch: Partial<SmtpDraft>) => change('smtp', patch);
  function change(part: Part, patch: Partial<ImapDraft> | Partial<SmtpDraft>) {
    setDraft((current) => (current ? { ...current, [part]: { ...current[part], ...patch } } : current));
    setProblems((current) => Object.keys(patch).reduce((rest, key) => without(rest, `${part}.${key === 'minutes' || key === 'auto' ? 'pollMinutes' : key}`), current));
    setSaved(false);
  }
  function setTls(part: Part, tls: MailTlsMode) {
    const server = draft![part];
    // A port still at the old mode's usual number follows the new mode.
    const port = server.port === String(DEFAULT_PORTS[part][server.tls]) ? String(DEFAULT_PORTS[part][tls]) : server.port;
    change(part, { tls, port });
    setProblems((current) => without(without(current, `${part}.tls`), `${part}.port`));
  }
  function startReplacing(part: Part) {
    change(part, { replacing: true, password: '' });
    requestAnimationFrame(() => passwordFields.current[part]?.focus());
  }
  function keepStored(part: Part) {
    change(part, { replacing: false, password: '' });
    requestAnimationFrame(() => replaceButtons.current[part]?.focus());
  }
  function onPasswordKey(part: Part, event: KeyboardEvent<HTMLInputElement>) {
    // Esc while replacing a stored password: the stored one stays, nothing else typed is touched.
    if (event.key !== 'Escape' || !view?.[part]?.passwordStored) return;
    event.preventDefault();
    event.stopPropagation();
    keepStored(part);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!view || !draft) return;
    const form = event.currentTarget;
    const found: Problems = {};
    const useImap = used(view, draft, 'imap');
    const useSmtp = used(view, draft, 'smtp');
    const { imap, smtp } = draft;
    if (useImap) {
      checkServer('imap', imap, found);
      if (!imap.user.trim()) found['imap.user'] = 'settings.mail.userRequired';
      if (imap.auto && wholeNumber(imap.minutes, 1, MAX_POLL_MINUTES) === null) found['imap.pollMinutes'] = { key: 'settings.mail.minutesInvalid', values: { max: MAX_POLL_MINUTES } };
      const folder = imap.folder.trim() || DEFAULT_IMAP_FOLDER;
      const processed = imap.processedFolder.trim() || DEFAULT_PROCESSED_FOLDER;
      if (folder === processed) found['imap.processedFolder'] = 'settings.mail.sameFolder';
    }
    if (useSmtp) {
      checkServer('smtp', smtp, found);
      if (!smtp.fromAddress.trim()) found['smtp.fromAddress'] = 'settings.mail.fromRequired';
      else if (!EMAIL.test(smtp.fromAddress.trim())) found['smtp.fromAddress'] = 'settings.mail.fromInvalid';
    }
    setProblems(found);
    setError(null);
    setSaved(false);
    if (hasProblems(found)) return focusFirstInvalid(form);
    // The password only when one was typed: left out, main keeps the stored one.
    const password = (server: ServerDraft) => (server.password !== '' ? { password: server.password } : {});
    const server = (server: ServerDraft) => ({ host: server.host.trim(), port: Number(server.port.trim()), tls: server.tls, user: server.user.trim(), ...password(server) });
    try {
      const next = await save.run((send) =>
        send('updateMailSettings', {
          ...(useImap
            ? {
                imap: {
                  ...server(imap),
                  folder: imap.folder.trim(),
                  processedFolder: imap.processedFolder.trim(),
                  pollMinutes: imap.auto ? Number(imap.minutes.trim()) : 0,
                },
              }
            : {}),
          ...(useSmtp ? { smtp: { ...server(smtp), fromAddress: smtp.fromAddress.trim(), fromName: smtp.fromName.trim() } } : {}),
        }),
      );
      if (!next) return;
      setView(next);
      setDraft(draftOf(next));
      setSaved(true);
    } catch (failure) {
      const field = errorField(failure);
      if (field && /^(imap|smtp)\./.test(field)) {
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
      } else setError(failure);
    }
  }

  async function fetchNow() {
    setSaved(false);
    // One poll at a time for the office: a second click while one runs gets the running one (main/jobs/mail-poll.ts).
    await fetch.run(() => job.run(() => call('fetchMailNow', undefined)));
  }

  const busy = save.busy || fetch.busy || job.running;
  const tlsChoices = MAIL_TLS_MODES.map((mode) => ({ value: mode, label: t(`settings.mail.tls.${mode}`) }));
  const count = (value: number) => formatNumber(value, i18n.language);

  function passwordField(part: Part) {
    const server = draft![part];
    const stored = view![part]?.passwordStored ?? false;
    const label = t('settings.mail.password');
    if (stored && !server.replacing) {
      return (
        <div className="text-field mail-password">
          <span id={`mail-${part}-password-label`}>{label}</span>
          <p className="mail-password-stored">
            <span id={`mail-${part}-password-state`}>{t('settings.mail.passwordStored')}</span>
            <button
              type="button"
              ref={(node) => {
                replaceButtons.current[part] = node;
              }}
              aria-describedby={`mail-${part}-password-label mail-${part}-password-state`}
              aria-label={t('settings.mail.replacePasswordOf', { server: t(`settings.mail.${part}.short`) })}
              onClick={() => startReplacing(part)}
            >
              {t('settings.mail.replacePassword')}
            </button>
          </p>
        </div>
      );
    }
    const problem = problems[`${part}.password`];
    return (
      <div className="text-field mail-password">
        <label>
          <span>{stored ? t('settings.mail.newPassword') : label}</span>
          <input
            ref={(node) => {
              passwordFields.current[part] = node;
            }}
            type="password"
            autoComplete="new-password"
            value={server.password}
            maxLength={1000}
            aria-invalid={problem ? true : undefined}
            aria-describedby={[problem ? `mail-${part}-password-error` : null, `mail-${part}-password-hint`].filter(Boolean).join(' ')}
            onChange={(event) => change(part, { password: event.target.value })}
            onKeyDown={(event) => onPasswordKey(part, event)}
          />
        </label>
        <ErrorMessage error={problem ?? null} id={`mail-${part}-password-error`} />
        <p className="hint" id={`mail-${part}-password-hint`}>
          {stored ? t('settings.mail.passwordKeepHint') : part === 'smtp' ? t('settings.mail.smtpPasswordHint') : t('settings.mail.passwordHint')}
        </p>
        {stored && (
          <button type="button" className="link" onClick={() => keepStored(part)}>
            {t('settings.mail.keepPassword')}
          </button>
        )}
      </div>
    );
  }

  function serverFields(part: Part) {
    const server = draft![part];
    return (
      <>
        <TextField className="mail-host" label={t('settings.mail.host')} value={server.host} onChange={(host) => change(part, { host })} error={problems[`${part}.host`]} maxLength={255} autoComplete="off" placeholder={part === 'imap' ? 'imap.example.org' : 'smtp.example.org'} />
        <TextField className="mail-port" label={t('settings.mail.port')} value={server.port} onChange={(port) => change(part, { port })} error={problems[`${part}.port`]} maxLength={6} autoComplete="off" />
        <SelectField label={t('settings.mail.tlsLabel')} value={server.tls} onChange={(value) => setTls(part, value as MailTlsMode)} choices={tlsChoices} error={problems[`${part}.tls`]} />
        <TextField label={part === 'imap' ? t('settings.mail.user') : t('settings.mail.smtpUser')} value={server.user} onChange={(user) => change(part, { user })} error={problems[`${part}.user`]} maxLength={320} autoComplete="off" />
        {passwordField(part)}
      </>
    );
  }

  const { imap, smtp } = draft;
  const polled = lastPoll?.summary;
  return (
    <section className="settings-section mail-settings" aria-labelledby="mail-title">
      <h2 id="mail-title">{t('settings.mail.title')}</h2>
      <p className="hint">{t('settings.mail.intro')}</p>
      {!view.secretStorage.available && (
        <p className="error" role="alert">
          {t('errors.secret_storage_unavailable')}
        </p>
      )}
      <form className="settings-form mail-form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="mail-server">
          <legend>{t('settings.mail.imap.title')}</legend>
          <div className="mail-grid">
            {serverFields('imap')}
            <TextField className="mail-wide" label={t('settings.mail.folder')} value={imap.folder} onChange={(folder) => setImap({ folder })} error={problems['imap.folder']} maxLength={200} autoComplete="off" />
            <TextField className="mail-wide" label={t('settings.mail.processedFolder')} value={imap.processedFolder} onChange={(processedFolder) => setImap({ processedFolder })} error={problems['imap.processedFolder']} maxLength={200} autoComplete="off" />
            <label className="checkbox mail-auto">
              <input type="checkbox" checked={imap.auto} onChange={(event) => setImap({ auto: event.target.checked })} />
              <span>{t('settings.mail.auto')}</span>
            </label>
            {imap.auto && (
              <TextField className="mail-minutes" label={t('settings.mail.minutes')} value={imap.minutes} onChange={(minutes) => setImap({ minutes })} error={problems['imap.pollMinutes']} maxLength={4} autoComplete="off" />
            )}
          </div>
        </fieldset>
        <fieldset className="mail-server">
          <legend>{t('settings.mail.smtp.title')}</legend>
          <div className="mail-grid">
            {serverFields('smtp')}
            <TextField className="mail-wide" label={t('settings.mail.fromAddress')} value={smtp.fromAddress} onChange={(fromAddress) => setSmtp({ fromAddress })} error={problems['smtp.fromAddress']} maxLength={320} autoComplete="off" placeholder="buergerservice@example.org" />
            <TextField className="mail-wide" label={t('settings.mail.fromName')} value={smtp.fromName} onChange={(fromName) => setSmtp({ fromName })} error={problems['smtp.fromName']} maxLength={200} autoComplete="off" />
          </div>
        </fieldset>
        <ErrorMessage error={error} />
        {saved && <p role="status">{t('settings.saved')}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={save.busy}>
            {t('settings.save')}
          </button>
        </div>
      </form>

      <section className="mail-fetch" aria-labelledby="mail-fetch-title">
        <h3 id="mail-fetch-title">{t('settings.mail.fetchTitle')}</h3>
        <div className="mail-last-poll" role="status">
          {lastPoll === null && <p className="muted">{t('settings.mail.neverPolled')}</p>}
          {lastPoll && polled && (
            <>
              <p>
                {t('settings.mail.lastPoll', { when: formatDateTime(lastPoll.at, i18n.language) })}{' '}
                {polled.status === 'running'
                  ? t('imports.statuses.running')
                  : polled.status === 'failed' || lastPoll.error
                  ? t('settings.mail.pollFailed')
                  : t('settings.mail.pollCounts', { new: count(polled.counts.new), appended: count(polled.counts.appended), skipped: count(polled.counts.skipped), failed: count(polled.counts.failed) })}
              </p>
              <ErrorMessage error={lastPoll.error} />
            </>
          )}
        </div>
        <ErrorMessage error={pollLoadError} />
        {changed && <p className="hint">{t('settings.mail.saveFirst')}</p>}
        <div className="actions">
          <button type="button" disabled={busy} aria-busy={fetch.busy || job.running} onClick={() => void fetchNow()}>
            {t('settings.mail.fetchNow')}
          </button>
        </div>
        {job.running ? <JobProgress job={job} /> : <ErrorMessage error={job.error} />}
      </section>
      {guard.dialog}
    </section>
  );
}

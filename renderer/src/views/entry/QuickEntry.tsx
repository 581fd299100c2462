// Quick entry for phone calls and walk-ins: keyboard only, Ctrl+Enter saves; similar cases show up while the subject is typed.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Department, SearchHit } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { CHANNELS, KINDS } from '../inbox/filter.ts';

type Kind = (typeof KINDS)[number];
type Channel = (typeof CHANNELS)[number];

interface Props {
  channel: Channel;
  onClose: () => void;
  onSaved: (reference: string, id: number) => void;
}

function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function QuickEntry({ channel: presetChannel, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>('complaint');
  const [channel, setChannel] = useState<Channel>(presetChannel);
  const [origin, setOrigin] = useState<'external' | 'internal'>('external');
  const [receivedAt, setReceivedAt] = useState(() => localInputValue(new Date()));
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [departmentId, setDepartmentId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [duplicateOf, setDuplicateOf] = useState<SearchHit | null>(null);
  const [similar, setSimilar] = useState<SearchHit[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    call('listDepartments').then(setDepartments, () => undefined);
    call('listCategories').then(setCategories, () => undefined);
    firstField.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  useEffect(() => {
    const query = subject.trim();
    if (query.length < 3) return;
    const timer = setTimeout(() => {
      call('searchCases', { query, limit: 5 }).then(setSimilar, () => setSimilar([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [subject]);

  const consentText = t('entry.consentText');

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('createCase', {
        kind,
        channel,
        origin,
        receivedAt: new Date(receivedAt).toISOString(),
        subject,
        description,
        submitter: anonymous
          ? { anonymous: true, consent: false }
          : { anonymous: false, name: name || null, email: email || null, phone: phone || null, language: i18n.language === 'en' ? 'en' : 'de', consent, consentText: consent ? consentText : null },
        departmentId: departmentId ? Number(departmentId) : null,
        categoryId: categoryId ? Number(categoryId) : null,
      });
      if (duplicateOf) await call('transitionCase', { id: created.id, action: 'merge', intoId: duplicateOf.id });
      onSaved(created.reference, created.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }

  const radios = <T extends string>(legend: string, name: string, values: readonly T[], value: T, onChange: (v: T) => void, label: (v: T) => string, ref?: React.Ref<HTMLFieldSetElement>) => (
    <fieldset className="radios" ref={ref}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{label(v)}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <div className="dialog-backdrop">
      <form className="dialog quick-entry" role="dialog" aria-modal="true" aria-labelledby="entry-title" onSubmit={save} onKeyDown={onKeyDown}>
        <h1 id="entry-title">{t('entry.title', { channel: t(`channel.${channel}`) })}</h1>
        <p className="hint">{t('entry.hint')}</p>
        {radios(t('inbox.column.kind'), 'kind', KINDS, kind, setKind, (k) => t(`kind.${k}`), firstField)}
        {radios(t('inbox.column.origin'), 'origin', ['external', 'internal'] as const, origin, setOrigin, (o) => t(`origin.${o}`))}
        <label>
          <span>{t('inbox.column.subject')}</span>
          <input name="subject" required value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        {similar.length > 0 && subject.trim().length >= 3 && (
          <fieldset className="similar">
            <legend>{t('entry.similar')}</legend>
            {similar.map((hit) => (
              <label key={hit.id}>
                <input type="checkbox" checked={duplicateOf?.id === hit.id} onChange={(e) => setDuplicateOf(e.target.checked ? hit : null)} />
                <span>
                  <strong>{hit.reference}</strong> {hit.subject} <span className="muted">({t(`status.${hit.status}`)})</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <label>
          <span>{t('case.description')}</span>
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t('entry.anonymous')}</span>
        </label>
        {!anonymous && (
          <>
            <div className="row">
              <label>
                <span>{t('entry.name')}</span>
                <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
              </label>
              <label>
                <span>{t('entry.phone')}</span>
                <input value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
              </label>
              <label>
                <span>{t('entry.email')}</span>
                <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
              </label>
            </div>
            <label className="checkbox consent">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
              <span>
                {t('entry.consent')} <q>{consentText}</q>
              </span>
            </label>
          </>
        )}
        <div className="row">
          <SelectField label={t('inbox.column.department')} value={departmentId} onChange={setDepartmentId} choices={activeChoices(departments, (d) => d.name)} empty={t('case.choose')} />
          <SelectField label={t('field.categoryId')} value={categoryId} onChange={setCategoryId} choices={activeChoices(categories, (c) => c.name)} empty={t('case.choose')} />
        </div>
        <div className="row secondary">
          <SelectField label={t('inbox.column.channel')} value={channel} onChange={(value) => setChannel(value as Channel)} choices={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <label>
            <span>{t('entry.receivedAt')}</span>
            <input type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
          </label>
        </div>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('entry.save')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button type="button" onClick={onClose}>
            {t('case.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

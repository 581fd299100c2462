// Quick entry for phone calls and walk-ins: keyboard only, Ctrl+Enter saves; similar cases show up while the subject is typed.
// The suggestions never sit in the Tab path (Alt+D or the pointer reach them); each problem is shown at its field.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Department, SearchHit } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import { useSubmit } from '../../use-submit.ts';
import { DateField } from '../DateField.tsx';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { useChanged, useDiscardGuard } from '../use-discard-guard.tsx';
import { isTopmostModal, useModalFocus } from '../use-modal-focus.ts';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { CHANNELS, KINDS } from '../inbox/filter.ts';
import { canTakeMerge } from '../../../../main/vocabulary/cases.ts';

type Kind = (typeof KINDS)[number];
type Channel = (typeof CHANNELS)[number];

interface Props {
  channel: Channel;
  onClose: () => void;
  onSaved: (reference: string, id: number) => void;
}

/** The statuses a case can be merged into (as the workflow decides in main: not closed, withdrawn or merged). */

/** The fields a problem can be shown at. */
type EntryField = 'subject' | 'description' | 'name' | 'phone' | 'email' | 'address' | 'receivedAt' | 'departmentId' | 'categoryId' | 'merge';
type Problems = Partial<Record<EntryField, unknown>>;

/** Main names the input it refused (details.field); this is the field of the form that shows it. */
const FIELD_OF: Record<string, EntryField> = {
  subject: 'subject',
  description: 'description',
  'submitter.name': 'name',
  'submitter.phone': 'phone',
  'submitter.email': 'email',
  'submitter.address': 'address',
  receivedAt: 'receivedAt',
  departmentId: 'departmentId',
  categoryId: 'categoryId',
  mergeIntoId: 'merge',
};
/** For a refused value, a message that says what the field needs (instead of the generic "invalid input"). */
const INVALID_MESSAGE: Partial<Record<EntryField, string>> = {
  subject: 'entry.invalid.subject',
  description: 'entry.invalid.description',
  name: 'entry.invalid.name',
  phone: 'entry.invalid.phone',
  email: 'entry.invalid.email',
  address: 'entry.invalid.address',
  receivedAt: 'entry.invalid.receivedAt',
};
/** The same tolerance for a clock running ahead as main allows. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A quick check only: main decides (it refuses, for example, an umlaut before the @). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;

/** Where an error from main belongs: at a field, or (field undefined) above the buttons. */
function placeFailure(failure: unknown): { field?: EntryField; problem: unknown } {
  const named = errorField(failure);
  const code = failure instanceof ApiFailure ? failure.error.code : undefined;
  const field = named !== undefined ? FIELD_OF[named] : code === 'merge_target_invalid' ? 'merge' : undefined;
  if (!field) return { problem: failure };
  if (field === 'receivedAt' && failure instanceof ApiFailure && failure.error.details?.reason === 'future') return { field, problem: 'entry.invalid.receivedAtFuture' };
  if (code === 'invalid_input' && INVALID_MESSAGE[field]) return { field, problem: INVALID_MESSAGE[field] };
  return { field, problem: failure };
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
  const [address, setAddress] = useState('');
  const [consent, setConsent] = useState(false);
  const [departmentId, setDepartmentId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [duplicateOf, setDuplicateOf] = useState<SearchHit | null>(null);
  const [similar, setSimilar] = useState<SearchHit[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  // Why the departments or categories to choose from could not be loaded: shown below those two fields.
  const [listsError, setListsError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy } = useSubmit();
  const firstField = useRef<HTMLFieldSetElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const subjectInput = useRef<HTMLInputElement>(null);
  const similarList = useRef<HTMLFieldSetElement>(null);
  useModalFocus(form);
  // Esc, Cancel: close at once while nothing was typed or changed, else ask before the note is thrown away.
  const changed = useChanged({ kind, channel, origin, receivedAt, subject, description, anonymous, name, email, phone, consent, departmentId, categoryId, duplicateOf: duplicateOf?.id });
  const guard = useDiscardGuard(changed, 'discard.note');
  const close = () => guard.ask(onClose);

  useEffect(() => {
    call('listDepartments').then(setDepartments, setListsError);
    call('listCategories').then(setCategories, setListsError);
    firstField.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  useEffect(() => {
    const query = subject.trim();
    if (query.length < 3) return;
    const timer = setTimeout(() => {
      call('searchCases', { query, limit: 10 }).then(setSimilar, () => setSimilar([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [subject]);

  const consentText = t('entry.consentText');
  // Only cases that can take a merge are offered; the one chosen stays listed (and chosen) while the subject changes.
  const offered = subject.trim().length >= 3 ? similar.filter((hit) => canTakeMerge(hit.status)).slice(0, 5) : [];
  const listed = duplicateOf && !offered.some((hit) => hit.id === duplicateOf.id) ? [...offered, duplicateOf] : offered;

  /** What the form can tell before asking main. */
  function check(): Problems {
    const found: Problems = {};
    if (!subject.trim()) found.subject = 'entry.invalid.subject';
    if (!anonymous && email.trim() && !EMAIL.test(email.trim())) found.email = 'entry.invalid.email';
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(receivedAt) ? new Date(receivedAt).getTime() : Number.NaN;
    if (at > Date.now() + FUTURE_TOLERANCE_MS) found.receivedAt = 'entry.invalid.receivedAtFuture';
    return found;
  }

  /** The focus goes to the first field with a problem (after the render that marks it). */
  function focusFirstProblem() {
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  /** Clears a field's problem as soon as it is edited. */
  const edited = (field: EntryField) =>
    setProblems((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const found = check();
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      focusFirstProblem();
      return;
    }
    try {
      // One submission, one createCase (with its requestId, so a repeat does it once); a duplicate is merged in the same transaction.
      const created = await run((send) => send('createCase', {
        kind,
        channel,
        origin,
        receivedAt: new Date(receivedAt).toISOString(),
        subject,
        description,
        submitter: anonymous
          ? { anonymous: true, consent: false }
          : { anonymous: false, name: name || null, email: email || null, phone: phone || null, address: address.trim() || null, language: i18n.language === 'en' ? 'en' : 'de', consent, consentText: consent ? consentText : null },
        departmentId: departmentId ? Number(departmentId) : null,
        categoryId: categoryId ? Number(categoryId) : null,
        mergeIntoId: duplicateOf ? duplicateOf.id : null,
      }));
      if (created) onSaved(created.reference, created.id);
    } catch (failure) {
      const placed = placeFailure(failure);
      if (placed.field) {
        setProblems({ [placed.field]: placed.problem });
        focusFirstProblem();
      } else setError(failure);
    }
  }

  /** Alt+D: into the suggestions (the chosen one, else the first), and from there back to the subject. */
  function toggleSuggestions() {
    const boxes = [...(similarList.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    if (boxes.length === 0) return;
    if (similarList.current?.contains(document.activeElement)) subjectInput.current?.focus();
    else (boxes.find((box) => box.checked) ?? boxes[0])!.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    // Keys meant for a dialog above this one (the discard confirmation) are never this form's.
    if (!isTopmostModal(event.target as Element)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.altKey && (event.code === 'KeyD' || event.key.toLowerCase() === 'd')) {
      event.preventDefault();
      toggleSuggestions();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  /** In the suggestions: ↑ ↓ move, Space chooses (or un-chooses), Esc goes back to the subject. */
  function onSuggestionKey(event: KeyboardEvent<HTMLFieldSetElement>) {
    const boxes = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const at = boxes.indexOf(event.target as HTMLInputElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      boxes[(at + (event.key === 'ArrowDown' ? 1 : boxes.length - 1)) % boxes.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      subjectInput.current?.focus();
    }
  }

  // Problems are shown at their field; the form's own check runs first, also when a date field stops the submission.
  const invalid = (field: EntryField) => ({
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': problems[field] ? `entry-${field}-error` : undefined,
  });
  const problemAt = (field: EntryField) => <ErrorMessage error={problems[field] ?? null} id={`entry-${field}-error`} />;
  const showChecks = () => setProblems(check());

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
      <form
        ref={form}
        className="dialog quick-entry"
        role="dialog"
        aria-modal="true"
        aria-labelledby="entry-title"
        noValidate
        onSubmit={save}
        onSubmitCapture={showChecks}
        onKeyDown={onKeyDown}
        onKeyDownCapture={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && isTopmostModal(event.target as Element)) showChecks();
        }}
      >
        <h1 id="entry-title">{t('entry.title', { channel: t(`channel.${channel}`) })}</h1>
        <p className="hint">{t('entry.hint')}</p>
        {radios(t('inbox.column.kind'), 'kind', KINDS, kind, setKind, (k) => t(`kind.${k}`), firstField)}
        {radios(t('inbox.column.origin'), 'origin', ['external', 'internal'] as const, origin, setOrigin, (o) => t(`origin.${o}`))}
        <div className="field">
          <label>
            <span>{t('inbox.column.subject')}</span>
            <input
              ref={subjectInput}
              name="subject"
              aria-required="true"
              maxLength={300}
              value={subject}
              {...invalid('subject')}
              onChange={(e) => {
                setSubject(e.target.value);
                edited('subject');
              }}
            />
          </label>
          {problemAt('subject')}
        </div>
        <p className="visually-hidden" aria-live="polite">
          {listed.length > 0 ? t('entry.similarFound', { count: listed.length }) : ''}
        </p>
        {listed.length > 0 && (
          // Out of the Tab order: the rehearsed path through the form must never land here (Alt+D or the pointer do).
          <fieldset className="similar" ref={similarList} onKeyDown={onSuggestionKey} aria-describedby={problems.merge ? 'entry-merge-error' : undefined}>
            <legend>
              {t('entry.similar')} <kbd>Alt+D</kbd>
            </legend>
            {listed.map((hit) => (
              <label key={hit.id}>
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-keyshortcuts="Alt+D"
                  aria-invalid={problems.merge && duplicateOf?.id === hit.id ? true : undefined}
                  aria-describedby={problems.merge && duplicateOf?.id === hit.id ? 'entry-merge-error' : undefined}
                  checked={duplicateOf?.id === hit.id}
                  onChange={(e) => {
                    setDuplicateOf(e.target.checked ? hit : null);
                    edited('merge');
                  }}
                />
                <span>
                  <strong>{hit.reference}</strong> {hit.subject} <span className="muted">({t(`status.${hit.status}`)})</span>
                </span>
              </label>
            ))}
            {problemAt('merge')}
          </fieldset>
        )}
        <div className="field">
          <label>
            <span>{t('case.description')}</span>
            <textarea
              rows={3}
              maxLength={20_000}
              value={description}
              {...invalid('description')}
              onChange={(e) => {
                setDescription(e.target.value);
                edited('description');
              }}
            />
          </label>
          {problemAt('description')}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t('entry.anonymous')}</span>
        </label>
        {!anonymous && (
          <>
            <div className="row">
              <div className="field">
                <label>
                  <span>{t('entry.name')}</span>
                  <input value={name} maxLength={200} {...invalid('name')} onChange={(e) => { setName(e.target.value); edited('name'); }} autoComplete="off" />
                </label>
                {problemAt('name')}
              </div>
              <div className="field">
                <label>
                  <span>{t('entry.phone')}</span>
                  <input value={phone} maxLength={60} {...invalid('phone')} onChange={(e) => { setPhone(e.target.value); edited('phone'); }} autoComplete="off" />
                </label>
                {problemAt('phone')}
              </div>
              <div className="field">
                <label>
                  <span>{t('entry.email')}</span>
                  <input type="email" value={email} maxLength={320} {...invalid('email')} onChange={(e) => { setEmail(e.target.value); edited('email'); }} autoComplete="off" />
                </label>
                {problemAt('email')}
              </div>
            </div>
            <div className="field">
              <label>
                <span>{t('entry.address')}</span>
                <textarea rows={2} value={address} maxLength={500} {...invalid('address')} onChange={(e) => { setAddress(e.target.value); edited('address'); }} autoComplete="off" />
              </label>
              {problemAt('address')}
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
          <div className="field">
            <SelectField label={t('inbox.column.department')} value={departmentId} onChange={(v) => { setDepartmentId(v); edited('departmentId'); }} choices={activeChoices(departments, (d) => d.name)} empty={t('case.choose')} />
            {problemAt('departmentId')}
          </div>
          <div className="field">
            <SelectField label={t('field.categoryId')} value={categoryId} onChange={(v) => { setCategoryId(v); edited('categoryId'); }} choices={activeChoices(categories, (c) => c.name)} empty={t('case.choose')} />
            {problemAt('categoryId')}
          </div>
        </div>
        <ErrorMessage error={listsError} />
        <div className="row secondary">
          <SelectField label={t('inbox.column.channel')} value={channel} onChange={(value) => setChannel(value as Channel)} choices={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <DateField
            withTime
            label={t('entry.receivedAt')}
            value={receivedAt}
            onChange={(value) => {
              setReceivedAt(value);
              edited('receivedAt');
            }}
            required
            error={typeof problems.receivedAt === 'string' ? t(problems.receivedAt) : problems.receivedAt ? t('entry.invalid.receivedAt') : null}
          />
        </div>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('entry.save')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button type="button" onClick={close}>
            {t('case.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
      {guard.dialog}
    </div>
  );
}

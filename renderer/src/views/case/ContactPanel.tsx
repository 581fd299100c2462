// The person's contact data in the case view, corrected in place: Edit opens an inline form (name, phone, e-mail,
// address), Save writes it once (useSubmit), Esc or Cancel discard it; either way the focus goes back to Edit.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../main/api/types.ts';
import { useAction } from '../../use-action.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const FIELDS = ['name', 'phone', 'email', 'address'] as const;
type ContactField = (typeof FIELDS)[number];
type Values = Record<ContactField, string>;

/** A quick check only: main decides. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;
const MAX_LENGTH: Record<ContactField, number> = { name: 200, phone: 60, email: 320, address: 500 };

interface Props {
  detail: CaseDetail;
  canEdit: boolean;
  onChanged: (detail: CaseDetail) => void;
}

export function ContactPanel({ detail, canEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const submitter = detail.submitter;
  const [values, setValues] = useState<Values | null>(null);
  const [problem, setProblem] = useState<{ field?: ContactField; error: unknown } | null>(null);
  const { run, busy } = useAction();
  const editButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function open() {
    setValues({ name: submitter.name ?? '', phone: submitter.phone ?? '', email: submitter.email ?? '', address: submitter.address ?? '' });
    setProblem(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input, textarea')?.focus());
  }

  /** Closing the form (saved or discarded) gives the focus back to Edit. */
  function close() {
    setValues(null);
    setProblem(null);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  function showProblem(next: { field?: ContactField; error: unknown }) {
    setProblem(next);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    if (values.email.trim() && !EMAIL.test(values.email.trim())) return showProblem({ field: 'email', error: 'entry.invalid.email' });
    const updated = await run(
      (send) => send('updateSubmitter', { caseId: detail.id, ...values }),
      // Every refusal is shown here: at the field main names (in the entry form's words for a malformed value), or below.
      (failure) => {
        const field = FIELDS.find((f) => f === failure.field);
        showProblem(field ? { field, error: failure.code === 'invalid_input' ? `entry.invalid.${field}` : failure } : { error: failure });
        return true;
      },
    );
    if (!updated) return;
    onChanged(updated);
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape') return;
    // Esc discards what was typed here (and does not also leave the case).
    event.preventDefault();
    event.stopPropagation();
    close();
  }

  const set = (field: ContactField) => (event: { target: { value: string } }) => {
    setValues((current) => (current ? { ...current, [field]: event.target.value } : current));
    if (problem?.field === field) setProblem(null);
  };
  const fieldProps = (field: ContactField) => ({
    id: `contact-${field}`,
    value: values?.[field] ?? '',
    maxLength: MAX_LENGTH[field],
    autoComplete: 'off',
    onChange: set(field),
    'aria-invalid': problem?.field === field ? true : undefined,
    'aria-describedby': problem?.field === field ? `contact-${field}-error` : undefined,
  });
  const problemAt = (field: ContactField) => (problem?.field === field ? <ErrorMessage error={problem.error} id={`contact-${field}-error`} /> : null);
  const label = (field: ContactField) => t(`entry.${field}`);

  return (
    <section className="contact-panel" aria-labelledby="contact-title">
      <div className="section-head">
        <h2 id="contact-title">{t('contact.title')}</h2>
        {canEdit && !submitter.anonymous && !values && (
          <button ref={editButton} type="button" onClick={open} aria-describedby="contact-title">
            {t('contact.edit')}
          </button>
        )}
      </div>
      {submitter.anonymous ? (
        <p className="muted">{t('inbox.anonymous')}</p>
      ) : values ? (
        <form ref={formRef} className="contact-form" noValidate onSubmit={save} onKeyDown={onKeyDown} aria-label={t('contact.editTitle')}>
          <div className="row">
            {(['name', 'phone', 'email'] as const).map((field) => (
              <div className="field" key={field}>
                <label>
                  <span>{label(field)}</span>
                  <input type={field === 'email' ? 'email' : 'text'} {...fieldProps(field)} />
                </label>
                {problemAt(field)}
              </div>
            ))}
          </div>
          <div className="field">
            <label>
              <span>{label('address')}</span>
              <textarea rows={3} {...fieldProps('address')} />
            </label>
            {problemAt('address')}
          </div>
          {problem && !problem.field && <ErrorMessage error={problem.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t('contact.save')}
            </button>
            <button type="button" onClick={close}>
              {t('case.cancel')} <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="contact">
            {FIELDS.map((field) => (
              <div key={field}>
                <dt>{label(field)}</dt>
                <dd data-testid={`contact-${field}`}>{submitter[field] || '–'}</dd>
              </div>
            ))}
            {submitter.organisation && (
              <div>
                <dt>{t('contact.organisation')}</dt>
                <dd>{submitter.organisation}</dd>
              </div>
            )}
          </dl>
          {submitter.consentGivenAt && <p className="muted">{t('case.consentRecorded')}</p>}
        </>
      )}
    </section>
  );
}

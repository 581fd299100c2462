// "Earlier cases from this person": the other cases of the same e-mail address or phone number (main finds them and
// scopes them for department heads), newest first; each opens its case.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PersonCase } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDay } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Props {
  detail: CaseDetail;
  onOpenCase: (id: number) => void;
  /** Back from one of these cases: its link takes the focus once the list is there. */
  returnFrom: number | null;
}

export function PersonHistory({ detail, onOpenCase, returnFrom }: Props) {
  const { t, i18n } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  const refocused = useRef(false);
  const [cases, setCases] = useState<PersonCase[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { id, submitter } = detail;
  // Read again when the contact data changes (a corrected phone number finds other cases).
  const key = `${id} ${submitter.email ?? ''} ${submitter.phone ?? ''}`;

  useEffect(() => {
    let current = true;
    call('personHistory', { caseId: id }).then(
      (found) => {
        if (!current) return;
        setCases(found);
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key names everything the list depends on
  }, [key]);

  useEffect(() => {
    if (refocused.current || returnFrom === null || !cases) return;
    refocused.current = true;
    list.current?.querySelector<HTMLElement>(`[data-case-id="${returnFrom}"]`)?.focus();
  }, [cases, returnFrom]);

  return (
    <section className="person-history" aria-labelledby="person-history-title">
      <h2 id="person-history-title">{t('personHistory.title')}</h2>
      <ErrorMessage error={error} />
      {cases === null && !error ? (
        <p className="muted">{t('app.loading')}</p>
      ) : cases && cases.length === 0 ? (
        <p className="muted">{submitter.anonymous ? t('personHistory.anonymous') : t('personHistory.none')}</p>
      ) : cases ? (
        <ul className="person-cases" ref={list}>
          {cases.map((c) => (
            <li key={c.id}>
              <button type="button" data-case-id={c.id} className="link person-case" onClick={() => onOpenCase(c.id)}>
                <span className="reference">{c.reference}</span> · {formatDay(c.receivedAt, i18n.language)} · {t(`kind.${c.kind}`)} ·{' '}
                <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
                <span className="subject"> {c.subject}</span>
              </button>
              <span className="muted matched">{t(`personHistory.matchedBy.${c.matchedBy}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

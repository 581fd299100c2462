// The office's start screen at 8 a.m.: what is due today, overdue, back from the departments since I last looked, new,
// and mine. Main counts each figure and sends the inbox filter that lists exactly those cases; a click opens it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListFilter, CaseSummary, OfficeToday } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { NOTIFICATIONS_CHANGED } from '../NotificationsButton.tsx';
import { dueLabel } from '../inbox/columns.tsx';
import { Dashboard } from './Dashboard.tsx';

export const OFFICE_FIGURES = ['dueToday', 'overdue', 'returned', 'arrivals', 'mine'] as const;
export type OfficeFigure = (typeof OFFICE_FIGURES)[number];

interface Props {
  onOpenInbox: (filter: CaseListFilter, label: string) => void;
  onOpenCase: (id: number) => void;
  refreshToken: number;
}

const NEXT_UP = 8;

function tone(figure: OfficeFigure, count: number): string {
  if (count === 0) return 'figure-calm';
  if (figure === 'overdue') return 'figure-alert';
  if (figure === 'dueToday') return 'figure-warn';
  if (figure === 'returned' || figure === 'arrivals') return 'figure-info';
  return 'figure-plain';
}

export function OfficeStart({ onOpenInbox, onOpenCase, refreshToken }: Props) {
  const { t, i18n } = useTranslation();
  const [today, setToday] = useState<OfficeToday | null>(null);
  const [nextUp, setNextUp] = useState<CaseSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  // "Returned since I last looked": the first look of this screen says since when; refreshes keep counting from there.
  const since = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    call('officeToday', since.current ? { returnedSince: since.current } : {}).then(
      (value) => {
        if (!live) return;
        setToday(value);
        setError(null);
        window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
        if (since.current === null) {
          since.current = value.returnedSince;
          call('markStartSeen').catch(() => undefined);
        }
        // What to do first: overdue and due today, earliest due first.
        call('listCases', { filter: { dueBefore: value.today }, sort: { column: 'responseDue', direction: 'asc' }, limit: NEXT_UP }).then(
          (list) => live && setNextUp(list.rows),
          () => live && setNextUp([]),
        );
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [refreshToken, reloads]);

  if (error && !today) return <ErrorMessage error={error} />;
  if (!today) return <p>{t('app.loading')}</p>;
  const hint = (figure: OfficeFigure) =>
    figure === 'returned' ? t('start.office.returnedHint', { since: formatDateTime(today.returnedSince, i18n.language) }) : t(`start.office.${figure}Hint`);

  return (
    <section className="start-screen" aria-labelledby="start-title">
      <div className="toolbar">
        <h1 id="start-title">{t('start.office.title')}</h1>
        <span className="muted">{formatDate(today.today, i18n.language)}</span>
        <span className="spacer" />
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          {t('start.refresh')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <ul className="figures" aria-label={t('start.office.figures')}>
        {OFFICE_FIGURES.map((figure) => {
          const { count, filter } = today[figure];
          const label = t(`start.office.${figure}`);
          return (
            <li key={figure}>
              <button type="button" className={`figure ${tone(figure, count)}`} onClick={() => onOpenInbox(filter, label)}>
                <span className="figure-count">{formatNumber(count, i18n.language)}</span>
                <span className="figure-label">{label}</span>
                <span className="figure-hint">{hint(figure)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {/* Overdue is among the day's figures above (with its hint): the dashboard does not show it again. */}
      <Dashboard onOpenInbox={onOpenInbox} refreshToken={refreshToken + reloads} omit={['overdue']} />
      <section className="settings-section" aria-labelledby="next-up-title">
        <h2 id="next-up-title">{t('start.office.nextUp')}</h2>
        {nextUp.length === 0 ? (
          <p className="muted">{t('start.office.nothingDue')}</p>
        ) : (
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">{t('inbox.column.reference')}</th>
                <th scope="col">{t('inbox.column.subject')}</th>
                <th scope="col">{t('inbox.column.department')}</th>
                <th scope="col">{t('inbox.column.handler')}</th>
                <th scope="col">{t('inbox.column.due')}</th>
              </tr>
            </thead>
            <tbody>
              {nextUp.map((c) => {
                const due = dueLabel(c, t);
                return (
                  <tr key={c.id}>
                    <td>
                      <button type="button" className="link" onClick={() => onOpenCase(c.id)}>
                        {c.reference}
                      </button>
                    </td>
                    <td>{c.subject}</td>
                    <td>{c.departmentName ?? t('start.none')}</td>
                    <td>{c.handlerName ?? t('start.none')}</td>
                    <td>
                      <span className={`due due-${due.tone}`}>
                        {formatDate(c.responseDue, i18n.language)} · {due.text}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

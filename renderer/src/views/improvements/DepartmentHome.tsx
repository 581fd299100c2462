// A department head's start screen: statement requests for their departments (due first, overdue marked) and their
// improvements grouped by status, overdue first. Main scopes both to the head's departments. Requests forwarded since
// the head last looked are marked new (for as long as the screen stays open), near-due ones are listed as reminders.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentHome as Home } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { NOTIFICATIONS_CHANGED } from '../NotificationsButton.tsx';
import { dueLabel } from '../inbox/columns.tsx';
import { IMPROVEMENT_STATUSES, ImprovementTable } from './ImprovementsView.tsx';

interface Props {
  onOpenCase: (id: number) => void;
  onOpenImprovement: (id: number) => void;
  refreshToken: number;
}

export function DepartmentHome({ onOpenCase, onOpenImprovement, refreshToken }: Props) {
  const { t, i18n } = useTranslation();
  const [home, setHome] = useState<Home | null>(null);
  const [error, setError] = useState<unknown>(null);
  // What was new when the head first looked at this screen stays marked new while it is open.
  const [fresh, setFresh] = useState<{ since: string; ids: Set<number> } | null>(null);
  const looked = useRef(false);

  useEffect(() => {
    call('departmentHome').then((value) => {
      setHome(value);
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
      setFresh((known) => (known ? { since: known.since, ids: new Set([...known.ids, ...value.newStatementIds]) } : { since: value.newSince, ids: new Set(value.newStatementIds) }));
      if (!looked.current) {
        looked.current = true;
        call('markStartSeen').catch(() => undefined);
      }
    }, setError);
  }, [refreshToken]);

  if (error) return <ErrorMessage error={error} />;
  if (!home) return <p>{t('app.loading')}</p>;
  const overdueCases = home.statementRequests.filter((c) => c.overdue).length;
  const overdueImprovements = home.improvements.filter((i) => i.overdue).length;
  const nearDue = new Set(home.nearDueIds);
  const reminders = home.statementRequests.filter((c) => nearDue.has(c.id));
  const newCount = home.statementRequests.filter((c) => fresh?.ids.has(c.id)).length;
  return (
    <section className="department-home" aria-labelledby="home-title">
      <div className="toolbar">
        <h1 id="home-title">{t('home.title')}</h1>
        {overdueCases + overdueImprovements > 0 && (
          <p className="due due-overdue" role="status">
            {t('home.overdueSummary', { cases: overdueCases, improvements: overdueImprovements })}
          </p>
        )}
        {fresh && newCount > 0 && (
          <p className="tag new-tag" role="status">
            {t('start.department.newSummary', { count: newCount, since: formatDateTime(fresh.since, i18n.language) })}
          </p>
        )}
      </div>
      {reminders.length > 0 && (
        <section className="settings-section reminders" aria-labelledby="reminders-title">
          <h2 id="reminders-title">{t('start.department.reminders')}</h2>
          <ul className="reminder-list">
            {reminders.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => onOpenCase(c.id)}>
                  {c.reference}
                </button>{' '}
                {c.subject}: <span className={`due due-${dueLabel(c, t).tone}`}>{t('start.department.dueOn', { date: formatDate(c.responseDue, i18n.language), due: dueLabel(c, t).text })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="settings-section" aria-labelledby="statements-title">
        <h2 id="statements-title">{t('home.statements')}</h2>
        {home.statementRequests.length === 0 ? (
          <p className="muted">{t('home.noStatements')}</p>
        ) : (
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">{t('inbox.column.reference')}</th>
                <th scope="col">{t('inbox.column.subject')}</th>
                <th scope="col">{t('inbox.column.department')}</th>
                <th scope="col">{t('inbox.column.due')}</th>
              </tr>
            </thead>
            <tbody>
              {home.statementRequests.map((c) => {
                const due = dueLabel(c, t);
                return (
                  <tr key={c.id} className={nearDue.has(c.id) ? 'near-due-row' : undefined}>
                    <td>
                      <button type="button" className="link" onClick={() => onOpenCase(c.id)}>
                        {c.reference}
                      </button>
                      {fresh?.ids.has(c.id) && <span className="tag new-tag">{t('start.department.new')}</span>}
                    </td>
                    <td>{c.subject}</td>
                    <td>{c.departmentName}</td>
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
      {IMPROVEMENT_STATUSES.map((status) => {
        const rows = home.improvements.filter((i) => i.status === status);
        if (rows.length === 0) return null;
        return (
          <section key={status} className="settings-section" aria-labelledby={`home-${status}`}>
            <h2 id={`home-${status}`}>
              {t('home.improvements', { status: t(`improvementStatus.${status}`) })} ({rows.length})
            </h2>
            <ImprovementTable rows={rows} onOpen={onOpenImprovement} caption={t(`improvementStatus.${status}`)} />
          </section>
        );
      })}
    </section>
  );
}

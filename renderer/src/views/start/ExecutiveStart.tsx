// The chief executive's start screen: the figures there are today, read-only (volumes by kind and quarter, the share
// of open cases past their due date, improvements done this year, the prize draw's status). Not the operational inbox.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExecutiveOverview } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatDateTime, formatNumber, localeFor } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Dashboard } from './Dashboard.tsx';
import type { CaseListFilter } from '../../../../main/api/types.ts';
import { CASE_KINDS as KINDS } from '../../../../main/vocabulary/cases.ts';

const QUARTERS = [1, 2, 3, 4] as const;

export function ExecutiveStart({ refreshToken, onOpenInbox }: { refreshToken: number; onOpenInbox: (filter: CaseListFilter, label: string) => void }) {
  const { t, i18n } = useTranslation();
  const [overview, setOverview] = useState<ExecutiveOverview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    call('executiveOverview').then(
      (value) => live && setOverview(value),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [refreshToken]);

  if (error) return <ErrorMessage error={error} />;
  if (!overview) return <p>{t('app.loading')}</p>;
  const { year } = overview;
  const n = (value: number) => formatNumber(value, i18n.language);
  const count = (y: number, kind: string, quarter?: number) =>
    overview.volumes.filter((v) => v.year === y && v.kind === kind && (quarter === undefined || v.quarter === quarter)).reduce((sum, v) => sum + v.count, 0);
  const columnTotal = (y: number, quarter?: number) => KINDS.reduce((sum, kind) => sum + count(y, kind, quarter), 0);
  const share =
    overview.overdueShare === null
      ? t('start.none')
      : new Intl.NumberFormat(localeFor(i18n.language), { style: 'percent', maximumFractionDigits: 1 }).format(overview.overdueShare);

  return (
    <section className="start-screen" aria-labelledby="start-title">
      <div className="toolbar">
        <h1 id="start-title">{t('start.executive.title')}</h1>
        <span className="muted">{t('start.executive.subtitle', { year })}</span>
      </div>
      {/* Open cases and improvements done are the executive's own figures below: the dashboard does not repeat them. */}
      <Dashboard onOpenInbox={onOpenInbox} refreshToken={refreshToken} omit={['open', 'improvementsDone']} />
      <dl className="figures figures-read">
        <div className="figure figure-plain">
          <dt className="figure-label">{t('start.executive.running')}</dt>
          <dd className="figure-count">{n(overview.running)}</dd>
        </div>
        <div className={`figure ${overview.overdue > 0 ? 'figure-alert' : 'figure-calm'}`}>
          <dt className="figure-label">{t('start.executive.overdueShare')}</dt>
          <dd className="figure-count">{share}</dd>
          <dd className="figure-hint">{t('start.executive.overdueOf', { overdue: n(overview.overdue), running: n(overview.running) })}</dd>
        </div>
        <div className="figure figure-info">
          <dt className="figure-label">{t('start.executive.improvementsDone', { year })}</dt>
          <dd className="figure-count">{n(overview.improvementsDoneThisYear)}</dd>
        </div>
        <div className="figure figure-plain">
          <dt className="figure-label">{t('start.executive.improvementsInProgress')}</dt>
          <dd className="figure-count">{n(overview.improvementsInProgress)}</dd>
        </div>
      </dl>
      <section className="settings-section" aria-labelledby="volumes-title">
        <h2 id="volumes-title">{t('start.executive.volumes')}</h2>
        <div className="table-scroll">
          <table className="plain figures-table">
            <caption>{t('start.executive.volumesCaption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.column.kind')}</th>
                {QUARTERS.map((q) => (
                  <th scope="col" key={q} className="number">
                    {t('start.executive.quarter', { quarter: q, year })}
                  </th>
                ))}
                <th scope="col" className="number">
                  {t('start.executive.yearTotal', { year })}
                </th>
                <th scope="col" className="number">
                  {t('start.executive.yearTotal', { year: year - 1 })}
                </th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`kind.${kind}`)}</th>
                  {QUARTERS.map((q) => (
                    <td key={q} className="number">
                      {n(count(year, kind, q))}
                    </td>
                  ))}
                  <td className="number">{n(count(year, kind))}</td>
                  <td className="number">{n(count(year - 1, kind))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('start.executive.total')}</th>
                {QUARTERS.map((q) => (
                  <td key={q} className="number">
                    {n(columnTotal(year, q))}
                  </td>
                ))}
                <td className="number">{n(columnTotal(year))}</td>
                <td className="number">{n(columnTotal(year - 1))}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section className="settings-section" aria-labelledby="draws-title">
        <h2 id="draws-title">{t('start.executive.draws')}</h2>
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">{t('start.executive.year')}</th>
              <th scope="col">{t('draw.pool')}</th>
              <th scope="col">{t('start.executive.status')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.draws.map((draw) => (
              <tr key={`${draw.year}-${draw.pool}`}>
                <td>{draw.year}</td>
                <td>{t(`draw.pools.${draw.pool}`)}</td>
                <td>
                  {draw.status === 'drawn'
                    ? t('start.executive.drawStatus.drawn', { date: draw.drawnAt ? formatDateTime(draw.drawnAt, i18n.language) : '' })
                    : draw.status === 'prepared'
                      ? t('start.executive.drawStatus.prepared', { count: draw.entryCount ?? 0 })
                      : t('start.executive.drawStatus.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

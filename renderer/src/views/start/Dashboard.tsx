// The dashboard on the office's and the executive's start screens (issue 13, point 5): charts first, tables second.
// Every figure, bar and month is a link to the inbox filtered to exactly what it counts (main sends the filter).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarometerReport, CaseListFilter, Dashboard as DashboardData, DashboardBar } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export const DASHBOARD_FIGURES = ['open', 'newThisWeek', 'overdue', 'dueThisWeek'] as const;

type DashboardFigure = (typeof DASHBOARD_FIGURES)[number] | 'improvementsDone';

interface Props {
  onOpenInbox: (filter: CaseListFilter, label: string) => void;
  refreshToken: number;
  /** Figures the start screen around it already shows: each figure appears once on a screen. */
  omit?: readonly DashboardFigure[];
}

function BarsSection({ id, title, bars, onOpen }: { id: string; title: string; bars: { label: string; bar: DashboardBar }[]; onOpen: (bar: DashboardBar, label: string) => void }) {
  const { t, i18n } = useTranslation();
  const summary = bars.map((b) => `${b.label}: ${formatNumber(b.bar.count, i18n.language)}`).join(', ');
  return (
    <section className="dashboard-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {bars.every((b) => b.bar.count === 0) ? (
        <p className="muted dashboard-empty">{t('dashboard.noCases')}</p>
      ) : (
        <>
          <figure className="dashboard-chart" role="img" aria-label={t('dashboard.chartSummary', { title, summary })}>
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={bars.map((b) => ({ label: b.label, count: b.bar.count }))} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar
                  dataKey="count"
                  name={t('dashboard.cases')}
                  fill="#1f5f99"
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(_data: unknown, index: number) => {
                    const b = bars[index];
                    if (b) onOpen(b.bar, `${title}: ${b.label}`);
                  }}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <table className="plain dashboard-table">
            <caption className="visually-hidden">{title}</caption>
            <tbody>
              {bars.map((b) => (
                <tr key={b.bar.key}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onOpen(b.bar, `${title}: ${b.label}`)}>
                      {b.label}
                    </button>
                  </th>
                  <td className="number">{formatNumber(b.bar.count, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function Dashboard({ onOpenInbox, refreshToken, omit = [] }: Props) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<DashboardData | null>(null);
  const [barometer, setBarometer] = useState<BarometerReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    call('dashboard').then(
      (value) => live && setData(value),
      (failure: unknown) => live && setError(failure),
    );
    call('barometerReport', {}).then(
      (value) => live && setBarometer(value),
      () => live && setBarometer(null),
    );
    return () => {
      live = false;
    };
  }, [refreshToken]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p>{t('app.loading')}</p>;
  const n = (value: number) => formatNumber(value, i18n.language);
  const open = (bar: DashboardBar, label: string) => onOpenInbox(bar.filter, label);
  const monthLabel = (key: string) => new Intl.DateTimeFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB', { month: 'short', year: '2-digit' }).format(new Date(`${key}-15T12:00:00`));
  const monthSummary = data.monthly.map((m) => `${monthLabel(m.key)}: ${n(m.count)}`).join(', ');
  const trend = (barometer?.quarters ?? []).map((q) => ({ quarter: q.quarter.replace('-', ' '), index: q.index, n: q.n }));

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title', { year: data.year })}</h2>
      <ul className="figures" aria-label={t('dashboard.figures')}>
        {DASHBOARD_FIGURES.filter((figure) => !omit.includes(figure)).map((figure) => {
          const label = t(`dashboard.figure.${figure}`);
          return (
            <li key={figure}>
              <button type="button" className={`figure ${figure === 'overdue' && data[figure].count > 0 ? 'figure-alert' : 'figure-plain'}`} onClick={() => onOpenInbox(data[figure].filter, label)}>
                <span className="figure-count">{n(data[figure].count)}</span>
                <span className="figure-label">{label}</span>
              </button>
            </li>
          );
        })}
        {!omit.includes('improvementsDone') && (
          <li>
            <div className="figure figure-info">
              <span className="figure-count">{n(data.improvementsDoneThisYear)}</span>
              <span className="figure-label">{t('dashboard.improvementsDone')}</span>
            </div>
          </li>
        )}
      </ul>
      <div className="dashboard-grid">
        <section className="dashboard-panel dashboard-wide" aria-labelledby="monthly-title">
          <h3 id="monthly-title">{t('dashboard.monthly')}</h3>
          <figure className="dashboard-chart" role="img" aria-label={t('dashboard.chartSummary', { title: t('dashboard.monthly'), summary: monthSummary })}>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart data={data.monthly.map((m) => ({ month: monthLabel(m.key), count: m.count }))} margin={{ left: 0, right: 16, top: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Line dataKey="count" name={t('dashboard.cases')} stroke="#1f5f99" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <table className="plain dashboard-table dashboard-months">
            <caption className="visually-hidden">{t('dashboard.monthly')}</caption>
            <tbody>
              <tr>
                {data.monthly.map((m) => (
                  <td key={m.key}>
                    <button type="button" className="link" onClick={() => open(m, `${t('dashboard.monthly')}: ${monthLabel(m.key)}`)}>
                      {monthLabel(m.key)}: {n(m.count)}
                    </button>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
        <BarsSection id="by-kind" title={t('dashboard.byKind', { year: data.year })} bars={data.byKind.map((bar) => ({ label: t(`kind.${bar.key}`), bar }))} onOpen={open} />
        <BarsSection id="by-channel" title={t('dashboard.byChannel', { year: data.year })} bars={data.byChannel.map((bar) => ({ label: t(`channel.${bar.key}`), bar }))} onOpen={open} />
        <BarsSection id="by-department" title={t('dashboard.byDepartment', { year: data.year })} bars={data.byDepartment.map((bar) => ({ label: bar.label ?? bar.key, bar }))} onOpen={open} />
        <section className="dashboard-panel" aria-labelledby="barometer-trend-title">
          <h3 id="barometer-trend-title">{t('dashboard.barometer')}</h3>
          {trend.every((q) => q.n === 0) ? (
            <p className="muted dashboard-empty">{t('dashboard.noVotes')}</p>
          ) : (
            <figure
              className="dashboard-chart"
              role="img"
              aria-label={t('dashboard.chartSummary', {
                title: t('dashboard.barometer'),
                summary: trend.map((q) => `${q.quarter}: ${q.index === null ? '–' : n(Math.round(q.index))} (n = ${n(q.n)})`).join(', '),
              })}
            >
              <ResponsiveContainer width="100%" height={180}>
                <LineChart data={trend} margin={{ left: 0, right: 16, top: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="quarter" tick={{ fontSize: 12 }} />
                  <YAxis domain={[0, 100]} ticks={[0, 50, 100]} />
                  <Tooltip />
                  <Line dataKey="index" name={t('barometer.index')} stroke="#2e7d32" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </figure>
          )}
        </section>
      </div>
    </section>
  );
}

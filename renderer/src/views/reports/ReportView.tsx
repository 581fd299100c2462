// The quarterly and yearly report for the office and the executive: choose the period and a department; charts first,
// then tables. "Save as PDF" prints this view (a title page, a section per page; the print stylesheet hides the app's
// controls) through the window's printToPdf; "Save as XLSX" is a background job (one sheet per table).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { Department, ReportCount, ReportData } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import { saveToDisk } from '../../download.ts';
import { formatDate, formatNumber, recentYears } from '../../format.ts';
import { useJob } from '../../use-job.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { SelectField } from '../SelectField.tsx';

/**
 * The accessibility figures (issue 13, point 4) are built on another branch: pass a component here to render them as
 * their own section of the report (screen, PDF); without one the section is left out.
 */
export type AccessibilitySection = (props: { period: string; departmentId: number | null }) => ReactNode;

const percent = (share: number | null, language: string) => (share === null ? '–' : `${formatNumber(Math.round(share * 1000) / 10, language)} %`);

function CountChart({ counts, label, name }: { counts: { label: string; count: number }[]; label: string; name: string }) {
  return (
    <figure className="report-chart" aria-label={label}>
      <BarChart width={620} height={220} data={counts} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Bar dataKey="count" name={name} fill="#1f5f99" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

function CountTable({ title, counts, labelOf }: { title: string; counts: ReportCount[]; labelOf: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="report-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.item')}</th>
          <th scope="col">{t('reports.count')}</th>
          <th scope="col">{t('reports.share')}</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={c.key}>
            <th scope="row">{labelOf(c.key)}</th>
            <td>{formatNumber(c.count, i18n.language)}</td>
            <td>{percent(c.share, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportView({ accessibility }: { accessibility?: AccessibilitySection | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const now = new Date();
  const [kind, setKind] = useState<'year' | 'quarter'>('year');
  const [year, setYear] = useState(String(now.getFullYear()));
  const [quarter, setQuarter] = useState(String(Math.floor(now.getMonth() / 3) + 1));
  const [department, setDepartment] = useState('');
  const [departments, setDepartments] = useState<Department[]>([]);
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pdfPhase, setPdfPhase] = useState<'render' | 'print' | null>(null);
  const job = useJob();
  const period = kind === 'year' ? year : `${year}-Q${quarter}`;
  const departmentId = department ? Number(department) : null;

  useEffect(() => {
    call('listDepartments', undefined).then(setDepartments, setError);
  }, []);
  useEffect(() => {
    let live = true;
    call('reportData', { period, departmentId }).then(
      (next) => {
        if (!live) return;
        setData(next);
        setError(null);
      },
      (failure) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [period, departmentId]);

  async function savePdf() {
    if (pdfPhase || !data) return;
    setError(null);
    setPdfPhase('render');
    // Let the print layout settle (charts drawn) before the window is printed.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    setPdfPhase('print');
    try {
      const file = await call('printToPdf', { fileName: `report-${period}${departmentId ? `-department-${departmentId}` : ''}.pdf` });
      saveToDisk(file.fileName, file.dataBase64);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.error.code === 'print_unavailable') window.print();
      else setError(failure);
    } finally {
      setPdfPhase(null);
    }
  }

  const periodLabel = kind === 'year' ? t('reports.yearTitle', { year }) : t('reports.quarterTitle', { year, quarter });
  const Accessibility = accessibility;
  const label = (group: string) => (key: string) => (key === '' ? t('reports.none') : group === 'department' ? key : t(`${group}.${key}`));

  return (
    <section className="report-view" aria-labelledby="report-title">
      <div className="report-title-page print-only">
        <h1>{t('reports.documentTitle')}</h1>
        <p className="report-period">{periodLabel}</p>
        {data?.departmentName && <p>{data.departmentName}</p>}
        {data && <p>{t('reports.periodDates', { from: formatDate(data.period.from, language), to: formatDate(data.period.to, language) })}</p>}
      </div>
      <h2 id="report-title" className="no-print">
        {t('reports.title')}
      </h2>
      <div className="row no-print">
        <SelectField label={t('reports.periodKind')} value={kind} onChange={(v) => setKind(v as 'year' | 'quarter')} choices={[{ value: 'year', label: t('reports.year') }, { value: 'quarter', label: t('reports.quarter') }]} />
        <SelectField label={t('reports.yearLabel')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: String(y), label: String(y) }))} />
        {kind === 'quarter' && <SelectField label={t('reports.quarterLabel')} value={quarter} onChange={setQuarter} choices={['1', '2', '3', '4'].map((q) => ({ value: q, label: `Q${q}` }))} />}
        <SelectField label={t('reports.department')} value={department} onChange={setDepartment} choices={[{ value: '', label: t('reports.allDepartments') }, ...departments.map((d) => ({ value: String(d.id), label: d.name }))]} />
        <button type="button" className="align-end" onClick={() => void savePdf()} disabled={!data || pdfPhase !== null} aria-busy={pdfPhase !== null}>
          {t('reports.savePdf')}
        </button>
        <button
          type="button"
          className="align-end"
          onClick={() => void job.start('reportXlsx', { period, departmentId, language: language === 'en' ? 'en' : 'de' })}
          disabled={!data || job.running}
          aria-busy={job.running}
        >
          {t('reports.saveXlsx')}
        </button>
      </div>
      <div className="no-print">
        {pdfPhase && (
          <p role="status">
            <progress max={2} value={pdfPhase === 'render' ? 1 : 2} aria-label={t('reports.pdfProgress')} /> {t(`reports.pdfPhase.${pdfPhase}`)}
          </p>
        )}
        <JobProgress job={job} />
      </div>
      <ErrorMessage error={error} />
      {data && (
        <>
          <section className="report-section" aria-labelledby="report-volumes">
            <h2 id="report-volumes">{t('reports.sections.volumes')}</h2>
            <p>{t('reports.total', { count: data.total, formatted: formatNumber(data.total, language) })}</p>
            <div className="report-charts">
              <CountChart label={t('reports.byKind')} name={t('reports.count')} counts={data.byKind.map((c) => ({ label: t(`kind.${c.key}`), count: c.count }))} />
              <CountChart label={t('reports.byChannel')} name={t('reports.count')} counts={data.byChannel.map((c) => ({ label: t(`channel.${c.key}`), count: c.count }))} />
            </div>
            <div className="report-tables">
              <CountTable title={t('reports.byKind')} counts={data.byKind} labelOf={label('kind')} />
              <CountTable title={t('reports.byChannel')} counts={data.byChannel} labelOf={label('channel')} />
              <CountTable title={t('reports.byOrigin')} counts={data.byOrigin} labelOf={label('origin')} />
              <CountTable title={t('reports.byDepartment')} counts={data.byDepartment} labelOf={label('department')} />
            </div>
          </section>
          <section className="report-section" aria-labelledby="report-deadlines">
            <h2 id="report-deadlines">{t('reports.sections.deadlines')}</h2>
            <table className="report-table">
              <caption>{t('reports.deadlinesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.stage')}</th>
                  <th scope="col">{t('reports.deadline')}</th>
                  <th scope="col">{t('reports.met')}</th>
                  <th scope="col">{t('reports.missed')}</th>
                  <th scope="col">{t('reports.pending')}</th>
                  <th scope="col">{t('reports.shareMet')}</th>
                </tr>
              </thead>
              <tbody>
                {data.deadlines.flatMap((s) =>
                  (['acknowledgement', 'response'] as const).map((which) => (
                    <tr key={`${s.stage}-${which}`}>
                      <th scope="row">{t('reports.stageN', { stage: s.stage })}</th>
                      <td>{t(`reports.${which}`)}</td>
                      <td>{formatNumber(s[which].met, language)}</td>
                      <td>{formatNumber(s[which].missed, language)}</td>
                      <td>{formatNumber(s[which].pending, language)}</td>
                      <td>{percent(s[which].share, language)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <CountTable title={t('reports.sections.outcomes')} counts={data.outcomes} labelOf={label('outcome')} />
          </section>
          {/* ACCESSIBILITY SECTION: rendered only when the figures' component is passed in (see AccessibilitySection). */}
          {Accessibility && (
            <section className="report-section" aria-labelledby="report-accessibility">
              <h2 id="report-accessibility">{t('reports.sections.accessibility')}</h2>
              <Accessibility period={period} departmentId={departmentId} />
            </section>
          )}
          <section className="report-section" aria-labelledby="report-improvements">
            <h2 id="report-improvements">{t('reports.sections.improvements')}</h2>
            <p>{t('reports.improvementsDone', { count: data.improvementsDone })}</p>
            {data.improvements.length > 0 && (
              <table className="report-table">
                <caption>{t('reports.youSaidWeDid')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.improvement')}</th>
                    <th scope="col">{t('reports.youSaid')}</th>
                    <th scope="col">{t('reports.weDid')}</th>
                    <th scope="col">{t('reports.doneOn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.improvements.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        {i.title} <small className="muted">({i.departmentName})</small>
                      </th>
                      <td>{i.youSaid ?? '–'}</td>
                      <td>{i.doneNote}</td>
                      <td>{formatDate(i.doneOn, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="report-section" aria-labelledby="report-barometer">
            <h2 id="report-barometer">{t('reports.sections.barometer')}</h2>
            <figure className="report-chart" aria-label={t('reports.barometerChart')}>
              <LineChart width={620} height={220} data={data.barometer.quarters.map((q) => ({ quarter: q.quarter, index: q.index === null ? null : Math.round(q.index * 10) / 10 }))} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="quarter" />
                <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
                <Line dataKey="index" name={t('barometer.index')} stroke="#1f5f99" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </figure>
            <table className="report-table">
              <caption>{t('barometer.tableTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('barometer.quarter')}</th>
                  <th scope="col">{t('barometer.n')}</th>
                  <th scope="col">{t('barometer.index')}</th>
                  <th scope="col">{t('barometer.reliable')}</th>
                </tr>
              </thead>
              <tbody>
                {data.barometer.quarters.map((q) => (
                  <tr key={q.quarter}>
                    <th scope="row">{q.quarter}</th>
                    <td>{formatNumber(q.n, language)}</td>
                    <td>{q.index === null ? '–' : formatNumber(Math.round(q.index * 10) / 10, language)}</td>
                    <td>{q.reliable ? t('barometer.yes') : t('barometer.notReliable')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {data.draws !== null && (
            <section className="report-section" aria-labelledby="report-draws">
              <h2 id="report-draws">{t('reports.sections.draws')}</h2>
              {data.draws.length === 0 ? (
                <p className="muted">{t('reports.noDraws', { year: data.period.from.slice(0, 4) })}</p>
              ) : (
                data.draws.map((d) => (
                  <table className="report-table" key={d.id}>
                    <caption>{t('reports.drawCaption', { pool: t(`draw.pools.${d.pool}`), id: d.id, entries: d.entryCount, fingerprint: d.fingerprint.slice(0, 16) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.place')}</th>
                        <th scope="col">{t('reports.reference')}</th>
                        <th scope="col">{t('reports.name')}</th>
                        <th scope="col">{t('reports.prize')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.winners.map((w) => (
                        <tr key={w.reference}>
                          <th scope="row">{w.place}</th>
                          <td>{w.reference}</td>
                          <td>{w.name ?? '–'}</td>
                          <td>{w.prize ?? '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ))
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}

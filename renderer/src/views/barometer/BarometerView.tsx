// The satisfaction barometer for the office, the executive and department heads: the trend chart of the index per
// quarter with its margin of error and n (unreliable quarters marked), the table of the same figures beneath it, and for
// the office the paper tally entry, the import of web votes and the way into kiosk mode; for the administrator the
// barometer's settings with this computer's kiosk set-up.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarometerQuarter, BarometerReport, Department, SessionUser } from '../../../../main/api/types.ts';
import { BAROMETER_RATINGS } from '../../../../main/vocabulary/barometer.ts';
import { call, toFailure } from '../../api.ts';
import { can } from '../../can.ts';
import { formatNumber } from '../../format.ts';
import { useAction } from '../../use-action.ts';
import { DateField } from '../DateField.tsx';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { activeChoices, SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { useDiscardGuard } from '../use-discard-guard.tsx';
import { BarometerSettingsForm } from './BarometerSettingsForm.tsx';
import { VoteImport } from './VoteImport.tsx';

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const oneDecimal = (value: number | null, language: string) => (value === null ? '–' : formatNumber(Math.round(value * 10) / 10, language));

interface Point {
  quarter: string;
  index: number | null;
  margin: [number, number] | null;
  n: number;
  reliable: boolean;
}

/** A dot per quarter: filled when reliable, hollow and grey when not (the table says so in words). */
function QuarterDot(props: { cx?: number; cy?: number; payload?: Point }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload || payload.index === null) return <g />;
  return payload.reliable ? <circle cx={cx} cy={cy} r={6} className="dot-reliable" /> : <circle cx={cx} cy={cy} r={6} className="dot-unreliable" strokeDasharray="3 2" />;
}

function TrendChart({ quarters, language }: { quarters: BarometerQuarter[]; language: string }) {
  const { t } = useTranslation();
  const data: Point[] = quarters.map((q) => ({
    quarter: q.quarter,
    index: q.index === null ? null : Math.round(q.index * 10) / 10,
    // ErrorBar takes the distance below and above the point; clipped to 0-100.
    margin: q.index === null || q.margin === null ? null : [Math.min(q.margin, q.index), Math.min(q.margin, 100 - q.index)],
    n: q.n,
    reliable: q.reliable,
  }));
  return (
    <figure className="barometer-chart" aria-label={t('barometer.chartLabel')}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="quarter" tickFormatter={(quarter: string) => quarter.replace('-', ' ')} />
          <YAxis yAxisId="index" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
          <YAxis yAxisId="n" orientation="right" allowDecimals={false} />
          <Tooltip
            itemStyle={{ color: '#1d2430' }}
            formatter={(value, name) => [typeof value === 'number' ? formatNumber(value, language) : String(value), String(name)]}
          />
          <Legend formatter={(value: string) => <span className="legend-text">{value}</span>} />
          <Bar yAxisId="n" dataKey="n" name={t('barometer.n')} className="bar-n" fill="#b4c2d4" barSize={24} />
          <Line yAxisId="index" dataKey="index" name={t('barometer.index')} stroke="#1f5f99" strokeWidth={2} connectNulls={false} dot={<QuarterDot />} isAnimationActive={false}>
            <ErrorBar dataKey="margin" width={8} strokeWidth={2} stroke="#1f5f99" direction="y" />
          </Line>
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

function ReportTable({ report, language }: { report: BarometerReport; language: string }) {
  const { t } = useTranslation();
  const percent = (share: number | null) => (share === null ? '–' : `${formatNumber(Math.round(share * 100), language)} %`);
  return (
    <table className="barometer-table">
      <caption>{t('barometer.tableTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('barometer.quarter')}</th>
          {BAROMETER_RATINGS.map((rating) => (
            <th scope="col" key={rating}>
              {t(`rating.${rating}`)}
            </th>
          ))}
          <th scope="col">{t('barometer.n')}</th>
          <th scope="col">{t('barometer.index')}</th>
          <th scope="col">{t('barometer.margin')}</th>
          <th scope="col">{t('barometer.reliable')}</th>
        </tr>
      </thead>
      <tbody>
        {[...report.quarters].reverse().map((q) => (
          <tr key={q.quarter} className={q.reliable ? undefined : 'unreliable'} data-quarter={q.quarter}>
            <th scope="row">{q.quarter}</th>
            {BAROMETER_RATINGS.map((rating) => (
              <td key={rating}>
                {formatNumber(q.counts[rating], language)} <small>({percent(q.shares[rating])})</small>
              </td>
            ))}
            <td className="n">{formatNumber(q.n, language)}</td>
            <td className="index">{oneDecimal(q.index, language)}</td>
            <td>{q.margin === null ? '–' : `± ${oneDecimal(q.margin, language)}`}</td>
            <td>{q.reliable ? t('barometer.yes') : <strong className="badge-unreliable">{t('barometer.notReliable')}</strong>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COUNT_FIELDS = ['good', 'okay', 'couldBeBetter'] as const;

function TallyForm({ departments, onSaved }: { departments: Department[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const empty = { date: localToday(), place: '', departmentId: '', good: '', okay: '', couldBeBetter: '' };
  const [draft, setDraft] = useState(empty);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState<number | null>(null);
  const action = useAction();
  // Anything typed beyond the empty form (today's date) would be lost.
  const changed = draft.place !== '' || COUNT_FIELDS.some((field) => draft[field] !== '') || draft.departmentId !== '' || draft.date !== empty.date;
  const guard = useDiscardGuard(changed, 'discard.tally');
  const set = (field: keyof typeof draft) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => without(current, field));
    setSaved(null);
  };
  const reset = () => {
    setDraft(empty);
    setProblems({});
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Problems = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) found.date = 'form.required';
    if (!draft.place.trim()) found.place = 'form.required';
    const counts = COUNT_FIELDS.map((field) => (draft[field].trim() === '' ? 0 : Number(draft[field])));
    COUNT_FIELDS.forEach((field, i) => {
      if (!Number.isInteger(counts[i]) || counts[i]! < 0 || counts[i]! > 100_000) found[field] = { key: 'form.numberRange', values: { min: 0, max: 100000 } };
    });
    if (!hasProblems(found) && counts.every((count) => count === 0)) found.good = 'errors.tally_empty';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(form);
    const result = await action.run(
      (send) =>
        send('enterPaperTally', {
          date: draft.date,
          place: draft.place.trim(),
          departmentId: draft.departmentId ? Number(draft.departmentId) : null,
          good: counts[0]!,
          okay: counts[1]!,
          couldBeBetter: counts[2]!,
        }),
      (failure) => {
        const field = errorField(failure);
        if (!field || !(field in draft)) return false;
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
        return true;
      },
    );
    if (result) {
      reset();
      setSaved(result.total);
      onSaved();
    }
  }

  const dateProblem = problems.date;
  return (
    <section className="panel tally" aria-labelledby="tally-title">
      <h2 id="tally-title">{t('barometer.tallyTitle')}</h2>
      <form noValidate onSubmit={save} onKeyDown={guard.escapeDiscards(reset, 'first')}>
        <div className="tally-fields">
          <DateField
            label={t('barometer.date')}
            required
            max={localToday()}
            value={draft.date}
            onChange={set('date')}
            error={typeof dateProblem === 'string' ? dateProblem : dateProblem ? `errors.${toFailure(dateProblem).code}` : null}
          />
          <TextField label={t('barometer.place')} name="place" value={draft.place} onChange={set('place')} error={problems.place} required maxLength={200} />
          {departments.length > 0 && (
            <SelectField label={t('barometer.department')} value={draft.departmentId} onChange={set('departmentId')} choices={activeChoices(departments, (d) => d.name)} empty={t('barometer.noDepartment')} error={problems.departmentId} />
          )}
        </div>
        <div className="tally-counts">
          {COUNT_FIELDS.map((field) => (
            <TextField key={field} label={t(`barometer.${field}`)} name={field} type="text" value={draft[field]} onChange={set(field)} error={problems[field]} autoComplete="off" className="count" />
          ))}
        </div>
        <ErrorMessage error={action.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy} aria-busy={action.busy}>
            {t('barometer.save')}
          </button>
        </div>
        {saved !== null && (
          <p className="toast" role="status">
            {t('barometer.saved', { total: saved })}
          </p>
        )}
      </form>
      {guard.dialog}
    </section>
  );
}

function KioskPanel() {
  const { t } = useTranslation();
  const opening = useAction();

  async function openKiosk() {
    const value = await opening.run(() => call('openKiosk'));
    if (value?.navigate) window.location.assign(value.navigate);
  }

  return (
    <section className="panel kiosk-panel" aria-labelledby="kiosk-panel-title">
      <h2 id="kiosk-panel-title">{t('barometer.kioskSetup')}</h2>
      <p className="hint">{t('barometer.openKioskHint')}</p>
      <button type="button" onClick={() => void openKiosk()} disabled={opening.busy} aria-busy={opening.busy}>
        {t('barometer.openKiosk')}
      </button>
      <ErrorMessage error={opening.error} />
    </section>
  );
}

export function BarometerView({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<BarometerReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [departmentId, setDepartmentId] = useState('');
  const office = can(user, 'enterPaperTally');

  const load = useCallback(() => {
    call('barometerReport', departmentId ? { departmentIds: [Number(departmentId)] } : {}).then(
      (value) => {
        setReport(value);
        setError(null);
      },
      setError,
    );
  }, [departmentId]);

  useEffect(load, [load]);
  useEffect(() => {
    if (can(user, 'listDepartments')) call('listDepartments').then(setDepartments, () => undefined);
  }, [user]);

  const visible = user.role === 'department_head' ? departments.filter((d) => user.departmentIds.includes(d.id)) : departments;
  return (
    <div className="barometer">
      <h1>{t('barometer.title')}</h1>
      <section className="panel" aria-labelledby="trend-title">
        <div className="barometer-head">
          <h2 id="trend-title">{t('barometer.trendTitle')}</h2>
          {visible.length > 0 && (
            <SelectField
              label={t('barometer.department')}
              value={departmentId}
              onChange={setDepartmentId}
              choices={visible.map((d) => ({ value: d.id, label: d.name }))}
              empty={user.role === 'department_head' ? t('barometer.ownDepartments') : t('barometer.allDepartments')}
            />
          )}
        </div>
        {report && <p className="hint">{t('barometer.trendHint', { minN: report.minN })}</p>}
        <ErrorMessage error={error} />
        {report && <TrendChart quarters={report.quarters} language={i18n.language} />}
        {report && <ReportTable report={report} language={i18n.language} />}
      </section>
      {office && <TallyForm departments={departments} onSaved={load} />}
      {office && <VoteImport onImported={load} />}
      {office && <KioskPanel />}
      {can(user, 'updateBarometerSettings') && <BarometerSettingsForm onSaved={load} />}
    </div>
  );
}

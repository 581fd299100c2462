// The accessibility figures (issue 13, point 4) for the office and the executive: our share of first responses within 1
// and 2 working days beside the imported peer figures (chart first, then the same numbers as a table), the figures per
// channel and department for a chosen quarter, phone reachability, and for the office the call log and the peer import.
// The figures are computed in main (domain/accessibility.ts); this screen only shows them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccessibilityReport, AccessRow, DeadlineShare, PeerRowError, SessionUser } from '../../../../main/api/types.ts';
import { PEER_INDICATORS } from '../../../../main/vocabulary/accessibility.ts';
import { ApiFailure, call, failure } from '../../api.ts';
import { can } from '../../can.ts';
import { formatNumber, formatPercent, recentYears } from '../../format.ts';
import { useAction } from '../../use-action.ts';
import { DateField } from '../DateField.tsx';
import { FilePicker } from '../FilePicker.tsx';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, without, type Problems } from '../TextField.tsx';
import { useDiscardGuard } from '../use-discard-guard.tsx';

/** The peer file's size limit in main (services/accessibility.ts MAX_PEER_FILE_CHARS), checked here first. */
const MAX_PEER_FILE_BYTES = 500_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Now as the date field writes it (yyyy-MM-ddTHH:mm, the office's local time). */
function localNow(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

const quarterLabel = (quarter: string) => quarter.replace(/^(\d{4})-(Q\d)$/, '$2 $1');

/** A cell with nothing to count: a dash, and the reason in words for screen readers (the legend says it for the eye). */
function Empty() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('access.empty')}</span>
    </>
  );
}

function ShareCell({ part, whole, share }: { part: number; whole: number; share: number | null }) {
  const { t, i18n } = useTranslation();
  if (share === null) return <td className="access-empty"><Empty /></td>;
  return (
    <td>
      {formatPercent(share, i18n.language)} <small className="muted">{t('access.ofCount', { part: formatNumber(part, i18n.language), whole: formatNumber(whole, i18n.language) })}</small>
    </td>
  );
}

function DeadlineCell({ value }: { value: DeadlineShare }) {
  return <ShareCell part={value.met} whole={value.counted} share={value.share} />;
}

function MedianCell({ value, n }: { value: number | null; n: number }) {
  const { t, i18n } = useTranslation();
  if (value === null) return <td className="access-empty"><Empty /></td>;
  return (
    <td>
      {formatNumber(value, i18n.language)} <small className="muted">{t('access.nOf', { n: formatNumber(n, i18n.language) })}</small>
    </td>
  );
}

function FigureRow({ row, label }: { row: AccessRow; label: string }) {
  const { i18n } = useTranslation();
  return (
    <tr data-key={row.key ?? 'all'}>
      <th scope="row">{label}</th>
      <td>{formatNumber(row.n, i18n.language)}</td>
      <ShareCell part={row.within1} whole={row.n} share={row.within1Share} />
      <ShareCell part={row.within2} whole={row.n} share={row.within2Share} />
      <MedianCell value={row.medianDaysFirstResponse} n={row.responded} />
      <MedianCell value={row.medianDaysDecision} n={row.decided} />
      <DeadlineCell value={row.acknowledgement.stage1} />
      <DeadlineCell value={row.acknowledgement.stage2} />
      <DeadlineCell value={row.response.stage1} />
      <DeadlineCell value={row.response.stage2} />
    </tr>
  );
}

function FiguresTable({ report, quarter }: { report: AccessibilityReport; quarter: string }) {
  const { t } = useTranslation();
  const rows = report.rows.filter((r) => r.quarter === quarter);
  const all = rows.find((r) => r.dimension === 'all');
  const departmentName = (key: string | null) => (key === 'none' || key === null ? t('access.noDepartment') : (report.departments.find((d) => String(d.id) === key)?.name ?? key));
  const groups = [
    { dimension: 'channel' as const, title: t('access.byChannel'), label: (key: string | null) => t(`channel.${key}`) },
    { dimension: 'department' as const, title: t('access.byDepartment'), label: departmentName },
  ];
  return (
    <div className="access-table-wrap">
      <table className="access-table">
        <caption>{t('access.tableCaption', { quarter: quarterLabel(quarter) })}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('access.group')}
            </th>
            <th scope="col" rowSpan={2}>
              {t('access.n')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('access.firstResponse')}
            </th>
            <th scope="col">{t('access.decision')}</th>
            <th scope="colgroup" colSpan={2}>
              {t('access.ackMet')}
            </th>
            <th scope="colgroup" colSpan={2}>
              {t('access.responseMet')}
            </th>
          </tr>
          <tr>
            <th scope="col">{t('access.within1')}</th>
            <th scope="col">{t('access.within2')}</th>
            <th scope="col">{t('access.median')}</th>
            <th scope="col">{t('access.median')}</th>
            <th scope="col">{t('access.stage1')}</th>
            <th scope="col">{t('access.stage2')}</th>
            <th scope="col">{t('access.stage1')}</th>
            <th scope="col">{t('access.stage2')}</th>
          </tr>
        </thead>
        <tbody>
          {all && <FigureRow row={all} label={t('access.all')} />}
        </tbody>
        {groups.map((group) => {
          const list = rows.filter((r) => r.dimension === group.dimension);
          if (list.length === 0) return null;
          return (
            <tbody key={group.dimension}>
              <tr className="access-group">
                <th scope="rowgroup" colSpan={10}>
                  {group.title}
                </th>
              </tr>
              {list.map((row) => (
                <FigureRow key={`${group.dimension}-${row.key}`} row={row} label={group.label(row.key)} />
              ))}
            </tbody>
          );
        })}
      </table>
      {all && all.n === 0 && <p className="muted">{t('access.noCases', { quarter: quarterLabel(quarter) })}</p>}
      <p className="muted small">{t('access.emptyLegend')}</p>
    </div>
  );
}

interface PeerPoint {
  name: string;
  within1: number | null;
  within2: number | null;
}

/** Ours and each peer's share within 1 and 2 working days in a year (percent, as the peer files state them). */
function peerPoints(report: AccessibilityReport, year: number, us: string): PeerPoint[] | null {
  const ours = report.years.find((y) => y.year === year);
  if (!ours) return null;
  const points: PeerPoint[] = [{ name: us, within1: ours.ours.response_within_1_day, within2: ours.ours.response_within_2_days }];
  const byPeer = new Map<string, PeerPoint>();
  for (const p of report.peers) {
    if (p.year !== year || (p.indicator !== 'response_within_1_day' && p.indicator !== 'response_within_2_days')) continue;
    const point = byPeer.get(p.peer) ?? { name: p.peer, within1: null, within2: null };
    if (p.indicator === 'response_within_1_day') point.within1 = p.value;
    else point.within2 = p.value;
    byPeer.set(p.peer, point);
  }
  return [...points, ...[...byPeer.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

function PeerComparison({ report, year }: { report: AccessibilityReport; year: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const points = peerPoints(report, year, t('access.us'));
  const pct = (value: number | null) => (value === null ? t('access.noValue') : formatPercent(value / 100, language));
  return (
    <section className="panel access-peers" aria-labelledby="access-peers-title">
      <h3 id="access-peers-title">{t('access.peersTitle', { year })}</h3>
      {points === null ? (
        <p className="muted">{t('access.noYear', { year })}</p>
      ) : (
        <>
          <figure
            className="access-chart"
            role="img"
            aria-label={t('access.chartLabel', {
              year,
              summary: points.map((p) => `${p.name}: ${t('access.within1')} ${pct(p.within1)}, ${t('access.within2')} ${pct(p.within2)}`).join('; '),
            })}
          >
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={points} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => formatPercent(v / 100, language)} width={56} />
                <Tooltip itemStyle={{ color: '#1d2430' }} formatter={(value, name) => [typeof value === 'number' ? pct(value) : t('access.noValue'), String(name)]} />
                <Legend formatter={(value: string) => <span className="legend-text">{value}</span>} />
                <Bar dataKey="within1" name={t('access.within1')} fill="#1f5f99" isAnimationActive={false} />
                <Bar dataKey="within2" name={t('access.within2')} fill="#c0641a" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          {points.length === 1 && <p className="muted">{t('access.noPeers', { year })}</p>}
          <table className="access-table compact">
            <caption>{t('access.peersCaption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.organisation')}</th>
                <th scope="col">{t('access.within1')}</th>
                <th scope="col">{t('access.within2')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.name} className={i === 0 ? 'ours' : undefined}>
                  <th scope="row">{p.name}</th>
                  <td>{pct(p.within1)}</td>
                  <td>{pct(p.within2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function PhoneFigures({ report, quarter }: { report: AccessibilityReport; quarter: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const phone = report.phone.find((p) => p.quarter === quarter);
  const of = (part: number, whole: number) => t('access.ofCount', { part: formatNumber(part, language), whole: formatNumber(whole, language) });
  return (
    <section className="access-phone" aria-labelledby="access-phone-title">
      <h3 id="access-phone-title">{t('access.phoneTitle', { quarter: quarterLabel(quarter) })}</h3>
      {!phone || phone.calls === 0 ? (
        <p className="muted">{t('access.noCalls', { quarter: quarterLabel(quarter) })}</p>
      ) : (
        <dl className="access-phone-figures">
          <div>
            <dt>{t('access.calls')}</dt>
            <dd>{formatNumber(phone.calls, language)}</dd>
          </div>
          <div>
            <dt>{t('access.reached')}</dt>
            <dd>
              {phone.reachedShare === null ? <Empty /> : formatPercent(phone.reachedShare, language)} <small className="muted">{of(phone.reached, phone.calls)}</small>
            </dd>
          </div>
          <div>
            <dt>{t('access.answeredDirectly')}</dt>
            <dd>
              {phone.answeredDirectlyShare === null ? <Empty /> : formatPercent(phone.answeredDirectlyShare, language)} <small className="muted">{of(phone.answeredDirectly, phone.calls)}</small>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function CallForm({ departments, onSaved }: { departments: { id: number; name: string }[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [initial] = useState(() => ({ calledAt: localNow(), reached: '', answered: '', departmentId: '' }));
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const changed = draft.calledAt !== initial.calledAt || draft.reached !== '' || draft.answered !== '' || draft.departmentId !== '';
  const guard = useDiscardGuard(changed, 'discard.call');
  const set = (field: keyof typeof draft) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value, ...(field === 'reached' && value === 'no' ? { answered: '' } : {}) }));
    setProblems((current) => without(current, field === 'answered' ? 'answeredDirectly' : field));
    setSaved(false);
  };
  const reset = () => {
    setDraft({ ...initial, calledAt: localNow() });
    setProblems({});
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Problems = {};
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(draft.calledAt)) found.calledAt = 'form.required';
    if (draft.reached === '') found.reached = 'form.choose';
    if (draft.reached === 'yes' && draft.answered === '') found.answeredDirectly = 'form.choose';
    setProblems(found);
    if (hasProblems(found)) return focusFirstInvalid(form);
    const result = await action.run(
      (send) =>
        send('logCall', {
          calledAt: new Date(draft.calledAt).toISOString(),
          reached: draft.reached === 'yes',
          answeredDirectly: draft.reached === 'yes' ? draft.answered === 'direct' : null,
          departmentId: draft.departmentId ? Number(draft.departmentId) : null,
        }),
      (failed) => {
        const field = errorField(failed);
        if (!field || !['calledAt', 'reached', 'answeredDirectly', 'departmentId'].includes(field)) return false;
        setProblems({ [field]: failed });
        focusFirstInvalid(form);
        return true;
      },
    );
    if (result) {
      reset();
      setSaved(true);
      onSaved();
    }
  }

  const message = (problem: unknown) => (typeof problem === 'string' ? problem : problem ? `errors.${problem instanceof ApiFailure ? problem.code : 'internal'}` : null);
  const radios = (name: 'reached' | 'answered', field: 'reached' | 'answeredDirectly', legend: string, choices: { value: string; label: string }[]) => {
    const errorId = `access-call-${field}-error`;
    return (
      <fieldset className="radios">
        <legend>{legend}</legend>
        {choices.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name={`access-call-${name}`}
              value={choice.value}
              checked={draft[name] === choice.value}
              onChange={() => set(name)(choice.value)}
              aria-invalid={problems[field] ? true : undefined}
              aria-describedby={problems[field] ? errorId : undefined}
            />
            {choice.label}
          </label>
        ))}
        <ErrorMessage error={problems[field] ?? null} id={errorId} />
      </fieldset>
    );
  };

  return (
    <section className="panel access-call" aria-labelledby="access-call-title">
      <h3 id="access-call-title">{t('access.call.title')}</h3>
      <form noValidate onSubmit={save} onKeyDown={guard.escapeDiscards(reset, 'first')}>
        <DateField label={t('access.call.calledAt')} withTime required value={draft.calledAt} onChange={set('calledAt')} error={message(problems.calledAt)} />
        {radios('reached', 'reached', t('access.call.reachedLegend'), [
          { value: 'yes', label: t('access.call.yes') },
          { value: 'no', label: t('access.call.no') },
        ])}
        {draft.reached === 'yes' &&
          radios('answered', 'answeredDirectly', t('access.call.answeredLegend'), [
            { value: 'direct', label: t('access.call.direct') },
            { value: 'passedOn', label: t('access.call.passedOn') },
          ])}
        {departments.length > 0 && (
          <SelectField
            label={t('access.call.department')}
            value={draft.departmentId}
            onChange={set('departmentId')}
            choices={departments.map((d) => ({ value: d.id, label: d.name }))}
            empty={t('access.call.noDepartment')}
            error={problems.departmentId}
          />
        )}
        <ErrorMessage error={action.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy} aria-busy={action.busy}>
            {t('access.call.save')}
          </button>
        </div>
        {saved && (
          <p className="toast" role="status">
            {t('access.call.saved')}
          </p>
        )}
      </form>
      {guard.dialog}
    </section>
  );
}

function PeerImport({ onStored }: { onStored: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [stored, setStored] = useState<number | null>(null);

  async function choose(list: FileList | null) {
    const file = list?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    setStored(null);
    if (file.size > MAX_PEER_FILE_BYTES) {
      action.fail(failure('invalid_input', { field: 'file', reason: 'peer_too_large' }));
      return;
    }
    const csv = await file.text();
    const result = await action.run((send) => send('importPeerFigures', { csv }));
    if (result) {
      setStored(result.stored);
      onStored();
    } else input.current?.focus();
  }

  const error = action.error;
  const rowErrors = error?.code === 'peer_file_invalid' && Array.isArray(error.error.details?.errors) ? (error.error.details.errors as PeerRowError[]) : [];
  const missing = error?.code === 'peer_file_invalid' && Array.isArray(error.error.details?.missing) ? (error.error.details.missing as string[]) : [];
  const tooLarge = error?.error.details?.reason === 'peer_too_large';
  return (
    <section className="panel access-import" aria-labelledby="access-import-title">
      <h3 id="access-import-title">{t('access.peers.title')}</h3>
      <p>{t('access.peers.intro')}</p>
      <p className="muted small">{t('access.peers.indicators', { list: PEER_INDICATORS.join(', ') })}</p>
      <FilePicker
        label={t('access.peers.choose')}
        ref={input}
        accept=".csv,.txt,text/csv"
        disabled={action.busy}
        invalid={!!error}
        describedBy={error ? 'access-import-error' : undefined}
        onChoose={(files) => void choose(files)}
      />
      {action.busy && <p role="status">{t('access.peers.reading')}</p>}
      {error && (
        <div id="access-import-error" className="access-import-error">
          {tooLarge ? (
            <p className="error" role="alert">
              {t('access.peers.tooLarge')}
            </p>
          ) : (
            <ErrorMessage error={error} />
          )}
          {missing.length > 0 && <p className="error">{t('access.peers.missing', { columns: missing.join(', ') })}</p>}
          {missing.length === 0 && rowErrors.length > 0 && (
            <ul className="error-list">
              {rowErrors.slice(0, 20).map((e) => (
                <li key={`${e.line}-${e.field}-${e.code}`}>
                  {t('access.peers.rowError', { line: e.line, field: t(`access.peers.column.${e.field}`), problem: t(`access.peers.problem.${e.code}`) })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {stored !== null && (
        <p className="toast" role="status">
          {t('access.peers.stored', { count: stored })}
        </p>
      )}
    </section>
  );
}

export function AccessibilityView({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const now = new Date();
  const [year, setYear] = useState(String(now.getFullYear()));
  const [quarterNumber, setQuarterNumber] = useState(String(Math.floor(now.getMonth() / 3) + 1));
  const [report, setReport] = useState<AccessibilityReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const quarter = `${year}-Q${quarterNumber}`;
  const office = can(user, 'logCall');

  useEffect(() => {
    let live = true;
    call('accessibilityReport', { from: quarter, to: quarter }).then(
      (value) => {
        if (!live) return;
        setReport(value);
        setError(null);
      },
      (failed: unknown) => live && setError(failed),
    );
    return () => {
      live = false;
    };
  }, [quarter, reloads]);

  const reload = () => setReloads((n) => n + 1);
  const shown = report && report.from === quarter ? report : null;

  return (
    <section className="access-view" aria-labelledby="access-title">
      <h2 id="access-title">{t('access.title')}</h2>
      <p className="muted">{t('access.intro')}</p>
      <div className="row access-period">
        <SelectField label={t('access.year')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: String(y), label: String(y) }))} />
        <SelectField label={t('access.quarter')} value={quarterNumber} onChange={setQuarterNumber} choices={['1', '2', '3', '4'].map((q) => ({ value: q, label: `Q${q}` }))} />
      </div>
      <ErrorMessage error={error} />
      {!shown && !error && <p className="loading">{t('app.loading')}</p>}
      {shown && (
        <>
          <PeerComparison report={shown} year={Number(year)} />
          <section className="panel" aria-labelledby="access-figures-title">
            <h3 id="access-figures-title" className="visually-hidden">
              {t('access.tableCaption', { quarter: quarterLabel(quarter) })}
            </h3>
            <FiguresTable report={shown} quarter={quarter} />
            <p className="muted small">{t('access.definitions')}</p>
          </section>
          <div className={office ? 'access-columns' : undefined}>
            <div className="panel">
              <PhoneFigures report={shown} quarter={quarter} />
            </div>
            {office && <CallForm departments={shown.departments} onSaved={reload} />}
          </div>
          {office && <PeerImport onStored={reload} />}
        </>
      )}
    </section>
  );
}

// The Prize draw screen: pick year and pool, see the eligible entries and every exclusion, prepare (freeze the list and
// print its fingerprint), then open a draw: the ceremony, the protocol and the follow-up with the winners.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawEligibility, DrawPool, SessionUser } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { can } from '../../can.ts';
import { formatDateTime, recentYears } from '../../format.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { DrawView } from './DrawView.tsx';

const POOLS: DrawPool[] = ['external', 'internal'];

export function PrizeDrawView({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  // The draw is for the year just ended until the end of March, then for the current one.
  const [year, setYear] = useState(String(new Date().getMonth() < 3 ? thisYear - 1 : thisYear));
  const [pool, setPool] = useState<DrawPool>('external');
  const [data, setData] = useState<DrawEligibility | null>(null);
  const [openDraw, setOpenDraw] = useState<number | null>(null);
  const [prizes, setPrizes] = useState([{ count: '1', description: '' }]);
  const [repeatReason, setRepeatReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problems>({});
  const canRun = can(user, 'prepareDraw');
  const { run, busy } = useSubmit();

  const load = useCallback(() => {
    call('drawEligibility', { year: Number(year), pool }).then((next) => {
      setData(next);
      setError(null);
    }, setError);
  }, [year, pool]);
  useEffect(load, [load]);

  async function prepare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Problems = {};
    prizes.forEach((prize, index) => {
      const count = Number(prize.count);
      if (!/^\d+$/.test(prize.count.trim()) || count < 1 || count > 100) found[`count-${index}`] = 'draw.prizeCountInvalid';
      if (!prize.description.trim()) found[`description-${index}`] = 'draw.prizeDescriptionRequired';
    });
    if (drawn && !repeatReason.trim()) found.repeatReason = 'draw.repeatReasonRequired';
    setProblems(found);
    setError(null);
    if (hasProblems(found)) return focusFirstInvalid(form);
    try {
      const draw = await run((send) =>
        send('prepareDraw', {
          year: Number(year),
          pool,
          prizes: prizes.map((p) => ({ count: Number(p.count), description: p.description })),
          repeatReason: repeatReason || null,
        }),
      );
      if (draw) setOpenDraw(draw.id);
    } catch (failure) {
      setError(failure);
    }
  }

  function editPrize(index: number, patch: Partial<(typeof prizes)[number]>) {
    setPrizes(prizes.map((p, i) => (i === index ? { ...p, ...patch } : p)));
    setProblems((current) => Object.keys(patch).reduce((rest, field) => without(rest, `${field}-${index}`), current));
  }

  if (openDraw !== null) {
    return (
      <DrawView
        id={openDraw}
        user={user}
        onBack={() => {
          setOpenDraw(null);
          load();
        }}
      />
    );
  }
  const drawn = data?.draws.some((d) => d.status === 'drawn') ?? false;
  const prepared = data?.draws.find((d) => d.status === 'prepared');
  return (
    <section className="draw-screen" aria-labelledby="draw-title">
      <div className="toolbar">
        <h1 id="draw-title">{t('draw.title')}</h1>
      </div>
      <div className="filters" role="group" aria-label={t('draw.choose')}>
        <SelectField label={t('draw.year')} value={year} onChange={setYear} choices={recentYears().map((y) => ({ value: y, label: String(y) }))} />
        <SelectField label={t('draw.pool')} value={pool} onChange={(value) => setPool(value as DrawPool)} choices={POOLS.map((p) => ({ value: p, label: t(`draw.pools.${p}`) }))} />
      </div>
      <ErrorMessage error={error} />
      {data && (
        <>
          {data.draws.length > 0 && (
            <section className="settings-section" aria-labelledby="draws-title">
              <h2 id="draws-title">{t('draw.draws')}</h2>
              <ul className="draw-list">
                {data.draws.map((d) => (
                  <li key={d.id}>
                    <button type="button" className="link" onClick={() => setOpenDraw(d.id)}>
                      {t('draw.drawNo', { id: d.id })}
                    </button>{' '}
                    <span className={`status draw-${d.status}`}>{t(`draw.status.${d.status}`)}</span> · {t('draw.entriesCount', { count: d.entryCount })} ·{' '}
                    {d.drawnAt ? formatDateTime(d.drawnAt, i18n.language) : formatDateTime(d.preparedAt, i18n.language)}
                    {d.repeatedBy && <span className="muted"> · {t('draw.repeatedBy', { id: d.repeatedBy })}</span>}
                    {d.repeatReason && <span className="muted"> · {t('draw.repeatOf', { id: d.repeatOf, reason: d.repeatReason })}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="settings-section" aria-labelledby="eligible-title">
            <h2 id="eligible-title">{t('draw.eligible', { count: data.entries.length })}</h2>
            {data.entries.length === 0 ? (
              <p className="muted">{t('draw.noEntries')}</p>
            ) : (
              <table className="plain">
                <thead>
                  <tr>
                    <th scope="col">{t('inbox.column.reference')}</th>
                    <th scope="col">{t('inbox.column.subject')}</th>
                    <th scope="col">{t('inbox.column.submitter')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e) => (
                    <tr key={e.caseId}>
                      <td className="reference">{e.reference}</td>
                      <td>{e.subject}</td>
                      <td>{e.name ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="settings-section" aria-labelledby="excluded-title">
            <h2 id="excluded-title">{t('draw.excluded', { count: data.exclusions.length })}</h2>
            {data.exclusions.length === 0 ? (
              <p className="muted">{t('draw.noExclusions')}</p>
            ) : (
              <ul>
                {data.exclusions.map((x) => (
                  <li key={x.caseId}>
                    <span className="reference">{x.reference}</span> – {t(`draw.reasons.${x.reason}`)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {canRun && !prepared && data.entries.length > 0 && (
            <form className="settings-section prepare-form" noValidate onSubmit={prepare} aria-labelledby="prepare-title">
              <h2 id="prepare-title">{t('draw.prepare')}</h2>
              <p className="muted">{t('draw.prepareHint')}</p>
              {prizes.map((prize, index) => (
                <div className="row" key={index} role="group" aria-label={t('draw.prizeN', { n: index + 1 })}>
                  <TextField label={t('draw.prizeCount')} type="number" min={1} max={100} required value={prize.count} onChange={(count) => editPrize(index, { count })} error={problems[`count-${index}`]} />
                  <TextField className="grow" label={t('draw.prizeDescription')} required maxLength={300} value={prize.description} onChange={(description) => editPrize(index, { description })} error={problems[`description-${index}`]} />
                </div>
              ))}
              <button type="button" onClick={() => setPrizes([...prizes, { count: '1', description: '' }])}>
                {t('draw.addPrize')}
              </button>
              {drawn && (
                <TextField
                  label={t('draw.repeatReason')}
                  required
                  rows={2}
                  value={repeatReason}
                  onChange={(value) => {
                    setRepeatReason(value);
                    setProblems((current) => without(current, 'repeatReason'));
                  }}
                  error={problems.repeatReason}
                />
              )}
              <div className="actions">
                <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
                  {t('draw.prepareButton')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}

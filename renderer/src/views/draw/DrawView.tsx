// One draw. Prepared: the frozen list and its fingerprint, printable for announcing, and the ceremony (large, for a room):
// public seed, witnesses, confirmation. Drawn: the protocol (winners, reserves, seed, witnesses), JSON export, print, and
// the follow-up: a winner notified, declined or unreachable (the next reserve moves up).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawDetail, SessionUser } from '../../../../main/api/types.ts';
import { ApiFailure, call } from '../../api.ts';
import { can } from '../../can.ts';
import { saveToDisk } from '../../download.ts';
import { formatDateTime } from '../../format.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, without, type Problems } from '../TextField.tsx';
import { printRules, RulesSheet } from './RulesSheet.tsx';

/** The seed problem the ceremony screen can see before asking main, which decides (main/domain/draw.ts normalizeSeed):
 * a lone surrogate (it has no UTF-8 bytes; \p{Cs} with the u flag matches only a lone one), or more than 500 code points
 * after NFC and trim. */
export function seedProblem(seed: string): { code: 'draw_seed_not_well_formed' | 'draw_seed_too_long'; details: Record<string, unknown> } | null {
  if (/\p{Cs}/u.test(seed)) return { code: 'draw_seed_not_well_formed', details: { field: 'seed' } };
  if ([...seed.normalize('NFC').trim()].length > SEED_MAX_CODE_POINTS) return { code: 'draw_seed_too_long', details: { field: 'seed', maxLength: SEED_MAX_CODE_POINTS } };
  return null;
}
const SEED_MAX_CODE_POINTS = 500;

/** The fingerprint in groups of four, so it can be read aloud and compared. */
export function groupedFingerprint(hex: string): string {
  return hex.match(/.{1,4}/g)!.join(' ');
}

interface Props {
  id: number;
  user: SessionUser;
  onBack: () => void;
}

export function DrawView({ id, user, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const [draw, setDraw] = useState<DrawDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ceremony, setCeremony] = useState(false);
  const [seed, setSeed] = useState('');
  const [seedError, setSeedError] = useState<unknown>(null);
  const [witnesses, setWitnesses] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  // Problems of the witnesses and the confirmation, at their fields (the seed has its own, seedError).
  const [problems, setProblems] = useState<Problems>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const canRun = can(user, 'performDraw');
  // The draw and the follow-ups write: one at a time, their buttons disabled meanwhile (a double click draws once).
  const { run, busy } = useSubmit();

  useEffect(() => {
    call('getDraw', { id }).then(setDraw, setError);
  }, [id]);

  async function perform(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draw) return;
    const form = event.currentTarget;
    setError(null);
    // An empty seed is refused by main too (draw_seed_invalid); the form says so in the same words.
    const seedIssue = seed.trim() === '' ? { code: 'draw_seed_invalid' as const, details: { field: 'seed' } } : seedProblem(seed);
    const problem = seedIssue ? new ApiFailure(seedIssue) : null;
    const witnessList = witnesses.split('\n').map((w) => w.trim()).filter(Boolean);
    const found: Problems = {};
    if (witnessList.length === 0) found.witnesses = 'draw.witnessesRequired';
    if (!confirmed) found.confirmed = 'draw.confirmRequired';
    setSeedError(problem);
    setProblems(found);
    if (problem || hasProblems(found)) return focusFirstInvalid(form);
    try {
      const drawn = await run((send) => send('performDraw', { id, seed, witnesses: witnessList, fingerprint: draw.fingerprint }));
      if (drawn) setDraw(drawn);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.error.code.startsWith('draw_seed_')) setSeedError(failure);
      else if (errorField(failure)?.startsWith('witnesses')) setProblems({ witnesses: failure });
      else return setError(failure);
      focusFirstInvalid(form);
    }
  }

  async function followUp(reference: string, type: 'notified' | 'declined' | 'unreachable') {
    setError(null);
    try {
      const next = await run((send) => send('recordWinnerFollowUp', { drawId: id, reference, type, note: notes[reference] ?? '' }));
      if (next) setDraw(next);
    } catch (failure) {
      setError(failure);
    }
  }

  /** In Electron, the protocol as a PDF file (printToPDF); elsewhere the browser's print dialog, which can save a PDF too. */
  async function savePdf() {
    setError(null);
    try {
      const file = await call('printToPdf', { fileName: `prize-draw-${draw!.year}-${draw!.pool}-${draw!.id}.pdf` });
      saveToDisk(file.fileName, file.dataBase64);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.error.code === 'print_unavailable') window.print();
      else setError(failure);
    }
  }

  async function exportJson() {
    setError(null);
    try {
      const file = await call('exportDrawProtocol', { id });
      saveToDisk(file.fileName, file.dataBase64);
    } catch (failure) {
      setError(failure);
    }
  }

  if (!draw) return error ? <ErrorMessage error={error} /> : <p>{t('app.loading')}</p>;
  const title = t('draw.heading', { year: draw.year, pool: t(`draw.pools.${draw.pool}`), id: draw.id });
  return (
    <article className={ceremony ? 'draw-view ceremony' : 'draw-view'} aria-labelledby="draw-heading">
      <div className="case-head no-print">
        <button type="button" onClick={onBack}>
          ← {t('draw.back')}
        </button>
      </div>
      <h1 id="draw-heading">{title}</h1>
      <dl className="facts">
        <div>
          <dt>{t('draw.statusLabel')}</dt>
          <dd>{t(`draw.status.${draw.status}`)}</dd>
        </div>
        <div>
          <dt>{t('draw.entriesLabel')}</dt>
          <dd>{draw.entries.length}</dd>
        </div>
        <div>
          <dt>{t('draw.prizes')}</dt>
          <dd>{draw.prizes.map((p) => `${p.count} × ${p.description}`).join('; ')}</dd>
        </div>
        <div>
          <dt>{t('draw.preparedAt')}</dt>
          <dd>{formatDateTime(draw.preparedAt, i18n.language)}</dd>
        </div>
        {draw.repeatReason && (
          <div>
            <dt>{t('draw.repeatReason')}</dt>
            <dd>{t('draw.repeatOf', { id: draw.repeatOf, reason: draw.repeatReason })}</dd>
          </div>
        )}
      </dl>
      <section className="fingerprint" aria-labelledby="fingerprint-title">
        <h2 id="fingerprint-title">{t('draw.fingerprint')}</h2>
        <p className="fingerprint-value" data-testid="fingerprint">
          {groupedFingerprint(draw.fingerprint)}
        </p>
        <p className="muted">{t('draw.fingerprintHint')}</p>
        <div className="actions no-print">
          <button type="button" onClick={printRules}>
            {t('draw.printRules')}
          </button>
        </div>
      </section>
      <RulesSheet title={title} fingerprint={groupedFingerprint(draw.fingerprint)} />

      {draw.status === 'prepared' && (
        <>
          <div className="actions no-print">
            <button type="button" onClick={() => window.print()}>
              {t('draw.printFingerprint')}
            </button>
            {canRun && !ceremony && (
              <button type="button" className="primary" onClick={() => setCeremony(true)}>
                {t('draw.startCeremony')}
              </button>
            )}
          </div>
          {ceremony && canRun && (
            <form className="ceremony-form no-print" noValidate onSubmit={perform} aria-label={t('draw.ceremony')}>
              <label>
                <span>{t('draw.seed')}</span>
                <input
                  autoFocus
                  required
                  value={seed}
                  onChange={(e) => {
                    setSeed(e.target.value);
                    setSeedError(null);
                  }}
                  aria-invalid={seedError ? true : undefined}
                  aria-describedby={seedError ? 'seed-error seed-hint' : 'seed-hint'}
                />
              </label>
              <ErrorMessage error={seedError} id="seed-error" />
              <p id="seed-hint" className="muted">
                {t('draw.seedHint')}
              </p>
              <label>
                <span>{t('draw.witnesses')}</span>
                <textarea
                  required
                  rows={3}
                  value={witnesses}
                  onChange={(e) => {
                    setWitnesses(e.target.value);
                    setProblems((current) => without(current, 'witnesses'));
                  }}
                  aria-invalid={problems.witnesses ? true : undefined}
                  aria-describedby={problems.witnesses ? 'witnesses-error' : undefined}
                />
              </label>
              <ErrorMessage error={problems.witnesses ?? null} id="witnesses-error" />
              <label className="checkbox">
                <input
                  type="checkbox"
                  required
                  checked={confirmed}
                  onChange={(e) => {
                    setConfirmed(e.target.checked);
                    setProblems((current) => without(current, 'confirmed'));
                  }}
                  aria-invalid={problems.confirmed ? true : undefined}
                  aria-describedby={problems.confirmed ? 'confirm-error' : undefined}
                />
                <span>{t('draw.confirm', { fingerprint: draw.fingerprint.slice(0, 8) })}</span>
              </label>
              <ErrorMessage error={problems.confirmed ?? null} id="confirm-error" />
              <ErrorMessage error={error} />
              <div className="actions">
                <button type="submit" className="primary big" disabled={busy} aria-busy={busy}>
                  {t('draw.drawButton')}
                </button>
              </div>
            </form>
          )}
        </>
      )}

      {draw.status === 'drawn' && (
        <>
          <section className="draw-result" aria-labelledby="winners-title">
            <h2 id="winners-title">{t('draw.winners')}</h2>
            <ol className="winners">
              {draw.winners.map((w) => (
                <li key={w.reference} value={w.place}>
                  <strong className="reference">{w.reference}</strong> {w.name ?? ''} <span className="muted">· {w.prize}</span>
                  {w.rank !== w.place && <span className="muted"> · {t('draw.movedUp', { rank: w.rank })}</span>}
                  {w.notified && <span className="status draw-drawn"> {t('draw.notified')}</span>}
                  {!w.notified && (
                    <span className="follow-up no-print">
                      <input aria-label={t('draw.noteFor', { reference: w.reference })} placeholder={t('draw.note')} value={notes[w.reference] ?? ''} onChange={(e) => setNotes({ ...notes, [w.reference]: e.target.value })} />
                      <button type="button" disabled={busy} onClick={() => void followUp(w.reference, 'notified')} aria-label={t('draw.markNotified', { reference: w.reference })}>
                        {t('draw.notifiedButton')}
                      </button>
                      <button type="button" disabled={busy} onClick={() => void followUp(w.reference, 'declined')} aria-label={t('draw.markDeclined', { reference: w.reference })}>
                        {t('draw.declinedButton')}
                      </button>
                      <button type="button" disabled={busy} onClick={() => void followUp(w.reference, 'unreachable')} aria-label={t('draw.markUnreachable', { reference: w.reference })}>
                        {t('draw.unreachableButton')}
                      </button>
                    </span>
                  )}
                  {w.letter && (
                    <details className="no-print">
                      <summary>{t('draw.letter', { channel: t(`reply.channels.${w.letter.channel}`), address: w.letter.address })}</summary>
                      <p className="print-subject">{w.letter.subject}</p>
                      <div className="letter-body">{w.letter.body}</div>
                    </details>
                  )}
                </li>
              ))}
            </ol>
            <h2>{t('draw.reserves')}</h2>
            {draw.reserves.length === 0 ? <p className="muted">–</p> : <ol className="reserves">{draw.reserves.map((r) => <li key={r}>{r}</li>)}</ol>}
            {draw.dropped.length > 0 && (
              <>
                <h2>{t('draw.dropped')}</h2>
                <ul>
                  {draw.dropped.map((d) => (
                    <li key={d.reference}>
                      {d.reference} – {t(`draw.followUp.${d.type}`)} ({t('draw.place', { place: d.place })})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <dl className="facts">
            <div>
              <dt>{t('draw.seed')}</dt>
              <dd data-testid="seed">{draw.seed}</dd>
            </div>
            <div>
              <dt>{t('draw.drawnBy')}</dt>
              <dd>
                {draw.drawnByName}, {formatDateTime(draw.drawnAt!, i18n.language)}
              </dd>
            </div>
            <div>
              <dt>{t('draw.witnesses')}</dt>
              <dd>{draw.witnesses.join(', ')}</dd>
            </div>
            <div>
              <dt>{t('draw.algorithm')}</dt>
              <dd>
                {draw.algorithm} v{draw.algorithmVersion}
              </dd>
            </div>
          </dl>
          <div className="actions no-print">
            <button type="button" onClick={() => void exportJson()}>
              {t('draw.exportJson')}
            </button>
            <button type="button" onClick={() => void savePdf()}>
              {t('draw.printProtocol')}
            </button>
          </div>
          <ErrorMessage error={error} />
          {draw.log.length > 0 && (
            <section aria-labelledby="draw-log-title">
              <h2 id="draw-log-title">{t('case.timeline')}</h2>
              <ol className="timeline" aria-labelledby="draw-log-title">
                {draw.log.map((entry) => (
                  <li key={entry.id} className="event">
                    <div className="event-head">
                      <strong>{t(`draw.followUp.${entry.type}`)}: {entry.reference}</strong>
                      <span className="muted">
                        {formatDateTime(entry.at, i18n.language)} · {entry.actorName ?? t('timeline.system')}
                      </span>
                    </div>
                    {entry.note && <p className="event-text">{entry.note}</p>}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
      <section className="entry-list" aria-labelledby="entry-list-title">
        <h2 id="entry-list-title">{t('draw.frozenList')}</h2>
        <pre className="canonical" data-testid="canonical">
          {draw.canonicalText}
        </pre>
        {draw.exclusions.length > 0 && (
          <>
            <h3>{t('draw.excluded', { count: draw.exclusions.length })}</h3>
            <ul>
              {draw.exclusions.map((x) => (
                <li key={x.caseId}>
                  {x.reference} – {t(`draw.reasons.${x.reason}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}

// The barometer's settings, for the administrator: the kiosk's repeat-press interval and the minimum number of votes for
// a reliable quarter (the office's, in its database), and this computer's kiosk set-up: whether it starts straight into
// kiosk mode and where it stands (this machine's, in its data folder: main/services/kiosk-config.ts). Esc with changes
// asks, and discarding shows the stored settings again.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarometerSettings, KioskConfig } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { useAction } from '../../use-action.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { useDiscardGuard } from '../use-discard-guard.tsx';

interface Draft {
  kioskIntervalSeconds: string;
  minN: string;
  startInKiosk: boolean;
  place: string;
}

const MAX_INTERVAL = 600;
const MAX_MIN_N = 100_000;

const draftOf = (settings: BarometerSettings, config: KioskConfig): Draft => ({
  kioskIntervalSeconds: String(settings.kioskIntervalSeconds),
  minN: String(settings.minN),
  startInKiosk: config.startInKiosk,
  place: config.place,
});

const wholeNumber = (text: string, min: number, max: number): number | null => {
  const value = text.trim() === '' ? Number.NaN : Number(text.trim());
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
};

export function BarometerSettingsForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const changed = stored !== null && draft !== null && (Object.keys(stored) as (keyof Draft)[]).some((key) => stored[key] !== draft[key]);
  const guard = useDiscardGuard(changed, 'discard.barometerSettings');

  useEffect(() => {
    Promise.all([call('getBarometerSettings'), call('getKioskConfig')]).then(([settings, config]) => {
      const value = draftOf(settings, config);
      setStored(value);
      setDraft(value);
    }, setLoadError);
  }, []);

  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) => {
      setDraft((current) => (current ? { ...current, [field]: value } : current));
      setProblems((current) => without(current, field));
      setSaved(false);
    };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const form = event.currentTarget;
    const interval = wholeNumber(draft.kioskIntervalSeconds, 0, MAX_INTERVAL);
    const minN = wholeNumber(draft.minN, 1, MAX_MIN_N);
    const found: Problems = {};
    if (interval === null) found.kioskIntervalSeconds = { key: 'form.numberRange', values: { min: 0, max: MAX_INTERVAL } };
    if (minN === null) found.minN = { key: 'form.numberRange', values: { min: 1, max: MAX_MIN_N } };
    if (!draft.place.trim()) found.place = 'form.required';
    setProblems(found);
    setSaved(false);
    if (hasProblems(found) || interval === null || minN === null) return focusFirstInvalid(form);
    const result = await action.run(
      async (send) => {
        const settings = await send('updateBarometerSettings', { kioskIntervalSeconds: interval, minN });
        // This computer's file (not the office's database): writing it again is harmless, so no request id.
        const config = await call('updateKioskConfig', { startInKiosk: draft.startInKiosk, place: draft.place.trim() });
        return draftOf(settings, config);
      },
      (failure) => {
        const field = errorField(failure);
        if (!field || !(field in draft)) return false;
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
        return true;
      },
    );
    if (result) {
      setStored(result);
      setDraft(result);
      setSaved(true);
      onSaved();
    }
  }

  function showStored() {
    setDraft(stored);
    setProblems({});
  }

  return (
    <section className="panel barometer-settings" aria-labelledby="barometer-settings-title">
      <h2 id="barometer-settings-title">{t('barometer.settings.title')}</h2>
      <ErrorMessage error={loadError} />
      {draft && (
        <form noValidate onSubmit={save} onKeyDown={guard.escapeDiscards(showStored)}>
          <fieldset>
            <legend>{t('barometer.settings.office')}</legend>
            <TextField
              label={t('barometer.settings.interval')}
              name="kioskIntervalSeconds"
              value={draft.kioskIntervalSeconds}
              onChange={set('kioskIntervalSeconds')}
              error={problems.kioskIntervalSeconds}
              autoComplete="off"
              className="count"
            />
            <TextField label={t('barometer.settings.minN')} name="minN" value={draft.minN} onChange={set('minN')} error={problems.minN} autoComplete="off" className="count" />
          </fieldset>
          <fieldset>
            <legend>{t('barometer.settings.thisComputer')}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.startInKiosk} onChange={(event) => set('startInKiosk')(event.target.checked)} />
              {t('barometer.startInKiosk')}
            </label>
            <TextField label={t('barometer.kioskPlace')} name="place" value={draft.place} onChange={set('place')} error={problems.place} required maxLength={200} />
          </fieldset>
          <ErrorMessage error={action.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={action.busy} aria-busy={action.busy}>
              {t('barometer.settings.save')}
            </button>
          </div>
          {saved && <p role="status">{t('barometer.settings.saved')}</p>}
        </form>
      )}
      {guard.dialog}
    </section>
  );
}

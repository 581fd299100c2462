// The draw's rules in plain words, for witnesses and anyone in the room: the short form of docs/prize-draw.md, translated.
// It is printed after the protocol and the fingerprint announcement, and on its own with "Print the rules".
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5'] as const;
const RULES_ONLY = 'print-rules-only';

/** Print the rules sheet alone (the app is hidden from the printout until printing ends). */
export function printRules(): void {
  document.body.classList.add(RULES_ONLY);
  const done = () => document.body.classList.remove(RULES_ONLY);
  window.addEventListener('afterprint', done, { once: true });
  try {
    window.print();
  } finally {
    // window.print() returns when the print dialog closes (or at once where there is none).
    done();
  }
}

export function RulesSheet({ title, fingerprint }: { title: string; fingerprint: string }) {
  const { t } = useTranslation();
  return createPortal(
    <section className="print-rules" aria-hidden="true" data-testid="rules-sheet">
      <h1>{t('draw.rules.title')}</h1>
      <p>{t('draw.rules.intro')}</p>
      <p>
        <strong>{t('draw.rules.thisDraw', { title })}</strong>
        <br />
        {t('draw.rules.fingerprint', { fingerprint })}
      </p>
      <h2>{t('draw.rules.steps')}</h2>
      <ol>
        {STEPS.map((step) => (
          <li key={step}>{t(`draw.rules.${step}`)}</li>
        ))}
      </ol>
      <p className="print-rules-witnesses">{t('draw.rules.witnesses')}</p>
      <p>{t('draw.rules.details')}</p>
    </section>,
    document.body,
  );
}

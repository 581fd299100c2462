// The keyboard shortcuts, opened with "?".
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from './use-modal-focus.ts';

export const SHORTCUTS = [
  ['Ctrl+N', 'shortcuts.newCase'],
  ['Ctrl+Shift+P', 'shortcuts.newPhone'],
  ['Ctrl+Shift+W', 'shortcuts.newWalkIn'],
  ['/', 'shortcuts.search'],
  ['↑ ↓', 'shortcuts.rows'],
  ['Home End PageUp PageDown', 'shortcuts.rowsJump'],
  ['Enter', 'shortcuts.open'],
  ['Space / Shift+Space / Shift+↑ ↓', 'shortcuts.select'],
  ['Ctrl+A', 'shortcuts.selectAll'],
  ['Esc / Alt+←', 'shortcuts.back'],
  ['Ctrl+Enter', 'shortcuts.save'],
  ['Alt+D', 'shortcuts.similar'],
  ['Esc', 'shortcuts.close'],
  ['?', 'shortcuts.help'],
] as const;

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useModalFocus(dialog);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="dialog help" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={dialog}>
        <h1 id="help-title">{t('shortcuts.title')}</h1>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([keys, label]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={closeButton} onClick={onClose}>
          {t('shortcuts.closeHelp')}
        </button>
      </div>
    </div>
  );
}

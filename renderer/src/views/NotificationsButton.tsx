// The bell in the header: a badge with the unread count and a popover list. Keyboard first: Enter or Space opens it
// and focuses the newest notification, arrow keys move, Esc closes and focus returns to the button. Opening an item
// marks it read and opens its case; "mark all read" marks the rest.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationItem, NotificationList } from '../../../main/api/types.ts';
import { call, callInBackground } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** How often the badge asks main for news while the window is open (deadline notifications are made on asking). */
const POLL_MS = 60_000;
const SHOWN = 30;
/** A screen that has just made main write notifications (a start screen read) tells the badge to look again. */
export const NOTIFICATIONS_CHANGED = 'ombudsdesk:notifications-changed';

const itemsIn = (panel: HTMLElement | null) => [...(panel?.querySelectorAll<HTMLElement>('[data-notification]') ?? [])];

function Bell() {
  return (
    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationsButton({ onOpenCase }: { onOpenCase: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    // The badge's own updates in the background: they must not hold up the screen's first data (see api.ts); opening
    // the list or marking read asks at once.
    (now = false) =>
      (now ? call : callInBackground)('listNotifications', { limit: SHOWN }).then(
        (value) => {
          setList(value);
          setError(null);
        },
        (failure: unknown) => setError(failure),
      ),
    [],
  );

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    window.addEventListener(NOTIFICATIONS_CHANGED, onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onFocus);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    (itemsIn(panelRef.current)[0] ?? panelRef.current?.querySelector<HTMLElement>('h2'))?.focus();
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function toggle() {
    if (!open) void load(true);
    setOpen(!open);
  }

  function onPanelKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const all = itemsIn(panelRef.current);
    if (all.length === 0) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : event.key === 'ArrowDown' ? Math.min(all.length - 1, at + 1) : Math.max(0, at - 1);
    all[next]?.focus();
  }

  async function openItem(item: NotificationItem) {
    if (busy) return;
    setBusy(true);
    try {
      if (!item.readAt) await call('markNotificationsRead', { ids: [item.id] });
      setOpen(false);
      if (item.caseId !== null) onOpenCase(item.caseId);
      else buttonRef.current?.focus();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      void load(true);
    }
  }

  async function markAll() {
    if (busy) return;
    setBusy(true);
    try {
      await call('markNotificationsRead', { all: true });
      await load(true);
      // The button is disabled now that nothing is unread: keep focus in the panel, on its title.
      panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const unread = list?.unread ?? 0;
  const message = (item: NotificationItem) =>
    t(`notifications.type.${item.type}`, {
      reference: item.reference ?? '',
      department: item.departmentName ?? t('start.none'),
      due: item.responseDue ? formatDate(item.responseDue, i18n.language) : '',
    });

  return (
    <div className="notifications">
      <button
        type="button"
        ref={buttonRef}
        className="notifications-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'notifications-panel' : undefined}
        aria-label={unread > 0 ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button')}
        onClick={toggle}
      >
        <Bell />
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notifications-panel" className="notifications-panel" role="dialog" aria-labelledby="notifications-title" ref={panelRef} onKeyDown={onPanelKey}>
          <div className="notifications-head">
            <h2 id="notifications-title" tabIndex={-1}>
              {t('notifications.title')}
            </h2>
            <button type="button" onClick={() => void markAll()} disabled={busy || unread === 0} aria-busy={busy}>
              {t('notifications.markAllRead')}
            </button>
          </div>
          <ErrorMessage error={error} />
          {!list || list.items.length === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul className="notification-list">
              {list.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    data-notification=""
                    className={item.readAt ? 'notification' : 'notification unread'}
                    disabled={busy}
                    onClick={() => void openItem(item)}
                  >
                    {!item.readAt && <span className="visually-hidden">{t('notifications.unread')}: </span>}
                    <span className="notification-text">{message(item)}</span>
                    {item.subject && <span className="notification-subject">{item.subject}</span>}
                    <span className="notification-time">{formatDateTime(item.createdAt, i18n.language)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link notifications-close" onClick={close}>
            {t('notifications.close')}
          </button>
        </div>
      )}
    </div>
  );
}

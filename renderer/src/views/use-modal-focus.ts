// A modal dialog keeps the keyboard focus inside (Tab and Shift+Tab wrap around, focus that escapes is brought back) and,
// when it closes, gives the focus back to where it was when the dialog opened: the row, button or field the user came
// from (or, if that is gone, the screen's heading), never the page body.
//
//   const dialog = useRef<HTMLDivElement>(null);
//   useModalFocus(dialog);   // call it before effects that move the focus into the dialog
//   <div ref={dialog} role="dialog" aria-modal="true" …>
//
// Dialogs stack (a confirmation over a form): only the topmost one traps the focus, and only it should react to Esc
// (isTopmostModal); one beneath gets the focus back when the one above closes.
import { useEffect, useState, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]';

/** The elements Tab stops at inside the container, in order (of a radio group only the one Tab would reach). */
export function tabbables(container: HTMLElement): HTMLElement[] {
  const all = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0,
  );
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = all.filter((other): other is HTMLInputElement => other instanceof HTMLInputElement && other.type === 'radio' && other.name === el.name);
    const checked = group.find((radio) => radio.checked);
    return checked ? checked === el : group[0] === el;
  });
}

/** The open modal dialogs, the topmost last. */
const open: RefObject<HTMLElement | null>[] = [];

/** Whether this element is (inside) the topmost open modal dialog: only that one handles Esc and the focus. */
export function isTopmostModal(element: Element | null): boolean {
  const top = open.at(-1)?.current;
  return !!element && !!top && top.contains(element);
}

/** Whether any modal dialog is open (the screen beneath then takes no shortcuts). */
export function anyModalOpen(): boolean {
  return open.length > 0;
}

/** Where the focus goes when the element it came from is gone: the main heading of the screen. */
function fallbackTarget(): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading && heading.tabIndex < 0 && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  return heading;
}

export function useModalFocus(container: RefObject<HTMLElement | null>): void {
  // Read once, at the first render, before anything inside the dialog took the focus.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));

  useEffect(() => {
    const nested = open.length > 0;
    open.push(container);
    const topmost = () => open.at(-1) === container;
    function onKeyDown(event: KeyboardEvent) {
      const dialog = container.current;
      if (event.key !== 'Tab' || !dialog || event.defaultPrevented || !topmost()) return;
      const items = tabbables(dialog);
      const active = document.activeElement;
      if (items.length === 0) {
        event.preventDefault();
        return;
      }
      const first = items[0]!;
      const last = items.at(-1)!;
      if (!dialog.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
    function onFocusIn(event: FocusEvent) {
      const dialog = container.current;
      if (!dialog || !topmost() || dialog.contains(event.target as Node)) return;
      (tabbables(dialog)[0] ?? dialog).focus();
    }
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      const at = open.lastIndexOf(container);
      if (at >= 0) open.splice(at, 1);
      // After React has removed the dialog: back to the opener if it is still there.
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body && document.activeElement.isConnected) return;
        if (opener && opener !== document.body && opener.isConnected) return opener.focus({ preventScroll: true });
        // The opener went with the dialog beneath (a confirmed "discard"): that one gives the focus back, if it closed;
        // if it is still open, its first field takes it.
        const beneath = open.at(-1)?.current;
        if (beneath) return (tabbables(beneath)[0] ?? beneath).focus({ preventScroll: true });
        if (nested) return;
        fallbackTarget()?.focus({ preventScroll: true });
      });
    };
  }, [container, opener]);
}

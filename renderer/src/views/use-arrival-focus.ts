// A screen opened in place of another (a case from the inbox, an improvement from a list) puts the focus on its heading
// when it has loaded, so the keyboard goes on from there instead of from the page body. It leaves the focus alone when
// something else already has it (a search field the user is typing in, say).
import { useCallback, useRef } from 'react';

export function useArrivalFocus(): (element: HTMLElement | null) => void {
  const done = useRef(false);
  return useCallback((element: HTMLElement | null) => {
    if (!element || done.current) return;
    done.current = true;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    element.focus({ preventScroll: true });
  }, []);
}

/**
 * Runs `load` now, and again each time the reader comes back to this page — the tab shown again
 * and, with `focus`, the window focused again — since what it shows may have changed elsewhere
 * meanwhile (another options tab, the popup, the browser's shortcuts page).
 */
import { useEffect } from 'preact/hooks';

export function useReloadOnReturn(load: () => void, { focus }: { focus: boolean }): void {
  useEffect(() => {
    load();
    const onVisible = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    if (focus) window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      if (focus) window.removeEventListener('focus', onVisible);
    };
  }, [load]);
}

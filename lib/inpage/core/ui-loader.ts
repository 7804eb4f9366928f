/**
 * Loads the in-page UI (lib/inpage/ui/ui.ts, built as entrypoints/inpage-ui.ts) on first need:
 * an import() of the extension's own file, which runs in the content script's isolated world
 * and leaves its API on that world's global object — invisible to the page's scripts, which
 * live in another world. The file is web-accessible only through Chrome's per-session dynamic
 * URL (use_dynamic_url), so a page cannot probe for it to fingerprint the extension.
 */
import { coreRuntime } from './extension-api';
import type { InpageUi } from '../ui/ui';

/** Where the UI file leaves its API (a global of the isolated world only). */
export const INPAGE_UI_KEY = Symbol.for('news-context-reader/inpage-ui');
export const INPAGE_UI_PATH = '/inpage-ui.js' as const;

let loading: Promise<InpageUi> | null = null;

export function loadInpageUi(): Promise<InpageUi> {
  if (!loading) {
    const existing = (globalThis as Record<symbol, unknown>)[INPAGE_UI_KEY] as InpageUi | undefined;
    loading = existing
      ? Promise.resolve(existing)
      : import(/* @vite-ignore */ coreRuntime().getURL(INPAGE_UI_PATH)).then(() => {
          const ui = (globalThis as Record<symbol, unknown>)[INPAGE_UI_KEY] as InpageUi | undefined;
          if (!ui) throw new Error('the in-page UI did not load');
          return ui;
        });
    // A failed load (the extension was updated under the page) may be retried later.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * Loads the in-page UI (lib/inpage/ui/ui.ts, built as entrypoints/inpage-ui.ts) on first need:
 * an import() of the extension's own file, which runs in the content script's isolated world
 * and leaves its API on that world's global object — invisible to the page's scripts, which
 * live in another world. The file is web-accessible only through Chrome's per-session dynamic
 * URL (use_dynamic_url), so a page cannot probe for it to fingerprint the extension.
 */
import { coreRuntime } from './extension-api';
import type { InpageUi } from '../ui/ui';
import type { DrawerFactory } from '../../dom/overlay';

/** Where the UI file leaves its API (a global of the isolated world only). */
export const INPAGE_UI_KEY = Symbol.for('news-context-reader/inpage-ui');
export const INPAGE_UI_PATH = '/inpage-ui.js' as const;

/** The overlay's drawer (entrypoints/overlay.ts), loaded the same way when a page is read. */
export const OVERLAY_KEY = Symbol.for('news-context-reader/overlay');

let loading: Promise<InpageUi> | null = null;

/** Import one of our files into this world; it leaves its API under `key`. */
function load<T>(path: string, key: symbol): Promise<T> {
  const got = () => (globalThis as Record<symbol, unknown>)[key] as T | undefined;
  const existing = got();
  return existing
    ? Promise.resolve(existing)
    : import(/* @vite-ignore */ coreRuntime().getURL(path)).then(() => {
        const value = got();
        if (!value) throw new Error(`${path} did not load`);
        return value;
      });
}

export function loadOverlayDrawer(): Promise<DrawerFactory> {
  return load<DrawerFactory>('/overlay.js', OVERLAY_KEY);
}

export function loadInpageUi(): Promise<InpageUi> {
  if (!loading) {
    loading = load<InpageUi>(INPAGE_UI_PATH, INPAGE_UI_KEY);
    // A failed load (the extension was updated under the page) may be retried later.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

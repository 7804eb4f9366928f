/**
 * The browser's own extension API, as the in-page core uses it — not webextension-polyfill.
 * The polyfill costs every page ~1.5 ms to set up before anything else runs (measured in
 * Chromium: a content script holding only the polyfill evaluates in 2.2 ms, an empty one in
 * 0.7 ms), and the core's whole budget on a typical page is a few milliseconds. The core needs
 * four things, the same and promise-based in Chrome (MV3) and Firefox; everything else (the
 * lazily loaded in-page UI, background, popup, options) keeps the polyfill.
 */
export interface CoreRuntime {
  readonly id: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    /** Answer with sendResponse and return true: both browsers support that form. */
    addListener(listener: (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => boolean | undefined): void;
    removeListener(listener: (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => boolean | undefined): void;
  };
}

type Namespace = { runtime?: CoreRuntime };

/** Firefox's `browser`, else Chromium's `chrome` (the same choice WXT's own `browser` makes). */
export function coreRuntime(): CoreRuntime {
  const g = globalThis as { browser?: Namespace; chrome?: Namespace };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  if (!runtime) throw new Error('not running in an extension');
  return runtime;
}

/** What the content script says on the console (debug level: a page's console is the page author's). */
export function debug(...what: unknown[]): void {
  console.debug('[news-context-reader]', ...what);
}

/**
 * Single-page apps' own navigations (history.pushState, replaceState, fragments, back and
 * forward), watched by the content script itself. Not WXT's `wxt:locationchange`: that is a DOM
 * event on window named after the public extension id, which any page can dispatch (issue 15,
 * attack 7b: five forged events, five full rescans). Here the browser's Navigation API
 * `currententrychange` (fired after the URL changed, only by the browser: `isTrusted`) or, where
 * the API is missing, a look at location.href every second; either way the change counts only
 * when location.href really differs from the last one seen, so nothing a page dispatches can
 * make the reader start over.
 */
const POLL_MS = 1_000;

export function watchLocation(win: Window, signal: AbortSignal, onChange: () => void): void {
  let last = win.location.href;
  const check = (): void => {
    const now = win.location.href;
    if (now !== last && !signal.aborted) {
      last = now;
      onChange();
    }
  };
  const navigation = (win as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', (e) => e.isTrusted && check(), { signal });
  // The interval outlives the script's end doing nothing (check looks at the signal): one per page, where the API is missing.
  else setInterval(check, POLL_MS);
}

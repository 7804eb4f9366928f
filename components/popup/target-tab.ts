/**
 * Which tab the popup is about: the active tab of the current window, or the tab named by
 * `?tabId=N` in the popup's URL (tests open popup.html in an ordinary tab and point it at
 * the article's tab).
 */
import { browser } from 'wxt/browser';

export interface TargetTab {
  id: number;
  url: string | null;
  title: string | null;
}

export function tabIdFromLocation(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

export async function resolveTargetTab(search = location.search): Promise<TargetTab | null> {
  const requested = tabIdFromLocation(search);
  const tab =
    requested !== null
      ? await browser.tabs.get(requested).catch(() => undefined)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab || tab.id === undefined || tab.id === browser.tabs.TAB_ID_NONE) return null;
  return { id: tab.id, url: tab.url ?? null, title: tab.title ?? null };
}

/** Pages a content script can run in (the manifest's matches are http/https). */
export function isReadablePage(url: string | null): boolean {
  // No URL means we could not see it; let the content script answer for itself.
  return url === null || /^https?:\/\//i.test(url);
}

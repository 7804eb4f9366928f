// Shared by the Firefox checks (smoke.ts, attacks.ts).
import type { Page } from 'puppeteer-core';
import { envelope } from '../../lib/messaging/envelope';

/**
 * Marks the content script drew on `page`: its page.stats, asked from an extension page (the page
 * itself cannot list them: they are drawn in a closed shadow root). The page becomes the active tab.
 */
export async function marksOn(options: Page, page: Page): Promise<number | null> {
  await page.bringToFront();
  return options.evaluate(async (stats: unknown) => {
    // `browser`: the WebExtension global of Firefox's extension pages.
    const api = (globalThis as any).browser;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    const reply = await api.tabs.sendMessage(tab.id, stats).catch(() => null);
    return (reply?.value?.marks as number | undefined) || null;
  }, envelope('page.stats', {}) as unknown);
}


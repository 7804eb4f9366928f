/**
 * Playwright side of the attack tests (tests/e2e/security*.spec.ts): Chromium with the built
 * extension and the three site names of tests/e2e/attack-sites.ts, and the test's own eyes on
 * the extension's UI (closed shadow roots through CDP, extension frames through Playwright) and
 * on the content script's isolated world (CDP).
 */
import type { BrowserContext, CDPSession, Frame, Page } from '@playwright/test';
import { test as base, expect, send, EXTENSION_DIR, extensionFixtures, launchWithExtension, tabIdOf, type ExtensionFixtures } from './fixtures';
import { inContentWorld } from './content-world';
import { envelope } from '../../lib/messaging/envelope';

export { tabIdOf, inContentWorld };
import { startSites, readerBackup, HOSTS, type Sites } from './attack-sites';

import { SECRETS } from './attack-sites';
import { centreOfText } from './page-text';
export { SECRETS, type Sites } from './attack-sites';

/** Chromium with the built extension, resolving the three site names to 127.0.0.1. */
export async function launchWithSites(userDataDir: string): Promise<BrowserContext> {
  const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(',');
  return launchWithExtension(userDataDir, EXTENSION_DIR, [
    `--host-resolver-rules=${rules}`,
    // http://news.test must stay http (no automatic upgrade attempts to https on these hosts).
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  ]);
}

type WorkerFixtures = { sites: Sites };

export const test = base.extend<ExtensionFixtures, WorkerFixtures>({
  sites: [
    async ({}, use) => {
      const sites = await startSites();
      await use(sites);
      await sites.close();
    },
    { scope: 'worker' },
  ],
  ...extensionFixtures(launchWithSites, 'ncr-attack-'),
});

export { expect, send };

/** Import the reader's data (readerBackup) through the protocol, as the options page does. */
export async function importReaderData(extensionPage: Page, sites: Sites, mutate?: (backup: any) => void): Promise<void> {
  const backup = readerBackup(sites) as any;
  mutate?.(backup);
  const preview = await send(extensionPage, 'import.preview', { text: JSON.stringify(backup) });
  if (!preview.ok || !preview.value.valid) throw new Error(`reader data rejected: ${JSON.stringify(preview)}`);
  const commit = await send(extensionPage, 'import.commit', { token: preview.value.token, choices: { default: 'merge', restoreSettings: false } });
  if (!commit.ok) throw new Error(`reader data not imported: ${commit.error}`);
}

// ---- the card, as the test (not the page) reads it ----------------------------------------------

/**
 * The frames of the extension's own pages inside `page` (after the fix the card is expected to be
 * an extension-origin iframe; Playwright reaches out-of-process frames in Chromium).
 */
export function extensionFrames(page: Page, extensionId: string): Frame[] {
  return page.frames().filter((f) => f.url().startsWith(`chrome-extension://${extensionId}/`));
}

interface CdpNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

function cdpText(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE') return '';
  let out = '';
  for (const c of node.children ?? []) out += cdpText(c);
  for (const s of node.shadowRoots ?? []) out += cdpText(s);
  if (/^(DIV|P|LI|H\d|HEADER|SECTION|UL|FOOTER|FORM|LABEL)$/.test(node.nodeName)) out = `${out}\n`;
  return out;
}

function closedRoots(node: CdpNode, out: CdpNode[] = []): CdpNode[] {
  for (const s of node.shadowRoots ?? []) {
    if (s.shadowRootType === 'closed') out.push(s);
    closedRoots(s, out);
  }
  for (const c of node.children ?? []) closedRoots(c, out);
  return out;
}

/**
 * Text of everything the extension shows in the page — its closed shadow roots (today's card
 * and composer) and its own frames (the card after the fix) — as a reader sees it. Read through
 * CDP and Playwright, never through the page's scripts.
 */
export async function extensionUiText(page: Page, extensionId: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const parts = closedRoots(root).map((r) => cdpText(r));
    for (const f of extensionFrames(page, extensionId)) parts.push(await f.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
    return parts.join('\n').replace(/\n+/g, '\n').trim();
  } finally {
    await cdp.detach();
  }
}

/**
 * Run `fn` on each element the extension shows (the closed roots' children through CDP, or each
 * extension frame's body) and return the results. `fn` runs in the extension's context, not the
 * page's: the test's own eyes.
 */
export async function inExtensionUi<T>(page: Page, extensionId: string, fn: (root: Element | ShadowRoot) => T): Promise<T[]> {
  const out: T[] = [];
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    for (const r of closedRoots(root)) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: r.backendNodeId })) as { object: { objectId: string } };
      const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: `function () { return (${fn.toString()})(this); }`,
        objectId: object.objectId,
        returnByValue: true,
        awaitPromise: true,
      })) as { result: { value: T }; exceptionDetails?: unknown };
      if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
      out.push(result.value);
    }
  } finally {
    await cdp.detach();
  }
  for (const f of extensionFrames(page, extensionId)) {
    out.push(await f.evaluate(`(${fn.toString()})(document.body)`) as T);
  }
  return out;
}

/**
 * Viewport rectangles (in the page's coordinates) of what `fn` finds in the extension's UI:
 * `fn` returns client rects relative to its own document; a frame's offset is added.
 */
export async function uiRects(
  page: Page,
  extensionId: string,
  fn: (root: Element | ShadowRoot) => { x: number; y: number; width: number; height: number }[],
): Promise<{ x: number; y: number; width: number; height: number }[]> {
  const out: { x: number; y: number; width: number; height: number }[] = [];
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    for (const r of closedRoots(root)) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: r.backendNodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: `function () { return (${fn.toString()})(this); }`,
        objectId: object.objectId,
        returnByValue: true,
      })) as { result: { value: { x: number; y: number; width: number; height: number }[] } };
      out.push(...(result.value ?? []));
    }
  } finally {
    await cdp.detach();
  }
  for (const f of extensionFrames(page, extensionId)) {
    const box = await (await f.frameElement()).boundingBox();
    const rects = (await f.evaluate(`(${fn.toString()})(document.body)`)) as { x: number; y: number; width: number; height: number }[];
    for (const r of rects) out.push({ ...r, x: r.x + (box?.x ?? 0), y: r.y + (box?.y ?? 0) });
  }
  return out;
}

/** Rectangles of the text `text` inside the extension's UI (one per line box). */
/** Scroll the card's content (it scrolls inside its fixed frame) so `text` is in view, as a reader would. */
export async function scrollUiTextIntoView(page: Page, extensionId: string, text: string): Promise<void> {
  for (const f of extensionFrames(page, extensionId)) {
    await f.evaluate((t) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(t)) return n.parentElement?.scrollIntoView({ block: 'center' });
    }, text);
  }
}
export function uiTextRects(page: Page, extensionId: string, text: string) {
  return uiRects(page, extensionId, new Function('root', `
    const text = ${JSON.stringify(text)};
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(text);
      if (i === -1) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      return [...r.getClientRects()].map((q) => ({ x: q.x, y: q.y, width: q.width, height: q.height }));
    }
    return [];
  `) as (root: Element | ShadowRoot) => { x: number; y: number; width: number; height: number }[]);
}

/** Wait until the extension shows the card holding `text` (the card is open and loaded). */
export async function waitForCard(page: Page, extensionId: string, text: string): Promise<string> {
  // Case aside: the card's headings are upper-cased by CSS, and a frame's text is read as rendered.
  await expect.poll(async () => (await extensionUiText(page, extensionId)).toLowerCase(), { message: `card with "${text}"` }).toContain(text.toLowerCase());
  return extensionUiText(page, extensionId);
}

/** Centre of the n-th occurrence of `text` in the page's own text (scrolled into view). */
export async function pointOf(page: Page, text: string, nth = 0): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(centreOfText, [text, nth] as const);
  if (!p) throw new Error(`text not found on page: ${text}`);
  return p;
}

/** The reader rests the pointer on a mention (a trusted hover) until the card holding `expect` shows. */
export async function hoverMention(page: Page, extensionId: string, text: string, expected: string): Promise<string> {
  const p = await pointOf(page, text);
  await page.mouse.move(p.x - 30, p.y - 40);
  await page.mouse.move(p.x, p.y, { steps: 3 });
  return waitForCard(page, extensionId, expected);
}

/**
 * Wait until the extension has marked the page (today: glossary highlights in CSS.highlights;
 * after the fix marks may be drawn where the page cannot see them, so the extension's own view
 * — `page.stats` asked of the tab's content script from an extension page — decides).
 */
export async function waitForScan(page: Page, extensionPage: Page, minMarks = 1): Promise<number> {
  await page.bringToFront();
  const tabId = await extensionPage.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (typeof tabId !== 'number') throw new Error('no tab');
  let last = -1;
  for (let i = 0; ; i++) {
    const stats = await extensionPage
      .evaluate(async (tabId) => chrome.tabs.sendMessage(tabId, { channel: 'ncr/1', type: 'page.stats', payload: {} }).catch(() => null), tabId)
      .catch(() => null);
    const marks = (stats as { ok?: boolean; value?: { marks: number } } | null)?.value?.marks ?? -1;
    if (marks >= minMarks && marks === last) return marks;
    last = marks;
    if (i > 120) throw new Error(`the page was not marked (marks: ${marks})`);
    await page.waitForTimeout(150);
  }
}

// ---- a compromised content script ---------------------------------------------------------------


/** A protocol message sent from the content script's world of `page`. */
export function fromContentScript(page: Page, type: string, payload: unknown): Promise<{ ok: boolean; value?: any; error?: string }> {
  return inContentWorld(page, `chrome.runtime.sendMessage(${JSON.stringify(envelope(type, payload))})`);
}

/** Articles of the reading index, newest first (the options page's view). */
export async function readingIndex(extensionPage: Page): Promise<{ url: string; title: string; site: string }[]> {
  const reply = await send(extensionPage, 'reading.articles', { offset: 0, limit: 500, query: '' });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value.items.map((r: any) => r.article ?? r);
}

/** The secrets that appear in a string. */
export function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

export const CARD_SECRETS = [SECRETS.rajaviNote, SECRETS.rajaviAlias, ...SECRETS.otherTitles, ...SECRETS.otherSites];

export function kit<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([fn, args]) => (window as any).kit[fn as string](...(args as unknown[])), [fn, args] as const);
}

export async function openHostile(context: import('@playwright/test').BrowserContext, extensionPage: Page, sites: Sites, path = 'state-news.html'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(sites.url('evil.test', path));
  await waitForScan(page, extensionPage);
  return page;
}

/** A bounded wait for something that must NOT happen: true if it happened within `ms`. */
export async function happens(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  return expect
    .poll(check, { timeout: ms })
    .toBe(true)
    .then(
      () => true,
      () => false,
    );
}

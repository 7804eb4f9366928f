/**
 * Keyboard and screen readers (issue 4): a shortcut steps to the next/previous mention, scrolls
 * it into view and opens its card, which takes focus and is announced (aria-live); Escape closes
 * it and gives focus back; the card mirrors on right-to-left pages; the popup's "On this page"
 * reveals an entity's first mention.
 *
 * The shortcut itself (manifest `commands`, Alt+Shift+J / Alt+Shift+K) is handled by the browser
 * UI, which Playwright's key presses do not reach: tried here, page.keyboard.press('Alt+Shift+N')
 * is delivered to the page only and opens nothing. So the tests drive the same code path the
 * background's commands.onCommand listener takes: a `mention.step` message to the tab's content
 * script, sent from an extension page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, importCorpusGlossary, sendToTab, tooltipBox, entityIds, noteOf, waitForMarkCount } from './page-compare';
import { tabIdOf, EXTENSION_DIR } from './fixtures';
import { tooltipText, shownFrame } from './shadow';
import { cardText } from './page-compare';

const SHOTS = process.env.NCR_SCREENSHOTS;

/** Rect (first line) and visibility of the n-th occurrence of `text` in the element `#id`. */
async function mentionRect(page: Page, id: string, text: string) {
  return page.evaluate(
    ([id, text]) => {
      const el = document.getElementById(id)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(text);
        if (i === -1) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + text.length);
        const rect = r.getClientRects()[0]!;
        return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom, viewport: innerHeight, scrollY };
      }
      throw new Error(`${text} not in #${id}`);
    },
    [id, text] as const,
  );
}

/** The card's heading: the name of the entity it shows. */
async function cardName(page: Page): Promise<string | null> {
  const text = await cardText(page);
  return text ? text.split('\n')[0]!.trim() : null;
}

async function activeIsHost(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const a = document.activeElement;
    return !!a && a.parentElement === document.documentElement && a !== document.body && a !== document.head;
  });
}

async function setUp(context: import('@playwright/test').BrowserContext, extensionPage: Page, url: string, marks: number) {
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(url);
  await waitForMarkCount(page, marks);
  const tabId = await tabIdOf(extensionPage, page);
  return { page, tabId, step: (direction: 'next' | 'previous') => sendToTab(extensionPage, tabId, 'mention.step', { direction }) };
}

test('next/previous step through the mentions in document order, scroll each into view, open and announce its card; Escape gives focus back', async ({ context, extensionPage, server }) => {
  const { page, step } = await setUp(context, extensionPage, server.url('keyboard.html'), 5);
  // The reader was typing in the page's search box, far down the page.
  await page.focus('#search');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));

  const order: [string, string, string][] = [
    ['m1', 'Barack Obama', 'Barack Obama'],
    ['m2', 'New Zealand', 'New Zealand'],
    ['m3', 'United Nations', 'United Nations'],
    ['m4', 'Hori Parata', 'Hori Parata'],
    ['m4', 'Treaty of Waitangi', 'Treaty of Waitangi'],
  ];
  for (const [id, text, entity] of order) {
    expect(await step('next')).toEqual({ ok: true, value: { moved: true } });
    await expect.poll(() => cardText(page), `card of ${entity}`).toContain(noteOf(entity));
    expect(await cardName(page)).toBe(entity);
    // Scrolled into view, with the card beside it.
    const r = await mentionRect(page, id, text);
    expect(r.top, `${text} in view`).toBeGreaterThanOrEqual(0);
    expect(r.bottom, `${text} in view`).toBeLessThanOrEqual(r.viewport);
    await expect.poll(async () => {
      const box = await tooltipBox(page);
      return box ? Math.round(Math.min(Math.abs(box.top - r.bottom), Math.abs(box.bottom - r.top))) : -1;
    }).toBeLessThanOrEqual(12);
    // The card holds the focus, so Tab reaches its links.
    expect(await activeIsHost(page)).toBe(true);
  }
  // And back.
  expect((await step('previous')).value).toEqual({ moved: true });
  await expect.poll(() => cardName(page)).toBe('Hori Parata');
  expect((await step('previous')).value).toEqual({ moved: true });
  await expect.poll(() => cardName(page)).toBe('United Nations');
  expect((await mentionRect(page, 'm3', 'United Nations')).top).toBeGreaterThanOrEqual(0);

  // (cardText reads the card as shadow.ts's tooltipText does, only cheaper.)
  expect(await cardText(page)).toBe(await tooltipText(page));
  // Announced: the card's content sits in a polite live region inside the extension frame.
  const shown = await shownFrame(page);
  expect(await shown!.frame.evaluate(() => document.getElementById('app')?.getAttribute('aria-live'))).toBe('polite');

  // Escape closes it and gives the focus back to the search box.
  await page.keyboard.press('Escape');
  await expect.poll(() => cardText(page)).toBeNull();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  // Typing goes where it went before.
  await page.keyboard.type('whales');
  expect(await page.inputValue('#search')).toBe('whales');
});

test('mention.reveal opens the card of the first mention of the entity asked for', async ({ context, extensionPage, server }) => {
  const { page, tabId } = await setUp(context, extensionPage, server.url('keyboard.html'), 5);
  const ids = await entityIds(extensionPage);
  const reply = await sendToTab(extensionPage, tabId, 'mention.reveal', { entityId: ids.get('Hori Parata')! });
  expect(reply).toEqual({ ok: true, value: { found: true } });
  await expect.poll(() => cardText(page)).toContain(noteOf('Hori Parata'));
  const r = await mentionRect(page, 'm4', 'Hori Parata');
  expect(r.scrollY).toBeGreaterThan(2000);
  expect(r.top).toBeGreaterThanOrEqual(0);
  expect(r.bottom).toBeLessThanOrEqual(r.viewport);
  // The next step goes on from there.
  expect((await sendToTab(extensionPage, tabId, 'mention.step', { direction: 'next' })).value).toEqual({ moved: true });
  await expect.poll(() => cardName(page)).toBe('Treaty of Waitangi');
  // An entity with no mention here: nothing found, the open card is left alone.
  expect(await sendToTab(extensionPage, tabId, 'mention.reveal', { entityId: ids.get('Sudan')! })).toEqual({ ok: true, value: { found: false } });
  expect(await cardName(page)).toBe('Treaty of Waitangi');
});

test('on a right-to-left page the card is aligned to the right edge of the mention; on a left-to-right one, to the left', async ({ context, extensionPage, server }) => {
  const { page, tabId } = await setUp(context, extensionPage, server.url('rtl.html'), 12);
  const ids = await entityIds(extensionPage);
  // United Nations: first mentioned as الأمم المتحدة, in the middle of an Arabic line.
  expect((await sendToTab(extensionPage, tabId, 'mention.reveal', { entityId: ids.get('United Nations')! })).value).toEqual({ found: true });
  await expect.poll(() => cardText(page)).toContain(noteOf('United Nations'));
  const mention = await mentionRect(page, 'ar-1', 'الأمم المتحدة');
  await expect.poll(async () => Math.round((await tooltipBox(page))?.right ?? -1)).toBe(Math.round(mention.right));
  const box = (await tooltipBox(page))!;
  expect(box.left).toBeLessThan(mention.left);
  expect(box.top).toBeGreaterThanOrEqual(mention.bottom);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/rtl-card.png` });

  // The same mention hovered: the same placement.
  await page.keyboard.press('Escape');
  await expect.poll(() => cardText(page)).toBeNull();
  await page.mouse.move((mention.left + mention.right) / 2, (mention.top + mention.bottom) / 2);
  await expect.poll(() => cardText(page)).toContain(noteOf('United Nations'));
  await expect.poll(async () => Math.round((await tooltipBox(page))?.right ?? -1)).toBe(Math.round(mention.right));

  // Left to right: aligned to the left edge.
  await page.goto(server.url('keyboard.html'));
  await waitForMarkCount(page, 5);
  const ltrTab = await tabIdOf(extensionPage, page);
  expect((await sendToTab(extensionPage, ltrTab, 'mention.reveal', { entityId: ids.get('New Zealand')! })).value).toEqual({ found: true });
  await expect.poll(() => cardText(page)).toContain(noteOf('New Zealand'));
  const ltr = await mentionRect(page, 'm2', 'New Zealand');
  await expect.poll(async () => Math.round((await tooltipBox(page))?.left ?? -1)).toBe(Math.round(ltr.left));
});

test('the manifest declares the next/previous shortcuts the steps above stand for', async () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.commands['next-mention'].suggested_key.default).toBe('Alt+Shift+J');
  expect(manifest.commands['previous-mention'].suggested_key.default).toBe('Alt+Shift+K');
});

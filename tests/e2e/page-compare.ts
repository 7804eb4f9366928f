/**
 * Helpers for the "never breaks the page" tests: the same page in a plain Chromium (no extension)
 * and in the fixture's Chromium with the extension, compared by text, DOM, element count and
 * layout boxes; where the marks were painted; the corpus glossary; talking to a tab's content
 * script the way the background and the popup do.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, send, FIXTURES, CHROMIUM_ARGS, ENTITY_MARK_NAME } from './fixtures';
import { sendToTab } from './messages';
import { shownFrame } from './shadow';
import { inContentScript } from './content-world';
// @ts-expect-error plain ESM helper shared with scripts/
import { ensureChromium } from '../../scripts/browsers.mjs';

export const VIEWPORT = { width: 1280, height: 900 };

/** The fixture `test` plus a plain Chromium (no extension), one per worker. */
export const test = base.extend<{}, { plain: Browser }>({
  plain: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});
export { expect };

// ---- glossary --------------------------------------------------------------------------------

interface GlossaryEntity {
  id: string;
  name: string;
  type: string;
  aliases: (string | { text: string; exactCase?: boolean })[];
  notes: string;
}

export const CORPUS_GLOSSARY: { entities: GlossaryEntity[] } = JSON.parse(
  readFileSync(join(FIXTURES, 'corpus-glossary.json'), 'utf8'),
);

export async function importCorpusGlossary(extensionPage: Page): Promise<void> {
  const text = await readFile(join(FIXTURES, 'corpus-glossary.json'), 'utf8');
  const reply = await send(extensionPage, 'glossary.import', { text });
  if (!reply.ok) throw new Error(`corpus glossary import failed: ${reply.error}`);
}

/** The corpus-glossary entity a marked text names (by name or alias, ignoring case). */
export function entityOfText(text: string): GlossaryEntity | undefined {
  const key = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').toLowerCase();
  const t = key(text);
  return CORPUS_GLOSSARY.entities.find((e) =>
    [e.name, ...e.aliases.map((a) => (typeof a === 'string' ? a : a.text))].some((n) => key(n) === t),
  );
}

export function noteOf(name: string): string {
  const e = CORPUS_GLOSSARY.entities.find((x) => x.name === name);
  if (!e) throw new Error(`no entity named ${name} in the corpus glossary`);
  return e.notes;
}

/** Ids the extension gave the entities, by name. */
export async function entityIds(extensionPage: Page): Promise<Map<string, string>> {
  const list = await send(extensionPage, 'entity.list', {});
  return new Map((list.value as { id: string; name: string }[]).map((e) => [e.name, e.id]));
}

// ---- network ---------------------------------------------------------------------------------

/** Abort every request that does not go to the fixture server: pages load the same in both browsers. */
export async function offline(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
}

/**
 * Real pages (the shared corpus and its copies under tests/fixtures/pages/corpus-*) are served
 * with their <script> elements removed, but some still run code: ad iframes with `srcdoc`
 * scripts that write into the top document on a timer (aktualne adds a teaser <div> some time
 * after load), inline event handlers, javascript: URLs. That makes two loads of the same page
 * differ with no extension at all. A `script-src 'none'` policy (which srcdoc frames inherit, and
 * which does not apply to the extension's content script) makes them static.
 */
export async function staticRealPages(context: BrowserContext): Promise<void> {
  await context.route(/^http:\/\/127\.0\.0\.1:\d+\/corpus[-/]/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" } });
  });
}

/** A page of the plain browser (no extension), same viewport, network cut, real pages static. */
export async function plainPage(plain: Browser): Promise<Page> {
  const context = await plain.newContext({ viewport: VIEWPORT });
  await offline(context);
  await staticRealPages(context);
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => {}));
  return page;
}

// ---- errors ----------------------------------------------------------------------------------

/**
 * Uncaught errors in the page (page scripts or the content script), and console errors and
 * warnings logged by the extension (from its scripts, or tagged with its name), from now on.
 * Console noise of the page itself (failed resource loads...) is left out: it depends on timing.
 */
export function collectErrors(page: Page): string[] {
  const out: string[] = [];
  page.on('pageerror', (e) => out.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (m.location().url.startsWith('chrome-extension://') || m.text().includes('news-context-reader')) {
      out.push(`console.${m.type()}: ${m.text()}`);
    }
  });
  return out;
}

/** Errors seen with the extension that the same page does not produce without it. */
export function extraErrors(withExt: string[], without: string[]): string[] {
  const left = [...without];
  return withExt.filter((e) => {
    const i = left.indexOf(e);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}

// ---- snapshots -------------------------------------------------------------------------------

export interface PageSnapshot {
  /** document.documentElement.outerHTML. */
  html: string;
  bodyText: string;
  docElements: number;
  bodyElements: number;
  /** Children of <html>, by tag. */
  rootChildren: string[];
  /** The overlay's hosts under <html> (left out of the other figures): 1 once the extension works on the page. */
  overlayHosts: number;
  /** One line per element of <body>: "tag#id.class x y w h" (rounded client rect, page scrolled to 0,0). */
  boxes: string[];
  formValues: string[];
  scrollSize: [number, number];
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        window.scrollTo(0, 0);
        requestAnimationFrame(() => requestAnimationFrame(() => ok()));
      }),
  );
}

/** Text, DOM and layout of the page as it stands, scrolled to the top. */
export async function snapshot(page: Page, options: { html?: boolean } = {}): Promise<PageSnapshot> {
  await settle(page);
  return page.evaluate((withHtml) => {
    const body = document.body;
    const els = body.getElementsByTagName('*');
    const boxes: string[] = [];
    for (const el of els) {
      const r = el.getBoundingClientRect();
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      boxes.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} ${Math.round(r.x)} ${Math.round(r.y)} ${Math.round(r.width)} ${Math.round(r.height)}`);
    }
    // The overlay's host (lib/dom/overlay-drawer.ts): a fixed, empty-looking <div> under <html>
    // whose closed root holds the marks; it is compared by the tests that look for it.
    const overlay = [...document.documentElement.children].filter(
      (c) => c.tagName === 'DIV' && /mix-blend-mode: *multiply *!important/.test(c.getAttribute('style') ?? ''),
    );
    let html = withHtml ? document.documentElement.outerHTML : '';
    for (const o of overlay) html = html.replace(o.outerHTML, '');
    return {
      html,
      overlayHosts: overlay.length,
      bodyText: body.textContent ?? '',
      docElements: document.getElementsByTagName('*').length - overlay.length,
      bodyElements: els.length,
      rootChildren: [...document.documentElement.children].filter((c) => !overlay.includes(c)).map((c) => c.tagName.toLowerCase()),
      boxes,
      formValues: [...document.querySelectorAll('input, textarea, select')].map((e) => (e as HTMLInputElement).value),
      scrollSize: [document.documentElement.scrollWidth, document.documentElement.scrollHeight] as [number, number],
    };
  }, options.html ?? true);
}

/** First difference between two lists or strings, readable in a failure message. */
export function firstDifference(a: string | string[], b: string | string[]): string | null {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return null;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `at ${i} (lengths ${a.length} / ${b.length}): ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 60))}`;
  }
  const x = a as string[];
  const y = b as string[];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `item ${i} of ${x.length}/${y.length}: ${JSON.stringify(x[i])} vs ${JSON.stringify(y[i])}`;
  }
  return null;
}

/** Assert two snapshots are the same page: text, DOM, element counts, every layout box. */
export function expectSamePage(withExt: PageSnapshot, without: PageSnapshot, label: string): void {
  expect(firstDifference(withExt.bodyText, without.bodyText), `${label}: body text`).toBeNull();
  expect(withExt.bodyElements, `${label}: elements in body`).toBe(without.bodyElements);
  expect(withExt.docElements, `${label}: elements in the document`).toBe(without.docElements);
  expect(withExt.rootChildren, `${label}: children of <html>`).toEqual(without.rootChildren);
  if (withExt.html || without.html) expect(firstDifference(withExt.html, without.html), `${label}: serialized DOM`).toBeNull();
  expect(withExt.formValues, `${label}: form values`).toEqual(without.formValues);
  expect(withExt.scrollSize, `${label}: scroll size`).toEqual(without.scrollSize);
  expect(firstDifference(withExt.boxes, without.boxes), `${label}: layout boxes`).toBeNull();
}

// ---- marks -----------------------------------------------------------------------------------

export interface PaintedRange {
  text: string;
  type: string;
  connected: boolean;
  collapsed: boolean;
  /** Inside input/textarea/select/option/button. */
  formControl: boolean;
  /** Inside an editable region. */
  editable: boolean;
  /** Inside display:none, visibility:hidden, content-visibility:hidden, [hidden], <template>, <noscript>. */
  hidden: boolean;
  /** Inside aria-hidden="true". */
  ariaHidden: boolean;
  /** Has at least one box on screen (layout). */
  rendered: boolean;
}

/** Every painted range, in document order, with what its containers are. */
export async function paintedRanges(page: Page): Promise<PaintedRange[]> {
  // In the content script's world, where the overlay keeps them (the page cannot list them).
  const ranges = await inContentScript(page, (pattern: string) => {
    const re = new RegExp(pattern);
    const all: { range: Range; type: string }[] = [];
    const get = (globalThis as unknown as Record<symbol, (() => [Range, string][]) | undefined>)[Symbol.for('news-context-reader/overlay-marks')];
    for (const [range, look] of get?.() ?? []) if (re.test(look)) all.push({ range, type: look.split(' ').pop()! });
    all.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    return all.map(({ range, type }) => {
      const start = range.startContainer;
      const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      let hidden = false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        if (e.hasAttribute('hidden') || e.tagName === 'TEMPLATE' || e.tagName === 'NOSCRIPT') hidden = true;
      }
      if (el && !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false })) hidden = true;
      return {
        text: range.toString(),
        type,
        connected: start.isConnected && range.endContainer.isConnected,
        collapsed: range.collapsed,
        formControl: !!el?.closest('input, textarea, select, option, button'),
        editable: !!(el as HTMLElement | null)?.isContentEditable,
        hidden,
        ariaHidden: !!el?.closest('[aria-hidden="true"]'),
        rendered: range.getClientRects().length > 0,
      };
    });
  }, ENTITY_MARK_NAME.source);
  return ranges ?? [];
}

/** Painted texts, flattened and sorted (for exact comparisons on small pages). */
export async function allMarkedTexts(page: Page): Promise<string[]> {
  return (await paintedRanges(page)).map((r) => r.text).sort();
}

/** Centre of the n-th painted mark reading `text` (scrolled into view first). */
export async function pointOfMark(page: Page, text: string, nth = 0): Promise<{ x: number; y: number }> {
  const p = await inContentScript(
    page,
    ([text, nth]: readonly [string, number]) => {
      const ranges: Range[] = [];
      const get = (globalThis as unknown as Record<symbol, (() => [Range, string][]) | undefined>)[Symbol.for('news-context-reader/overlay-marks')];
      for (const [r, look] of get?.() ?? []) if (/^(underline|background|dotted) [a-z]+$/.test(look) && r.toString() === text) ranges.push(r);
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const visible = ranges.filter((r) => r.getClientRects().length > 0);
      const range = visible[nth];
      if (!range) return null;
      const el = range.startContainer.parentElement!;
      el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    [text, nth] as const,
  );
  if (!p) throw new Error(`no painted mark reads ${JSON.stringify(text)}`);
  return p;
}

/** Wait until the number of painted marks is `n` and stays so for a moment. */
export async function waitForMarkCount(page: Page, n: number): Promise<void> {
  await expect.poll(async () => (await paintedRanges(page)).length).toBe(n);
  await page.waitForTimeout(300);
  expect((await paintedRanges(page)).length).toBe(n);
}

// ---- the content script ------------------------------------------------------------------------

/** Send one message to a tab's content script, as the background (commands) and the popup do. */
export { sendToTab };

/**
 * Wait until the content script's scan has finished: stats present and unchanged for a while.
 * A reply that does not come (a content script too busy to answer on a loaded machine) is not a
 * change: only stats that differ restart the quiet period.
 */
export async function waitForScan(extensionPage: Page, tabId: number, quietMs = 150): Promise<void> {
  const deadline = Date.now() + 40_000;
  let last = '';
  let since = Date.now();
  for (;;) {
    const reply = await sendToTab(extensionPage, tabId, 'page.stats', {}).catch(() => null);
    if (reply?.ok) {
      const key = reply.value.scans > 0 ? JSON.stringify([reply.value.scans, reply.value.characters, reply.value.marks]) : '';
      // `characters` is counted once a scan has painted everything: until then a long scan's stats
      // stay the same between its parts (marks capped, say) and only look finished. A page with
      // no text at all never counts any: it is done once its stats stay put for 2 s.
      const read = reply.value.characters > 0;
      if (key && key === last) {
        if (Date.now() - since >= (read ? quietMs : Math.max(quietMs, 2_000))) return;
      } else {
        last = key;
        since = Date.now();
      }
    }
    if (Date.now() > deadline) throw new Error(`the content script did not finish scanning (last stats ${last || 'none'})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface CdpNode {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function cdpText(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE') return '';
  let out = '';
  for (const c of node.children ?? []) out += cdpText(c);
  for (const r of node.shadowRoots ?? []) out += cdpText(r);
  return /^(DIV|P|LI|H\d|HEADER|SECTION|UL)$/.test(node.nodeName) ? `${out}\n` : out;
}

/** Rest the pointer on the mark of `name` and wait until the card says `expected`; the card's whole text. */
export async function cardOnHover(page: Page, name: string, expected: string): Promise<string> {
  const p = await pointOfMark(page, name);
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => cardText(page), { timeout: 10_000 }).toContain(expected);
  return (await cardText(page))!;
}

/**
 * The card's text, or null when none is shown: what `tooltipText` (shadow.ts) reads, without
 * fetching the whole document through CDP — only the children of <html> (where the card's host
 * lives), then the host's closed shadow tree. Much cheaper on a 10,000-element page.
 */
export async function cardText(page: Page): Promise<string | null> {
  // The card renders in an extension frame (entrypoints/card): its text is read there.
  const shown = await shownFrame(page);
  if (shown) return shown.text;
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 2 })) as { root: CdpNode };
    const html = root.children?.find((c) => c.nodeName === 'HTML');
    for (const child of html?.children ?? []) {
      if (child.nodeName === 'HEAD' || child.nodeName === 'BODY' || child.nodeType !== 1) continue;
      const { node } = (await cdp.send('DOM.describeNode', { backendNodeId: child.backendNodeId, depth: -1, pierce: true })) as { node: CdpNode & { shadowRoots?: (CdpNode & { shadowRootType?: string })[] } };
      for (const r of node.shadowRoots ?? []) {
        if (r.shadowRootType !== 'closed') continue;
        const text = cdpText(r).replace(/\n+/g, '\n').trim();
        if (text) return text;
      }
    }
    return null;
  } finally {
    await cdp.detach();
  }
}

/** The tooltip's host element box (the only element the extension adds to a page), or null. */
export async function tooltipBox(page: Page): Promise<{ left: number; right: number; top: number; bottom: number } | null> {
  return page.evaluate(() => {
    // The card's host: ours, shown (a frame loaded ahead of the card is there but hidden), not the marks' overlay.
    const host = [...document.documentElement.children].find(
      (c) => c !== document.head && c !== document.body && getComputedStyle(c).visibility !== 'hidden' && !/mix-blend-mode: *multiply/.test(c.getAttribute('style') ?? ''),
    );
    if (!host) return null;
    const r = host.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

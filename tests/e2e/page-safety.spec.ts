/**
 * "Never breaks the page" (issue 4), in Chromium with the built extension. For each fixture page
 * — real pages copied from the shared corpus (wikipedia-2 the long one) and synthetic ones (RTL,
 * aggressive CSS, form controls, hidden content, a page that keeps re-rendering, infinite scroll)
 * — the page is loaded once in a plain Chromium without the extension and once with it, and
 * compared: text, serialized DOM, element count and the layout box of every element of <body>
 * are identical; the marks are where expected and only in visible, non-editable text; the card
 * opens by mouse and by keyboard; the extension adds nothing to the page but the card's host, and
 * that only outside <body>; no error appears that the page does not produce on its own.
 *
 * Then, when ../shared/corpus/pages exists, every page of it is checked the same way for text,
 * DOM and element count, and for errors.
 */
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  importCorpusGlossary,
  offline,
  staticRealPages,
  plainPage,
  snapshot,
  expectSamePage,
  firstDifference,
  paintedRanges,
  pointOfMark,
  sendToTab,
  waitForScan,
  collectErrors,
  extraErrors,
  entityOfText,
  noteOf,
  type PageSnapshot,
} from './page-compare';
import { waitForMarks, tabIdOf, serviceWorkerOf, markedTexts, ENTITY_MARK_NAME } from './fixtures';
import { cardText } from './page-compare';
import { CORPUS_PAGES, hasCorpus } from './server';
import { overlayTexts } from './content-world';

const SHOTS = process.env.NCR_SCREENSHOTS; // a folder: save screenshots with the card open

interface Case {
  file: string;
  /** Texts that must be among the painted marks. */
  marked?: string[];
  /** Or: exactly these painted marks (sorted by the test). */
  exact?: string[];
  /** Texts that must not be painted anywhere. */
  notMarked?: string[];
  /** A painted mark to hover, and the entity whose note its card must show. */
  hover: { text: string; entity: string };
  /** Run the page's own script to a steady state before comparing (pages that change). */
  ready?: (page: Page) => Promise<void>;
}

const CASES: Case[] = [
  {
    file: 'corpus-wikipedia-2.html',
    marked: ['New Zealand', 'Māori', 'Treaty of Waitangi', 'Wellington', 'United Nations'],
    hover: { text: 'Treaty of Waitangi', entity: 'Treaty of Waitangi' },
  },
  // "Hulk Hogan" is in the page's "most read" list: furniture, not marked (issue 13).
  { file: 'corpus-bbc-1.html', marked: ['Obama', 'Barack Obama'], notMarked: ['Hulk Hogan'], hover: { text: 'Barack Obama', entity: 'Barack Obama' } },
  { file: 'corpus-nytimes-1.html', marked: ['Sudan', 'Darfur', 'Obama'], hover: { text: 'Darfur', entity: 'War in Darfur' } },
  {
    file: 'corpus-lemonde-1.html',
    marked: ['CNIL', 'CNCTR'],
    hover: { text: 'CNCTR', entity: 'Commission nationale de contrôle des techniques de renseignement' },
  },
  {
    file: 'corpus-guardian-1.html',
    // The byline ("Eleanor Ainge Roy") is not article text (Readability takes it out): not marked.
    marked: ['Hori Parata', 'Parata', 'Māori', 'New Zealand', 'Department of Conservation'],
    notMarked: ['Eleanor Ainge Roy'],
    hover: { text: 'Hori Parata', entity: 'Hori Parata' },
  },
  {
    file: 'rtl.html',
    exact: ['أوباما', 'نيوزيلندا', 'Barack Obama', 'الأمم المتحدة', 'أوباما', 'Wellington', 'אובמה', 'אובמה', 'האומות המאוחדות', 'ניו זילנד', 'اوباما', 'Hori Parata'],
    hover: { text: 'الأمم المتحدة', entity: 'United Nations' },
  },
  {
    file: 'aggressive-css.html',
    exact: ['New Zealand', 'Barack Obama', 'United Nations', 'Hori Parata', 'Wellington', 'Department of Conservation', 'Donald Trump'],
    hover: { text: 'Hori Parata', entity: 'Hori Parata' }, // in the skewed, user-select: none paragraph
  },
  {
    file: 'form-controls.html',
    exact: ['Barack Obama', 'New Zealand', 'United Nations', 'Hori Parata'],
    notMarked: ['Donald Trump', 'Hulk Hogan', 'Treaty of Waitangi', 'Sudan', 'Wellington'],
    hover: { text: 'United Nations', entity: 'United Nations' },
  },
  {
    file: 'hidden-content.html',
    // Treaty of Waitangi (aria-hidden) is checked on its own below.
    marked: ['Barack Obama', 'New Zealand', 'Wellington'],
    notMarked: ['Donald Trump', 'Hulk Hogan', 'Hori Parata', 'Google', 'Facebook', 'Twitter', 'Sudan'],
    hover: { text: 'Wellington', entity: 'Wellington' },
  },
  {
    file: 'infinite-scroll.html',
    exact: ['New Zealand', 'New Zealand', 'Hori Parata', 'Department of Conservation'],
    hover: { text: 'Department of Conservation', entity: 'Department of Conservation' },
  },
  {
    file: 're-render.html',
    // After its 10 ticks: "Donald Trump visits Wellington"; stories of Donald Trump, Hulk Hogan, Barack Obama.
    exact: ['Donald Trump', 'Wellington', 'Donald Trump', 'United Nations', 'Hulk Hogan', 'United Nations', 'Barack Obama', 'United Nations'],
    hover: { text: 'Hulk Hogan', entity: 'Hulk Hogan' },
    ready: async (page) => {
      await page.waitForFunction(() => (window as unknown as { ticksDone?: boolean }).ticksDone === true);
    },
  },
];

for (const c of CASES) {
  test(`${c.file}: same page with and without the extension; marks, card by mouse and keyboard`, async ({ context, extensionPage, server, plain }) => {
    await importCorpusGlossary(extensionPage);
    await offline(context);
    await staticRealPages(context);
    const worker = await serviceWorkerOf(context);
    const backgroundErrors: string[] = [];
    worker.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') backgroundErrors.push(m.text());
    });

    // Without the extension.
    const bare = await plainPage(plain);
    const bareErrors = collectErrors(bare);
    await bare.goto(server.url(c.file));
    await c.ready?.(bare);
    const without = await snapshot(bare);
    await bare.close();

    // With it: once the marks are painted, the page is the same page.
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url(c.file));
    await c.ready?.(page);
    await waitForMarks(page);
    const withExt = await snapshot(page);
    expectSamePage(withExt, without, c.file);

    // Marks where expected, and only in visible, non-editable text outside form controls.
    const ranges = await paintedRanges(page);
    const texts = ranges.map((r) => r.text);
    if (c.exact) expect(texts.slice().sort()).toEqual(c.exact.slice().sort());
    for (const t of c.marked ?? []) expect(texts, `${c.file}: ${t} is marked`).toContain(t);
    for (const t of c.notMarked ?? []) expect(texts, `${c.file}: ${t} is not marked`).not.toContain(t);
    for (const r of ranges) {
      expect(r, `${c.file}: mark ${JSON.stringify(r.text)}`).toMatchObject({ connected: true, collapsed: false, formControl: false, editable: false, hidden: false });
      expect(entityOfText(r.text), `${c.file}: ${JSON.stringify(r.text)} names a glossary entity`).toBeDefined();
    }
    // The same marks as the shared helper reads them, each under its entity's type.
    const byType = await markedTexts(page);
    expect(Object.values(byType).flat().sort()).toEqual(texts.slice().sort());
    for (const [type, list] of Object.entries(byType)) {
      for (const t of list) expect(entityOfText(t)?.type, `${c.file}: ${t} painted as ${type}`).toBe(type);
    }
    // Every mark is drawn in its style (the default underline); how it looks: mark-look.spec.ts.
    expect(await unstyledMarks(page), `${c.file}: marks without their style`).toEqual([]);

    // The card by mouse.
    const p = await pointOfMark(page, c.hover.text);
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => cardText(page)).toContain(noteOf(c.hover.entity));
    expect(await cardText(page)).toContain(c.hover.entity);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${c.file.replace('.html', '')}-hover.png` });

    // With the card open, the page still has the same body: the only addition is the card's
    // host, a child of <html> outside <body>.
    const open = await snapshot(page);
    expectBodyUnchanged(open, without, `${c.file} (card open)`);
    expect(open.rootChildren).toEqual([...without.rootChildren, 'div']);
    // And the overlay's host, where the marks are drawn (one, the same whatever the page holds).
    expect(open.overlayHosts).toBe(1);
    expect(open.docElements).toBe(without.docElements + 1);

    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page)).toBeNull();

    // The card by keyboard: the first mention in document order.
    await page.mouse.move(0, 0);
    const tabId = await tabIdOf(extensionPage, page);
    const first = entityOfText(ranges[0]!.text)!;
    expect((await sendToTab(extensionPage, tabId, 'mention.step', { direction: 'next' })).value).toEqual({ moved: true });
    await expect.poll(() => cardText(page)).toContain(first.notes);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page)).toBeNull();

    // No error the page does not make by itself; nothing logged by the background.
    await page.waitForTimeout(100);
    expect(extraErrors(errors, bareErrors), `${c.file}: errors with the extension only`).toEqual([]);
    expect(backgroundErrors, `${c.file}: background warnings`).toEqual([]);
  });
}

/** Painted marks not drawn in the default style (underline): "text (look)". */
async function unstyledMarks(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const [look, texts] of Object.entries(await overlayTexts(page, ENTITY_MARK_NAME))) {
    if (!look.startsWith('underline ')) out.push(...texts.map((t) => `${t} (${look})`));
  }
  return out;
}

function expectBodyUnchanged(a: PageSnapshot, b: PageSnapshot, label: string) {
  expect(firstDifference(a.bodyText, b.bodyText), `${label}: body text`).toBeNull();
  expect(a.bodyElements, `${label}: elements in body`).toBe(b.bodyElements);
  expect(firstDifference(a.boxes, b.boxes), `${label}: layout boxes`).toBeNull();
  expect(a.formValues, `${label}: form values`).toEqual(b.formValues);
}

test('the aggressive-CSS page cannot hide, restyle or shrink the card', async ({ context, extensionPage, server }) => {
  await importCorpusGlossary(extensionPage);
  await offline(context);
  await staticRealPages(context);
  const page = await context.newPage();
  await page.goto(server.url('aggressive-css.html'));
  await waitForMarks(page);
  const p = await pointOfMark(page, 'Barack Obama');
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => cardText(page)).toContain(noteOf('Barack Obama'));
  const host = await page.evaluate(() => {
    const el = [...document.documentElement.children].find((c) => c !== document.head && c !== document.body && !/mix-blend-mode: *multiply/.test(c.getAttribute('style') ?? ''))!;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { display: cs.display, visibility: cs.visibility, opacity: cs.opacity, zIndex: cs.zIndex, position: cs.position, width: r.width, height: r.height, top: r.top };
  });
  expect(host).toMatchObject({ display: 'block', visibility: 'visible', opacity: '1', zIndex: '2147483647', position: 'fixed' });
  expect(host.width).toBeGreaterThan(150);
  expect(host.height).toBeGreaterThan(60);
  // Placed under the mention, not at the page's origin.
  expect(host.top).toBeGreaterThan(p.y);
  // The card is on top: the point at its centre belongs to it, not to the page's z-index war.
  const onTop = await page.evaluate(() => {
    const el = [...document.documentElement.children].find((c) => c !== document.head && c !== document.body && !/mix-blend-mode: *multiply/.test(c.getAttribute('style') ?? ''))!;
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(20, r.height / 2)) === el;
  });
  expect(onTop).toBe(true);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/aggressive-css-card.png` });
});

test('text typed into editable regions and form fields is never marked', async ({ context, extensionPage, server }) => {
  // BUG (lib/dom/collect-text.ts skipSubtree / lib/inpage/page-reader.ts scanRoot): the
  // incremental rescan starts at the changed block (here a <p> inside, or the div of, a
  // contenteditable region) and the TreeWalker never passes its root to the filter, so the
  // "editable regions are never scanned" rule only holds for the first full scan.
  // `isScannable()` exists in collect-text.ts for this but nothing calls it.
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('form-controls.html'));
  await waitForMarks(page);
  const before = await paintedRanges(page);
  expect(before).toHaveLength(4);

  await page.fill('#search', 'Donald Trump in the search box');
  await page.fill('#comment', 'Donald Trump in the comment box');
  // The reader types in the rich editor and in the plain-text one.
  await page.click('#editor p');
  await page.keyboard.press('End');
  await page.keyboard.type(' Then Barack Obama replied.');
  await page.click('#plain-editor');
  await page.keyboard.press('End');
  await page.keyboard.type(' Wellington agreed.');
  // The page rewrites an editable region by script, too.
  await page.evaluate(() => {
    document.querySelector('#editor p:last-child')!.textContent = 'Hulk Hogan, set by script.';
  });
  // Give the change watcher time to rescan (it runs right after the mutations).
  await page.waitForTimeout(800);
  const after = await paintedRanges(page);
  expect(after.filter((r) => r.editable || r.formControl).map((r) => r.text)).toEqual([]);
  expect(after.map((r) => r.text).sort()).toEqual(before.map((r) => r.text).sort());
});

test('aria-hidden text is not marked', async ({ context, extensionPage, server }) => {
  // BUG (lib/dom/collect-text.ts, skipSubtree): its doc comment says aria-hidden="true" boxes
  // are skipped by attribute, but the code never reads aria-hidden, so text that assistive
  // technology is told to ignore is marked (and its card, opened by the keyboard shortcut,
  // announces a mention the screen reader never read).
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('hidden-content.html'));
  await waitForMarks(page);
  const ranges = await paintedRanges(page);
  expect(ranges.filter((r) => r.ariaHidden).map((r) => r.text)).toEqual([]);
  expect(ranges.map((r) => r.text)).not.toContain('Treaty of Waitangi');
});

test('text added inside a hidden container is not marked; text added visible is', async ({ context, extensionPage, server }) => {
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('hidden-content.html'));
  await waitForMarks(page);
  const count = async (t: string) => (await paintedRanges(page)).filter((r) => r.text === t).length;
  // Added inside a display:none container: not marked.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Donald Trump, added while hidden.';
    document.getElementById('display-none')!.appendChild(p);
    const q = document.createElement('p');
    q.id = 'added-visible';
    q.textContent = 'Barack Obama, added visible.';
    document.querySelector('main')!.appendChild(q);
  });
  await expect.poll(() => count('Barack Obama')).toBe(2);
  expect(await count('Donald Trump')).toBe(0);
  for (const r of await paintedRanges(page)) expect(r.hidden, r.text).toBe(false);
});

test('text revealed later (class toggled off display:none, [hidden] removed, <details> opened) gets its marks', async ({ context, extensionPage, server }) => {
  // BUG (lib/dom/change-watcher.ts start()): the MutationObserver watches childList and
  // characterData only, so text that was hidden at scan time and is revealed by an attribute
  // change — "Read more" / "Show full story" expanders, tabs, accordions, <details> — is never
  // scanned, though it is now visible text. (Observing `attributes` filtered to class, style,
  // hidden, open, and rescanning the block that changed would cover these.)
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('hidden-content.html'));
  await waitForMarks(page);
  const count = async (t: string) => (await paintedRanges(page)).filter((r) => r.text === t).length;
  expect(await count('Donald Trump')).toBe(0);
  await page.evaluate(() => {
    document.getElementById('display-none')!.classList.remove('gone');
    document.getElementById('hidden-attr')!.hidden = false;
    (document.getElementById('details') as HTMLDetailsElement).open = true;
  });
  await expect.poll(() => count('Donald Trump'), { timeout: 3_000 }).toBe(1);
  expect(await count('Hori Parata')).toBe(1);
  expect(await count('Google')).toBe(1);
});

// ---- the shared corpus --------------------------------------------------------------------------

// Pages copied into tests/fixtures/pages (corpus-<name>.html) are covered, more closely, above.
const CORPUS_FILES = hasCorpus
  ? readdirSync(CORPUS_PAGES)
      .filter((f) => f.endsWith('.html') && !CASES.some((c) => c.file === `corpus-${f}`))
      .sort()
  : [];
const SHARDS = 2;

/**
 * Runs in the page's main world before anything else: keeps the page's text, element count and
 * serialized DOM as parsed, at DOMContentLoaded — before the content script (document_idle) runs.
 * The corpus pages run no script of their own (staticRealPages), so any later difference comes
 * from the extension. (Cheaper than loading each page again in the plain browser.)
 */
function recordParsedPage() {
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      (window as unknown as { __parsed: unknown }).__parsed = {
        text: document.body?.textContent ?? '',
        elements: document.getElementsByTagName('*').length,
        html: document.documentElement.outerHTML,
      };
    },
    { once: true, capture: true },
  );
}

test.describe('shared corpus pages', () => {
  test.skip(!hasCorpus, '../shared/corpus/pages is not there');

  for (let shard = 0; shard < SHARDS; shard++) {
    test(`shard ${shard + 1}/${SHARDS}: text, DOM and element count unchanged by the extension, no errors`, async ({ context, extensionPage, server }) => {
      test.setTimeout(90_000);
      const files = CORPUS_FILES.filter((_, i) => i % SHARDS === shard);
      await importCorpusGlossary(extensionPage);
      await offline(context);
      await staticRealPages(context);
      await context.addInitScript(recordParsedPage);
      const worker = await serviceWorkerOf(context);
      const backgroundErrors: string[] = [];
      worker.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') backgroundErrors.push(m.text());
      });
      const page = await context.newPage();
      const errors = collectErrors(page);
      const tabId = await tabIdOf(extensionPage, page);
      let marked = 0;
      for (const file of files) {
        await page.goto(server.url(`corpus/${file}`), { waitUntil: 'domcontentloaded' });
        await waitForScan(extensionPage, tabId);
        const diff = await page.evaluate(() => {
          const parsed = (window as unknown as { __parsed?: { text: string; elements: number; html: string } }).__parsed;
          if (!parsed) return 'no snapshot at DOMContentLoaded';
          const out: string[] = [];
          if ((document.body?.textContent ?? '') !== parsed.text) out.push('body text changed');
          // The marks' overlay host under <html> (lib/dom/overlay-drawer.ts) is the extension's one addition.
          const overlay = [...document.documentElement.children].filter((c) => /mix-blend-mode: *multiply/.test(c.getAttribute('style') ?? ''));
          if (overlay.length !== 1) out.push(`${overlay.length} overlay hosts`);
          const elements = document.getElementsByTagName('*').length - overlay.length;
          if (elements !== parsed.elements) out.push(`element count ${parsed.elements} -> ${elements}`);
          let html = document.documentElement.outerHTML;
          for (const o of overlay) html = html.replace(o.outerHTML, '');
          if (html !== parsed.html) {
            let i = 0;
            while (i < html.length && html[i] === parsed.html[i]) i++;
            out.push(`serialized DOM changed at ${i}: ${JSON.stringify(parsed.html.slice(i - 40, i + 60))} -> ${JSON.stringify(html.slice(i - 40, i + 60))}`);
          }
          return out.join('; ');
        });
        expect(diff, file).toBe('');
        const ranges = await paintedRanges(page);
        for (const r of ranges) {
          expect(r, `${file}: mark ${JSON.stringify(r.text)}`).toMatchObject({ connected: true, collapsed: false, formControl: false, editable: false, hidden: false });
        }
        if (ranges.length) marked++;
        expect(errors, `${file}: errors`).toEqual([]);
      }
      expect(backgroundErrors, 'background warnings').toEqual([]);
      // The glossary names things most of these (English, French...) pages talk about.
      expect(marked).toBeGreaterThan(files.length / 4);
    });
  }
});

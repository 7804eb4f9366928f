/**
 * Pages that change (issue 4): added text is marked, removed text loses its marks, a page that
 * re-renders like a framework keeps correct marks and its own behaviour, and a single-page-app
 * navigation starts a new article in the reading index.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  importCorpusGlossary,
  paintedRanges,
  allMarkedTexts,
  waitForMarkCount,
  pointOfMark,
  plainPage,
  collectErrors,
  entityIds,
  noteOf,
} from './page-compare';
import { send } from './fixtures';
import { cardText } from './page-compare';

/** Every painted range is live text of the page (no stale range left from removed nodes). */
async function expectNoStaleMarks(page: Page) {
  for (const r of await paintedRanges(page)) {
    expect(r, `mark ${JSON.stringify(r.text)}`).toMatchObject({ connected: true, collapsed: false, rendered: true });
  }
}

const countOf = async (page: Page, text: string) => (await paintedRanges(page)).filter((r) => r.text === text).length;

test('infinite scroll: added posts get their marks, removed text loses them', async ({ context, extensionPage, server }) => {
  await importCorpusGlossary(extensionPage);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url('infinite-scroll.html'));
  await waitForMarkCount(page, 4);

  // "Load more": one post of 5 mentions, one of them across <em>United</em> Nations.
  await page.click('#more');
  await waitForMarkCount(page, 9);
  expect(await countOf(page, 'United Nations')).toBe(1);
  // Scrolled to the bottom: the page loads another one.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitForMarkCount(page, 14);
  await page.click('#more');
  await waitForMarkCount(page, 19);
  expect(await page.evaluate(() => (window as unknown as { appended: number }).appended)).toBe(3);
  expect(await countOf(page, 'Barack Obama')).toBe(3);
  expect(await countOf(page, 'Hori Parata')).toBe(4);

  // A card open on a post that goes away closes with it.
  const p = await pointOfMark(page, 'Barack Obama', 2);
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => cardText(page)).toContain(noteOf('Barack Obama'));
  await page.evaluate(() => document.getElementById('post-3')!.remove());
  await waitForMarkCount(page, 14);
  await expect.poll(() => cardText(page)).toBeNull();
  expect(await countOf(page, 'Barack Obama')).toBe(2);

  // One paragraph removed: its 2 mentions go.
  await page.evaluate(() => document.querySelector('#post-1 p:nth-of-type(2)')!.remove());
  await waitForMarkCount(page, 12);
  expect(await countOf(page, 'Department of Conservation')).toBe(2);
  // Text edited in place (characterData): "Hori Parata" leaves the intro, "Barack Obama" arrives.
  await page.evaluate(() => {
    const t = document.getElementById('intro')!.firstChild as Text;
    t.data = t.data.replace('Hori Parata', 'Barack Obama');
  });
  await expect.poll(() => countOf(page, 'Barack Obama')).toBe(3);
  expect(await countOf(page, 'Hori Parata')).toBe(2);
  await waitForMarkCount(page, 12);
  // A paragraph's text replaced by textContent: its marks follow.
  await page.evaluate(() => {
    document.querySelector('#post-2 p')!.textContent = 'No names here any more.';
  });
  await waitForMarkCount(page, 10);
  await expectNoStaleMarks(page);

  // A live blog: ten posts on a timer, 300 ms apart.
  await page.goto(server.url('infinite-scroll.html?live=10'));
  await page.waitForFunction(() => (window as unknown as { appended: number }).appended === 10, undefined, { timeout: 15_000 });
  await waitForMarkCount(page, 4 + 10 * 5);
  await expectNoStaleMarks(page);
  expect(errors).toEqual([]);
});

/** What the re-rendering fixture shows after `n` = ticks + clicks renders (see re-render.html). */
function reRenderMarks(n: number): string[] {
  const names = ['Barack Obama', 'Hori Parata', 'Donald Trump', 'Hulk Hogan'];
  const places = ['New Zealand', 'Wellington', 'Sudan'];
  const out = [names[n % 4]!, places[n % 3]!];
  for (let i = 0; i < 3; i++) out.push(names[(n + i) % 4]!, 'United Nations');
  return out.sort();
}

test('a page that re-renders like a framework keeps correct marks, and renders and reacts exactly as without the extension', async ({ context, extensionPage, server, plain }) => {
  await importCorpusGlossary(extensionPage);
  type App = { renderLog: string[]; appErrors: string[]; ticksDone?: boolean };
  const run = async (page: Page, check?: (n: number) => Promise<void>) => {
    await page.goto(server.url('re-render.html'));
    await page.waitForFunction(() => (window as unknown as App).ticksDone === true);
    await check?.(10);
    for (let c = 1; c <= 3; c++) {
      await page.click('#next');
      await check?.(10 + c);
    }
    return page.evaluate(() => ({
      log: (window as unknown as App).renderLog,
      appErrors: (window as unknown as App).appErrors,
      counter: document.getElementById('counter')!.textContent,
    }));
  };

  const bare = await plainPage(plain);
  const without = await run(bare);
  await bare.close();
  expect(without.log).toHaveLength(1 + 10 + 3);

  const page = await context.newPage();
  const errors = collectErrors(page);
  const withExt = await run(page, async (n) => {
    await expect.poll(() => allMarkedTexts(page), `marks after render ${n}`).toEqual(reRenderMarks(n));
    await expectNoStaleMarks(page);
  });
  // The app saw its own DOM, unchanged, at every render, and its clicks did what they do.
  expect(withExt.appErrors).toEqual([]);
  expect(withExt.log).toEqual(without.log);
  expect(withExt.counter).toBe('Clicked 3 times; tick 10');
  expect(errors).toEqual([]);

  // A card on a re-rendered headline works, and the page's button still works with the card open.
  // (The last story: its card opens below it, away from the button.)
  const p = await pointOfMark(page, 'Hulk Hogan');
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => cardText(page)).toContain(noteOf('Hulk Hogan'));
  await page.click('#next');
  expect(await page.textContent('#counter')).toBe('Clicked 4 times; tick 10');
  await expect.poll(() => allMarkedTexts(page)).toEqual(reRenderMarks(14));
});

/** URLs of the other articles that mention an entity, as its card would list them. */
async function alsoInUrls(extensionPage: Page, entityId: string, from: string): Promise<string[]> {
  const card = await send(extensionPage, 'entity.card', { entityId, pageUrl: from, canonicalHref: null });
  expect(card.ok).toBe(true);
  return (card.value!.alsoIn as { url: string }[]).map((a) => a.url).sort();
}

for (const delay of [0, 400]) {
  test(`a single-page-app navigation records a new article${delay ? ` (content arriving ${delay} ms after the URL changed)` : ''}`, async ({ context, extensionPage, server }) => {
    // With a delay, the app pushes the URL and shows the new article later (a fetch): nothing of
    // the first article may be filed under the second URL (the reader waits for the page to
    // settle, and each report replaces what was recorded for its URL).
    await importCorpusGlossary(extensionPage);
    const ids = await entityIds(extensionPage);
    const elsewhere = server.url('elsewhere.html');
    const first = server.url(delay ? `spa.html?delay=${delay}` : 'spa.html');
    const second = server.url('spa/sudan-sanctions');

    const page = await context.newPage();
    await page.goto(first);
    await waitForMarkCount(page, 2); // Hori Parata, New Zealand (not Sudan in the nav link: furniture)
    await expect.poll(() => alsoInUrls(extensionPage, ids.get('New Zealand')!, elsewhere)).toEqual([first]);

    // The card seen on the first article: nothing else read yet.
    let p = await pointOfMark(page, 'New Zealand');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => cardText(page)).toContain('No other article you have read mentions it yet.');
    await page.mouse.move(0, 0);
    await expect.poll(() => cardText(page)).toBeNull();

    await page.click('#next');
    await page.waitForURL(second);
    await expect.poll(() => allMarkedTexts(page)).toEqual(['Barack Obama', 'New Zealand', 'Sudan', 'Sudan', 'United Nations']);
    // The new URL is a new article; the first keeps its own entities.
    await expect.poll(() => alsoInUrls(extensionPage, ids.get('New Zealand')!, elsewhere), { timeout: 15_000 }).toEqual([first, second].sort());
    await expect.poll(() => alsoInUrls(extensionPage, ids.get('Barack Obama')!, elsewhere)).toEqual([second]);
    const card = await send(extensionPage, 'entity.card', { entityId: ids.get('Barack Obama')!, pageUrl: elsewhere, canonicalHref: null });
    expect(card.value!.alsoIn[0]!.title).toBe('United States to lift Sudan sanctions');
    // On the new article, the same entity's card is fetched anew: it lists the first article.
    p = await pointOfMark(page, 'New Zealand');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => cardText(page)).toContain('Whales return to Northland beaches');
    // Let any late report land, then: the first article's entity is not in the second.
    await page.waitForTimeout(2_500);
    expect(await alsoInUrls(extensionPage, ids.get('Hori Parata')!, elsewhere)).toEqual([first]);
    expect(await alsoInUrls(extensionPage, ids.get('Barack Obama')!, elsewhere)).toEqual([second]);
  });
}

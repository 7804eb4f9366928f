/**
 * The article, not its furniture (issue 13 §2), in Chromium with the built extension: on an
 * article page built like a real one (a nav menu with headlines, a share bar, a trending box, a
 * "more in" list, comments, a footer whose copyright line names entities), only the article's
 * mentions — headline, standfirst, caption, body, pull quote — are marked and recorded; with
 * "also mark menus, sidebars and comments" the furniture is marked too, and still not recorded;
 * a section front is marked and not recorded.
 */
import type { Page } from '@playwright/test';
import { test, expect, importSampleGlossary, send, waitForMarks, tabIdOf } from './fixtures';
import { cardText, sendToTab } from './page-compare';

/** The texts of the highlights whose names `highlight` matches, grouped by the fixture region around each. */
async function rangesByRegion(page: Page, highlight: RegExp, regions: readonly string[]): Promise<Record<string, string[]>> {
  return page.evaluate(
    ([source, regions]) => {
      const out: Record<string, string[]> = {};
      const wanted = new RegExp(source);
      for (const [name, h] of CSS.highlights) {
        if (!wanted.test(name)) continue;
        for (const r of h as Highlight) {
          // The nearest ancestor that is a region (a pull quote sits inside the story body).
          let region = 'other';
          for (let el = (r as Range).startContainer.parentElement; el && region === 'other'; el = el.parentElement) {
            region = regions.find((c) => el!.classList.contains(c)) ?? 'other';
          }
          (out[region] ??= []).push((r as Range).toString());
        }
      }
      return out;
    },
    [highlight.source, regions] as const,
  );
}

/** The text of every painted glossary mark, with the class of its nearest furniture/article ancestor. */
const marksByRegion = (page: Page) => rangesByRegion(page, /^ncr-(underline|background|dotted)-[a-z]+$/, [...ARTICLE_REGIONS, ...FURNITURE_REGIONS, 'section-front']);

/** Mentions the reading index recorded for the article at `url`, entity name -> count. */
async function recorded(extensionPage: Page, query: string): Promise<Record<string, number> | null> {
  const reply = await send(extensionPage, 'reading.articles', { query, limit: 10 });
  const row = reply.value?.items?.[0];
  if (!row) return null;
  return Object.fromEntries(row.entities.map((e: { name: string; count: number }) => [e.name, e.count]));
}

const ARTICLE_REGIONS = ['story-headline', 'standfirst', 'lead-image', 'story-body', 'pull-quote'];
// "supplemental" (editors' picks inside the article column) is furniture by Readability's reading
// alone: no landmark or plain class name says so, so it is left out only when detection ran.
const FURNITURE_REGIONS = ['main-nav', 'share-bar', 'supplemental', 'comments', 'trending', 'more-in', 'site-footer'];

test('on an article page the article is marked and recorded, its furniture neither', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('article-furniture.html'));
  await waitForMarks(page);
  const regions = await marksByRegion(page);
  for (const r of ARTICLE_REGIONS) expect(regions[r]?.length ?? 0, `marks in ${r}`).toBeGreaterThan(0);
  for (const r of FURNITURE_REGIONS) expect(regions[r] ?? [], `marks in ${r}`).toEqual([]);
  expect(regions['other'] ?? []).toEqual([]);

  // The reading index has the article's mentions only: counted in the fixture's article text
  // (headline, standfirst, caption, body, pull quote), not the 20 in its furniture.
  await expect.poll(() => recorded(extensionPage, 'Rouhani under pressure'), { timeout: 15_000 }).not.toBeNull();
  const counts = (await recorded(extensionPage, 'Rouhani under pressure'))!;
  expect(counts).toEqual({
    'Hassan Rouhani': 6,
    "People's Mojahedin Organization of Iran": 3,
    'Islamic Revolutionary Guard Corps': 4,
    'Maryam Rajavi': 2,
    'Ali Khamenei': 2,
    'National Council of Resistance of Iran': 2,
    '1988 massacre of Iranian political prisoners': 1,
    'Emmanuel Macron': 1,
  });

  // The popup's "on this page" counts the same.
  const found = await pageFound(extensionPage, await tabIdOf(extensionPage, page));
  expect(found.reduce((n, m) => n + m.count, 0)).toBe(21);
});

/** The tab's answer to the popup's "what is on this page". */
async function pageFound(extensionPage: Page, tabId: number): Promise<{ entityId: string; count: number }[]> {
  const reply = await sendToTab(extensionPage, tabId, 'page.found', {});
  return reply.value.mentions;
}

test('"also mark menus, sidebars and comments" marks the furniture and still records only the article', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const set = await send(extensionPage, 'settings.update', { patch: { markFurniture: true } });
  expect(set.ok).toBe(true);
  const page = await context.newPage();
  await page.goto(server.url('article-furniture.html'));
  await waitForMarks(page);
  await expect.poll(async () => Object.keys(await marksByRegion(page)).sort()).toEqual([...ARTICLE_REGIONS, ...FURNITURE_REGIONS].sort());
  await expect.poll(() => recorded(extensionPage, 'Rouhani under pressure'), { timeout: 15_000 }).not.toBeNull();
  expect((await recorded(extensionPage, 'Rouhani under pressure'))!['Hassan Rouhani']).toBe(6);
  expect((await pageFound(extensionPage, await tabIdOf(extensionPage, page))).reduce((n, m) => n + m.count, 0)).toBe(21);
});

test('keyboard stepping starts in the article, not in the site menu, even with the furniture marked', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  await send(extensionPage, 'settings.update', { patch: { markFurniture: true } });
  const page = await context.newPage();
  await page.goto(server.url('article-furniture.html'));
  await waitForMarks(page);
  await expect.poll(async () => (await marksByRegion(page))['main-nav']?.length ?? 0).toBeGreaterThan(0);
  const tabId = await tabIdOf(extensionPage, page);
  // The first mark of the page is "Khamenei" in the menu; the article's is the headline's "Rouhani".
  expect((await sendToTab(extensionPage, tabId, 'mention.step', { direction: 'next' })).value).toEqual({ moved: true });
  await expect.poll(async () => (await cardText(page))?.split('\n')[0]?.trim() ?? null).toBe('Hassan Rouhani');
});

test('text the page adds later is placed by the zone around it: new comments are not recorded', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('article-furniture.html'));
  await waitForMarks(page);
  await expect.poll(() => recorded(extensionPage, 'Rouhani under pressure'), { timeout: 15_000 }).not.toBeNull();
  // A comment and a live update arrive after the scan.
  await page.evaluate(() => {
    const li = document.createElement('li');
    li.className = 'comment';
    li.innerHTML = '<p>Rouhani and Khamenei and the MEK, again.</p>';
    document.querySelector('.comment-list')!.append(li);
    const p = document.createElement('p');
    p.textContent = 'Update: Rouhani spoke on television on Tuesday night.';
    document.querySelector('.story-body')!.append(p);
  });
  // The update's mention is recorded (the report is sent again once the page settles), not the comment's.
  await expect.poll(async () => (await recorded(extensionPage, 'Rouhani under pressure'))?.['Hassan Rouhani'], { timeout: 15_000 }).toBe(7);
  const counts = (await recorded(extensionPage, 'Rouhani under pressure'))!;
  expect(counts['Ali Khamenei']).toBe(2);
  expect(counts["People's Mojahedin Organization of Iran"]).toBe(3);
  expect((await marksByRegion(page))['comments'] ?? []).toEqual([]);
});

test('a section front is marked and not recorded as an article read', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('section-front.html'));
  await waitForMarks(page);
  const regions = await marksByRegion(page);
  expect(regions['section-front']?.length ?? 0).toBeGreaterThan(8);
  // Give the report its time (it is sent right after the scan), then check nothing was filed.
  await page.waitForTimeout(1_500);
  const all = await send(extensionPage, 'reading.articles', { limit: 50 });
  expect(all.value.total).toBe(0);
});

/** The region of every drawn suggestion (the `ncr-suggestion` highlight). */
const suggestionsByRegion = (page: Page) => rangesByRegion(page, /^ncr-suggestion$/, [...ARTICLE_REGIONS, ...FURNITURE_REGIONS, 'byline', 'kicker', 'site-header']);

for (const glossary of ['the sample glossary', 'an empty glossary'] as const) {
test(`suggestions come from the article too, with ${glossary}: none drawn or listed from the menus, rails, comments or footer`, async ({ context, extensionPage, server }) => {
  // With an empty glossary there is no marking scan: the read for suggestions finds the article itself.
  if (glossary === 'the sample glossary') await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('article-furniture.html'));
  if (glossary === 'the sample glossary') await waitForMarks(page);
  const tabId = await tabIdOf(extensionPage, page);
  const suggestions = async () =>
    ((await sendToTab(extensionPage, tabId, 'page.found', {})).value?.suggestions ?? []) as {
      name: string;
    }[];
  // The article names people the glossary lacks (a lawyer and her colleague).
  await expect.poll(async () => (await suggestions()).map((s) => s.name), { timeout: 20_000 }).toContain('Farah Nazari');
  const regions = await suggestionsByRegion(page);
  test.info().annotations.push({ type: 'suggestions', description: JSON.stringify({ regions, names: (await suggestions()).map((s) => s.name) }) });
  for (const r of [...FURNITURE_REGIONS, 'site-header']) expect(regions[r] ?? [], `suggestions in ${r}`).toEqual([]);
  // Named only in the furniture (the masthead, a trending headline, the copyright line): not suggested.
  expect((await suggestions()).map((s) => s.name).filter((n) => /Ledger|Qom/.test(n))).toEqual([]);
});
}

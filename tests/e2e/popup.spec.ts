/**
 * The popup in Chromium with the built extension. Tests open popup.html in an ordinary tab and
 * point it at the article's tab with `?tabId=N` (a real popup uses the active tab).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, importSampleGlossary, send, tabIdOf, totalMarks } from './fixtures';
import { PopupPage } from './pages/popup';
import { tooltipText } from './shadow';
import { contentScriptAnswers, sendToTab } from './messages';

/** Wait until the tab's content script answers page.found (it may still be starting). */
async function waitForContentScript(extensionPage: Page, tabId: number) {
  await expect.poll(() => contentScriptAnswers(extensionPage, tabId)).toBe(true);
}


test('lists the entities on the current page by type with their counts, most mentioned first; a click shows one', async ({
  context,
  extensionId,
  extensionPage,
  server,
}) => {
  await importSampleGlossary(extensionPage);
  const article = await context.newPage();
  await article.goto(server.url('seed-article.html'));
  await expect.poll(() => totalMarks(article)).toBeGreaterThan(0);
  const tabId = await tabIdOf(extensionPage, article);

  // What the content script itself reports, to compare the popup with.
  const reply = await sendToTab(extensionPage, tabId, 'page.found', {});
  expect(reply.ok).toBe(true);
  const reported = new Map<string, number>(reply.value.mentions.map((m: { entityId: string; count: number }) => [m.entityId, m.count]));
  expect(reported.size).toBeGreaterThan(2);

  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.pageEntities).toHaveCount(reported.size);

  const shown = await popup.pageEntities.evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-entity-id')!,
      name: el.querySelector('[data-testid="page-entity-name"]')!.textContent,
      type: el.querySelector('[data-testid="type-badge"]')!.textContent,
      count: Number(el.querySelector('[data-testid="page-entity-count"] [aria-hidden]')!.textContent),
    })),
  );
  // Same counts as the page reported; grouped by type (people, organizations, events, places,
  // other), each group sorted by count (descending) and headed by its size.
  for (const s of shown) expect(s.count).toBe(reported.get(s.id));
  const counts = shown.map((s) => s.count);
  const order = ['Person', 'Organization', 'Event', 'Place', 'Other'];
  const types = shown.map((s) => s.type);
  expect(types).toEqual([...types].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)));
  for (const type of new Set(types)) {
    const inGroup = shown.filter((s) => s.type === type).map((s) => s.count);
    expect(inGroup).toEqual([...inGroup].sort((a, b) => b - a));
  }
  const groups = await popup.page.getByTestId('page-group').evaluateAll((els) => els.map((el) => el.querySelector('h3')!.textContent!.replace(/\s+/g, ' ').trim()));
  expect(groups).toEqual([...new Set(types)].map((t) => `${{ Person: 'People', Organization: 'Organizations', Event: 'Events', Place: 'Places', Other: 'Other' }[t!]} ${types.filter((x) => x === t).length}`));
  // The sample article is about the MEK: it leads the organizations.
  expect(shown.find((s) => s.type === 'Organization')).toMatchObject({ name: "People's Mojahedin Organization of Iran" });
  expect(Math.max(...counts)).toBe(shown.find((s) => s.name === "People's Mojahedin Organization of Iran")!.count);
  expect(shown.find((s) => s.name === 'Maryam Rajavi')?.type).toBe('Person');

  // Clicking one scrolls the page to its first mention and opens its card.
  await popup.reveal('Maryam Rajavi');
  await expect.poll(() => tooltipText(article)).toContain('Maryam Rajavi');

  const total = counts.reduce((a, b) => a + b, 0);
  await expect(popup.page.getByTestId('page-summary')).toHaveText(`${shown.length} entities · ${total.toLocaleString('en-US')} mentions`);
});

test('says so when the page mentions nothing from the glossary', async ({ context, extensionId, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const article = await context.newPage();
  await article.goto(server.url('no-mentions.html'));
  const tabId = await tabIdOf(extensionPage, article);
  await waitForContentScript(extensionPage, tabId);

  const popup = await PopupPage.open(context, extensionId, tabId);
  const empty = popup.pageEmpty;
  await expect(empty).toHaveAttribute('data-reason', 'no-mentions');
  await expect(empty).toContainText('Nothing from your glossary is mentioned on this page.');
  await expect(popup.pageEntities).toHaveCount(0);
});

test('explains that browser pages are not read', async ({ context, extensionId, extensionPage }) => {
  const blank = await context.newPage(); // about:blank: no content script
  const tabId = await tabIdOf(extensionPage, blank);
  const popup = await PopupPage.open(context, extensionId, tabId);
  // Without the `tabs` permission the popup cannot see the tab's URL: the content script's
  // silence is what tells it the page is not read.
  await expect(popup.pageEmpty).toHaveAttribute('data-reason', 'not-scanned');
  await expect(popup.pageEmpty).toContainText('reads web pages only');
  await expect(popup.page.getByRole('alert')).toHaveCount(0);
});

test('shows saved notes newest first, and an empty state without any', async ({ context, extensionId, extensionPage, server }) => {
  const blank = await context.newPage();
  const tabId = await tabIdOf(extensionPage, blank);

  let popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.notesEmpty).toContainText('No saved notes yet');
  await popup.close();

  // Put two straight into the extension's database, from an extension page, as records of an
  // older version (without the fields notes have had since): the popup lists them all the same.
  const reply = await send(extensionPage, 'note.list', {}); // the background opens (and creates) the database
  expect(reply.ok, reply.error).toBe(true);
  const older = {
    id: 'note-older',
    quote: 'The MEK was founded in 1965.',
    comment: 'Check the founding year.',
    url: server.url('seed-article.html'),
    title: 'Sample article',
    createdAt: Date.UTC(2024, 0, 5, 9, 30),
  };
  const newer = {
    id: 'note-newer',
    quote: 'Forecasters expect light winds.',
    comment: '',
    url: server.url('no-mentions.html'),
    title: '',
    createdAt: Date.UTC(2024, 2, 1, 18, 0),
  };
  await extensionPage.evaluate(async (notes) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('news-context-reader');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('notes', 'readwrite');
      for (const n of notes) tx.objectStore('notes').put(n);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, [older, newer]);

  popup = await PopupPage.open(context, extensionId, tabId);
  const items = popup.notes;
  await expect(items).toHaveCount(2);
  await expect(popup.page.getByTestId('notes-count')).toHaveText('2');
  // Newest first.
  await expect(items.nth(0)).toContainText('Forecasters expect light winds.');
  await expect(items.nth(1)).toContainText('The MEK was founded in 1965.');
  await expect(items.nth(1)).toContainText('Check the founding year.');
  // The page title is a link to the page; a note without a title shows the site instead.
  await expect(items.nth(1).getByRole('link', { name: 'Sample article' })).toHaveAttribute('href', older.url);
  await expect(items.nth(0).getByRole('link', { name: '127.0.0.1' })).toHaveAttribute('href', newer.url);
  await expect(items.nth(1).locator('time')).toHaveAttribute('datetime', new Date(older.createdAt).toISOString());
});

test('links to the options page', async ({ context, extensionId }) => {
  // No tabId: the popup looks at the active tab, which here is its own (an extension page).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('page-empty')).toHaveAttribute('data-reason', 'browser-page');
  const [options] = await Promise.all([
    context.waitForEvent('page', (p) => p.url().endsWith('/options.html')),
    popup.getByRole('link', { name: 'Glossary' }).click(),
  ]);
  await expect(options.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
});

test('the switch turns the extension off for the current site, and back on', async ({ context, extensionId, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const article = await context.newPage();
  await article.goto(server.url('seed-article.html'));
  await expect.poll(() => totalMarks(article)).toBeGreaterThan(0);
  const tabId = await tabIdOf(extensionPage, article);
  const popup = await PopupPage.open(context, extensionId, tabId);

  const toggle = popup.siteSwitchButton;
  await expect(popup.siteSwitch).toContainText('On for 127.0.0.1');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(popup.siteSwitch).toContainText('Off for 127.0.0.1');
  expect((await send(extensionPage, 'settings.get', {})).value.disabledSites).toEqual(['127.0.0.1']);
  // The page drops its marks; the popup says why nothing is listed.
  await expect.poll(() => totalMarks(article)).toBe(0);
  await expect(popup.pageEmpty).toHaveAttribute('data-reason', 'site-off');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect((await send(extensionPage, 'settings.get', {})).value.disabledSites).toEqual([]);
  await expect.poll(() => totalMarks(article)).toBeGreaterThan(0);
  await expect(popup.pageEntities.first()).toBeVisible();
});

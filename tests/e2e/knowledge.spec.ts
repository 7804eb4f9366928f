/**
 * The knowledge base through the options page, in Chromium with the built extension: the
 * entity page ("what have I read about X"), merge, import with duplicates (keep both), CSV, a
 * failed import leaving everything untouched, the full-backup round trip into an empty
 * profile, settings (recording, clearing the history, persistent storage), notes rendered
 * from the safe Markdown subset, and a long virtualised list.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { BackgroundType, RequestOf, ToBackground } from '../../lib/messaging/protocol';
import { OptionsPage } from './pages/options';
import type { Settings } from '../../lib/model/settings';
import { test, expect, send, importSampleGlossary, launchWithExtension, serviceWorkerOf, tabIdOf } from './fixtures';
import { PopupPage } from './pages/popup';

const SHOTS = process.env.NCR_SCREENSHOTS;
const ISO = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2024, 4, 1, 12);

async function ok<T extends BackgroundType>(page: Page, type: T, payload: RequestOf<ToBackground, T>) {
  const reply = await send(page, type, payload);
  expect(reply.ok, reply.error).toBe(true);
  return reply.value;
}

/** Seed a profile with a backup built here (entities, articles, mentions), through the protocol. */
async function seed(page: Page, backup: object) {
  const preview = await ok(page, 'import.preview', { text: JSON.stringify(backup) });
  expect(preview.valid, JSON.stringify(preview.valid ? undefined : preview.errors)).toBe(true);
  if (!preview.valid) throw new Error('invalid backup');
  return ok(page, 'import.commit', { token: preview.token, choices: { default: 'merge', restoreSettings: false } });
}

function readingBackup() {
  const entity = (id: string, name: string, type: string, extra: object = {}) => ({ id, name, type, createdAt: ISO(T0), updatedAt: ISO(T0), ...extra });
  const article = (n: number, extra: object = {}) => ({ url: `https://news.example.org/story-${n}`, title: `Story number ${n}`, site: 'Example News', firstSeen: ISO(T0 + n * 3600_000), lastSeen: ISO(T0 + n * 3600_000), ...extra });
  const mention = (entityId: string, n: number, count: number) => ({ entityId, url: `https://news.example.org/story-${n}`, count, snippet: `Sentence ${n} about ${entityId}.`, lastSeen: ISO(T0 + n * 3600_000) });
  return {
    format: 'news-context-reader/backup',
    version: 1,
    entities: [
      entity('mek', 'People’s Mojahedin Organization of Iran', 'organization', {
        aliases: ['PMOI'],
        notes: '*Exiled* opposition group.\n\n- founded 1965\n- based in **Albania**\n\n[Wikipedia](https://en.wikipedia.org/wiki/MEK) [bad](javascript:alert(1)) <script>window.pwned = 1</script>',
        tags: ['iran', 'opposition'],
        links: ['https://www.wikidata.org/wiki/Q275323'],
      }),
      entity('mko', 'MKO', 'organization', { aliases: ['Mojahedin-e Khalq'], notes: 'Another name.' }),
      entity('rajavi', 'Maryam Rajavi', 'person'),
      entity('tehran', 'Tehran', 'place'),
    ],
    articles: [article(1), article(2, { publishedAt: ISO(T0 - 86_400_000) }), article(3)],
    mentions: [mention('mek', 1, 2), mention('rajavi', 1, 1), mention('mek', 2, 5), mention('rajavi', 2, 2), mention('tehran', 2, 1), mention('mko', 3, 3), mention('mek', 3, 1)],
    notes: [],
  };
}

test('entity page: what I have read about it, newest first, co-mentions, and notes rendered safely', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await seed(page, readingBackup());
  await options.goto('#/entity/mek');
  const entityPage = page.getByTestId('entity-page');
  await expect(entityPage.getByRole('heading', { level: 1 })).toContainText('People’s Mojahedin Organization of Iran');
  await expect(entityPage.getByTestId('type-badge').first()).toHaveText('Organization');

  const items = page.getByTestId('reading-item');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('reading-summary')).toContainText('3 articles, 8 mentions');
  await expect(items.nth(0)).toContainText('Story number 3');
  await expect(items.nth(1)).toContainText('Story number 2');
  await expect(items.nth(1)).toContainText('5 mentions');
  await expect(items.nth(1)).toContainText('published');
  await expect(items.nth(1)).toContainText('Sentence 2 about mek.');
  await expect(items.nth(1).getByRole('link', { name: 'Story number 2' })).toHaveAttribute('href', 'https://news.example.org/story-2');
  await expect(items.nth(2)).toContainText('Example News');

  const co = page.getByTestId('co-mentioned');
  await expect(co.getByRole('listitem')).toHaveCount(3);
  await expect(co.getByRole('listitem').first()).toContainText('Maryam Rajavi');
  await expect(co.getByRole('listitem').first()).toContainText('2 articles');

  // Notes: emphasis, lists and http(s) links; a javascript: link is text, a script is text.
  const notes = page.getByTestId('entity-page-notes');
  await expect(notes.locator('em')).toHaveText('Exiled');
  await expect(notes.locator('li')).toHaveCount(2);
  await expect(notes.locator('strong')).toHaveText('Albania');
  await expect(notes.locator('a')).toHaveCount(1);
  await expect(notes.getByRole('link', { name: 'Wikipedia' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(notes).toContainText('<script>window.pwned = 1</script>');
  expect(await notes.locator('script, img, iframe').count()).toBe(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.getByTestId('entity-page-links').getByRole('link')).toHaveText('wikidata.org');

  // A co-mentioned entity leads to its own page.
  await co.getByRole('link', { name: 'Tehran' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tehran');
  await expect(page.getByTestId('reading-item')).toHaveCount(1);
});

test('entity page pages its articles: the first 100, "Show 100 more", "Show all": every article once, newest first', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  // 250 articles, the last 51 read at the very same moment (ties are ordered by URL).
  const N = 250;
  const seenAt = (n: number) => T0 + Math.min(n, 200) * 60_000;
  const url = (n: number) => `https://news.example.org/paged-${String(n).padStart(3, '0')}`;
  await seed(page, {
    format: 'news-context-reader/backup',
    version: 1,
    entities: [{ id: 'iran', name: 'Iran', type: 'place', createdAt: ISO(T0), updatedAt: ISO(T0) }],
    articles: Array.from({ length: N }, (_, n) => ({ url: url(n), title: `Paged story ${n}`, site: 'Example', firstSeen: ISO(seenAt(n)), lastSeen: ISO(seenAt(n)) })),
    mentions: Array.from({ length: N }, (_, n) => ({ entityId: 'iran', url: url(n), count: 1 + (n % 3), snippet: `Iran, story ${n}.`, lastSeen: ISO(seenAt(n)) })),
    notes: [],
  });
  await options.goto('#/entity/iran');
  const items = page.getByTestId('reading-item');
  await expect(page.getByTestId('reading-summary')).toContainText(`${N} articles`);
  await expect(items).toHaveCount(100);
  await expect(page.getByTestId('reading-more')).toContainText('Showing 100 of 250');
  await page.getByRole('button', { name: 'Show 100 more' }).click();
  await expect(items).toHaveCount(200);
  await page.getByRole('button', { name: `Show all ${N} articles` }).click();
  await expect(items).toHaveCount(N);
  await expect(page.getByTestId('reading-more')).toHaveCount(0);
  // Newest first; the 51 read at the same latest moment by URL; each article exactly once.
  const expected = Array.from({ length: N }, (_, n) => n)
    .sort((a, b) => seenAt(b) - seenAt(a) || (url(a) < url(b) ? -1 : 1))
    .map((n) => url(n));
  const hrefs = await page.getByTestId('reading-item').locator('a.reading__link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(expected);
});

test('merges two entities from the entity page: aliases, notes and mentions combined', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await seed(page, readingBackup());
  await options.goto('#/entity/mek');
  await page.getByRole('button', { name: 'Merge…' }).click();
  const panel = page.getByTestId('merge-panel');
  await panel.getByLabel('Find the entity to merge').fill('khalq');
  await panel.getByRole('option', { name: /MKO/ }).click();
  await panel.getByRole('button', { name: 'Merge MKO' }).click();
  await expect(page.getByTestId('status')).toContainText('Merged “MKO” into “People’s Mojahedin Organization of Iran”');
  await expect(panel).toHaveCount(0);

  await expect(page.getByTestId('entity-page-aliases')).toContainText('MKO');
  await expect(page.getByTestId('entity-page-aliases')).toContainText('Mojahedin-e Khalq');
  await expect(page.getByTestId('entity-page-notes')).toContainText('Another name.');
  await expect(page.getByTestId('reading-summary')).toContainText('3 articles, 11 mentions');
  const entities = await ok(page, 'entity.list', {});
  expect(entities.map((e: { id: string }) => e.id).sort()).toEqual(['mek', 'rajavi', 'tehran']);
  const rowsNow = await ok(page, 'glossary.rows', {});
  expect(rowsNow.find((r: { entity: { id: string } }) => r.entity.id === 'mek')).toMatchObject({ articles: 3, mentions: 11 });
});

test('import shows duplicates first: keep both adds a second John Smith; a CSV with a bad row changes nothing', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await ok(page, 'entity.create', { input: { name: 'John Smith', type: 'person', notes: 'the MP' } });
  await page.reload();
  await expect(options.rows).toHaveCount(1);
  const before = await ok(page, 'entity.list', {});

  // A CSV with problems on two rows: nothing is imported, each problem is named by row and column.
  const bad = 'name,type,aliases,tags\nTehran,place,Teheran,iran\nJohn Smith,footballer,,\nBob,person,"B {loud}",\n';
  await options.importFile({ name: 'glossary.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('row 3, type: must be one of person, organization, event, place, other, not "footballer"');
  await expect(error).toContainText('row 4, aliases');
  await expect(error).toContainText('nothing changed');
  await expect(options.importPreview).toHaveCount(0);
  expect(await ok(page, 'entity.list', {})).toEqual(before);

  // Fixed: the preview lists John Smith as already there; keep both.
  const good = 'name,type,aliases,tags,notes\nTehran,place,Teheran {exact accents},iran,Capital.\nJohn Smith,person,,,the footballer\n';
  await options.importFile({ name: 'glossary.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  const preview = options.importPreview;
  await expect(preview).toContainText('glossary (CSV) with 2 entities');
  const dup = preview.getByTestId('duplicate-row');
  await expect(dup).toHaveCount(1);
  await expect(dup).toContainText('John Smith');
  await expect(dup).toContainText('same name');
  await preview.getByLabel('What to do with John Smith').selectOption('keep');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 2 new, 0 merged, 0 skipped');
  await expect(options.row('John Smith')).toHaveCount(2);
  await expect(options.row('Tehran').getByTestId('type-badge')).toHaveText('Place');
  const tehran = (await ok(page, 'entity.list', {})).find((e: { name: string }) => e.name === 'Tehran');
  expect(tehran).toMatchObject({ aliases: [{ text: 'Teheran', diacriticSensitive: true }], tags: ['iran'], notes: 'Capital.' });

  // Filter by tag, sort by type.
  await page.getByLabel('Filter by tag').selectOption({ label: '#iran (1)' });
  await expect(options.rows).toHaveCount(1);
  await expect(page.getByTestId('entity-count')).toHaveText('1 of 3 entities');
});

test('full backup round trip: export, import into an empty profile, identical data', async ({ context, extensionId, server }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await importSampleGlossary(page);
  await seed(page, readingBackup());
  await ok(page, 'settings.update', { patch: { markStyle: 'dotted', disabledSites: ['example.net'], defaultDiacriticSensitive: true } });
  // Reading a real page adds to the reading index (og:url, published time, tracking dropped).
  const article = await context.newPage();
  await article.goto(server.url('dated-article.html?utm_source=x&fbclid=y'));
  await expect.poll(async () => (await ok(page, 'reading.articles', { query: 'sample courier' })).total, { timeout: 15_000 }).toBe(1);
  const dated = (await ok(page, 'reading.articles', { query: 'sample courier' })).items[0]!;
  expect(dated.article.url).toBe(server.url('dated-article.html'));
  expect(dated.article.publishedAt).toBe(Date.UTC(2024, 3, 30, 6));
  await article.close();

  // Edit versions count writes in one profile (docs/versioning.md): no file carries them.
  const withoutVersions = <T>(x: T): T => JSON.parse(JSON.stringify(x, (k, v) => (k === 'version' ? undefined : v)));
  const snapshot = async (p: Page) =>
    withoutVersions({
      entities: await ok(p, 'entity.list', {}),
      rows: await ok(p, 'glossary.rows', {}),
      articles: await ok(p, 'reading.articles', { limit: 500 }),
      settings: await ok(p, 'settings.get', {}),
      notes: await ok(p, 'note.list', {}),
    });
  const original = await snapshot(page);
  expect(original.articles.total).toBe(4);

  await options.goto('');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Full backup/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^news-context-reader-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'news-context-reader/backup', version: 2 });

  // A second, empty profile.
  const dir = await mkdtemp(join(tmpdir(), 'ncr-profile-b-'));
  const other = await launchWithExtension(dir);
  try {
    const otherId = new URL((await serviceWorkerOf(other)).url()).host;
    const options2 = await OptionsPage.open(other, otherId);
    const page2 = options2.page;
    await expect(page2.getByTestId('glossary-empty')).toBeVisible();
    await options2.importFile({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    const preview = options2.importPreview;
    await expect(preview).toContainText('full backup');
    await expect(preview.getByLabel('Also restore the settings saved in the backup')).toBeChecked();
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page2.getByTestId('import-result')).toContainText(`Imported ${original.entities.length} new`);
    await expect(page2.getByTestId('import-result')).toContainText('Settings restored');
    expect(await snapshot(page2)).toEqual(original);
    await expect(options2.rows).toHaveCount(Math.min(original.entities.length, 20));
  } finally {
    await other.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('settings: recording off, clearing the history, storage and its backup, sites switched off', async ({ context, extensionId, server }) => {
  const options = await OptionsPage.open(context, extensionId, '#/settings');
  const page = options.page;
  await importSampleGlossary(page);
  await seed(page, readingBackup());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // With unlimitedStorage Chromium never evicts the data (persisted() still answers false): no
  // alarm, no button that does nothing; what protects it is a backup, exported right here.
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
  await expect(page.getByTestId('storage-protection')).toHaveAttribute('data-protection', 'kept');
  await expect(page.getByTestId('storage-protection')).toContainText('The browser keeps this data');
  await expect(page.getByText(/not granted|Ask again/)).toHaveCount(0);
  await expect(page.getByTestId('storage-usage')).toContainText('MB');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('storage-export').click()]);
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(exported.format).toBe('news-context-reader/backup');
  expect(exported.articles).toHaveLength(3);
  await expect(page.getByTestId('storage-export-note')).toContainText(file.suggestedFilename());

  // Recording off: a page read now is not recorded.
  await page.getByLabel('Record the articles I read that mention my glossary').uncheck();
  await expect(page.getByTestId('settings-saved')).toHaveText('Saved.');
  expect((await ok(page, 'settings.get', {})).recordHistory).toBe(false);
  const article = await context.newPage();
  await article.goto(server.url('dated-article.html'));
  await article.waitForTimeout(3_500);
  expect((await ok(page, 'reading.articles', { query: 'sample courier' })).total).toBe(0);
  await article.close();

  // Clear the history: articles gone, glossary untouched.
  const entities = await ok(page, 'entity.list', {});
  await page.getByRole('button', { name: 'Clear reading history…' }).click();
  await page.getByRole('button', { name: 'Yes, clear the history' }).click();
  await expect(page.getByTestId('history-cleared')).toBeVisible();
  expect((await ok(page, 'reading.articles', {})).total).toBe(0);
  expect(await ok(page, 'entity.list', {})).toEqual(entities);

  // A site switched off, then on again; matching defaults.
  await page.getByLabel('Site to switch off').fill('https://www.Example.com/some/page');
  await page.getByRole('button', { name: 'Switch off' }).click();
  await expect(page.getByTestId('disabled-sites')).toContainText('example.com');
  expect((await ok(page, 'settings.get', {})).disabledSites).toEqual(['example.com']);
  await page.getByRole('button', { name: 'Turn the extension back on for example.com' }).click();
  await expect(page.getByTestId('disabled-sites')).toHaveCount(0);
  await page.getByLabel(/Tell accented letters apart/).check();
  await expect.poll(async () => (await ok(page, 'settings.get', {})).defaultDiacriticSensitive).toBe(true);
  await page.getByLabel('Highlight').check();
  await expect.poll(async () => (await ok(page, 'settings.get', {})).markStyle).toBe('background');
});

test('a long glossary stays responsive: virtualised rows, filter per keystroke', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  const entities = Array.from({ length: 3000 }, (_, i) => ({ name: `Person ${String(i).padStart(4, '0')}`, type: i % 2 ? 'person' : 'place', aliases: [`Alias ${i}`], tags: i % 10 === 0 ? ['tenth'] : undefined }));
  await ok(page, 'glossary.import', { text: JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities }) });
  await page.reload();
  await expect(page.getByTestId('entity-count')).toHaveText('3,000 entities');
  // Only the rows in view are in the page.
  expect(await options.rows.count()).toBeLessThan(40);

  const search = page.getByRole('searchbox', { name: 'Search glossary' });
  const t0 = Date.now();
  await search.pressSequentially('alias 299', { delay: 20 });
  await expect(page.getByTestId('entity-count')).toHaveText('11 of 3,000 entities');
  expect(Date.now() - t0).toBeLessThan(5_000);
  await expect(options.rows.first()).toContainText('Person 0299');
  // The panel is as tall as the rows it holds (92 px each), not a tall empty box: 11 rows fill
  // the most it may take (68 % of the 900 px window), one row takes one row's height.
  const scroller = page.getByTestId('glossary-list-scroller');
  const listHeight = () => scroller.evaluate((el) => el.clientHeight);
  expect(await listHeight()).toBeGreaterThan(500);
  await search.fill('Person 0299');
  await expect(page.getByTestId('entity-count')).toHaveText('1 of 3,000 entities');
  await expect.poll(listHeight).toBe(92);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/glossary-one-result.png` });

  // Scrolling the list shows later rows.
  await search.fill('');
  await page.getByLabel('Sort by').selectOption('name');
  await page.getByTestId('glossary-list-scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(options.row('Person 2999')).toHaveCount(1);
});

test('changing one setting leaves every other setting as it was (options page and popup switch)', async ({ context, extensionId, server }) => {
  const options = await OptionsPage.open(context, extensionId, '#/settings');
  const page = options.page;
  const chosen: Settings = {
    markStyle: 'dotted', markDensity: 'first-per-paragraph', disabledSites: ['example.net'], recordHistory: false,
    recordPrivate: false, defaultExactCase: true, defaultDiacriticSensitive: true, suggestions: 'popup', dismissedSuggestions: ['acme corp'],
    markFurniture: false,
  };
  await ok(page, 'settings.update', { patch: chosen });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // Each click changes its own field and nothing else (the record's edit version aside).
  const settingsNow = async () => {
    const { version: _version, ...settings } = await ok(page, 'settings.get', {});
    return settings;
  };
  const expected: Record<string, unknown> = { ...chosen };
  const step = async (click: () => Promise<void>, change: Record<string, unknown>) => {
    await click();
    Object.assign(expected, change);
    await expect.poll(settingsNow).toEqual(expected);
  };
  await step(() => page.getByLabel('Highlight').check(), { markStyle: 'background' });
  await step(() => page.getByLabel('The first mention on the page').check(), { markDensity: 'first-on-page' });
  await step(() => page.getByLabel(/Match capitalisation exactly/).uncheck(), { defaultExactCase: false });
  await step(() => page.getByLabel('Also mark menus, sidebars and comments').check(), { markFurniture: true });
  await step(() => page.getByLabel('Only list them in the popup').check().then(() => page.getByLabel('Off: do not look for them').check()), { suggestions: 'off' });

  // The popup's site switch changes the switched-off sites only.
  const article = await context.newPage();
  await article.goto(server.url('seed-article.html'));
  const tabId = await tabIdOf(page, article);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await popup.siteSwitchButton.click();
  await expect(popup.siteSwitch).toContainText('Off for 127.0.0.1');
  expected.disabledSites = ['127.0.0.1', 'example.net'];
  await expect.poll(settingsNow).toEqual(expected);
});

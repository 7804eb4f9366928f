/**
 * Discovery in the real extension: with an empty glossary, the sample article's people,
 * organisations and events are suggested (found off the page, in the offscreen document),
 * quietly marked, and never overlap what the glossary already marks; a dismissed suggestion
 * does not come back.
 */
import type { Page } from '@playwright/test';
import { test, expect, send, tabIdOf } from './fixtures';
import { sendToTab } from './messages';
import { PopupPage } from './pages/popup';
import { overlayTexts } from './content-world';

async function found(extensionPage: Page, page: Page) {
  const tabId = await tabIdOf(extensionPage, page);
  return sendToTab(extensionPage, tabId, 'page.found', {});
}

const suggestedTexts = async (page: Page) => (await overlayTexts(page, /^suggestion$/)).suggestion ?? [];

test('an empty glossary still gets suggestions, marked quietly; glossary entries and dismissals are not suggested', async ({ context, extensionPage, server }) => {
  // Another article read first: suggestions remember where the reader met them.
  const earlier = await context.newPage();
  await earlier.goto(server.url('second-article.html'));
  await expect.poll(async () => (await found(extensionPage, earlier)).value?.suggestions?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  await earlier.close();

  const page = await context.newPage();
  await page.goto(server.url('seed-article.html'));
  await expect.poll(async () => (await found(extensionPage, page)).value?.suggestions?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(5);
  const { suggestions } = (await found(extensionPage, page)).value;
  const byName = new Map(suggestions.map((s) => [s.name, s]));
  expect(byName.get('Maryam Rajavi')).toMatchObject({ type: 'person', seenIn: 2 });
  const ncri = byName.get('National Council of Resistance of Iran') as { type: string; aliases: string[] };
  expect(ncri.type).toBe('organization');
  expect(ncri.aliases).toContain('NCRI');
  expect(await suggestedTexts(page)).toContain('Maryam Rajavi');
  // No glossary marks: the glossary is empty.
  expect(Object.keys(await overlayTexts(page)).filter((look) => look !== 'suggestion')).toEqual([]);

  // The reader adds one suggestion to the glossary (as the popup does) and dismisses another.
  const created = await send(extensionPage, 'entity.create', { input: { name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }] } });
  expect(created.ok).toBe(true);
  const rouhani = suggestions.find((s: { name: string }) => s.name.includes('Rouhani')) as { key: string };
  expect((await send(extensionPage, 'suggestion.dismiss', { key: rouhani.key })).ok).toBe(true);

  // The tab refreshes: Rajavi is now a glossary mark, no longer a suggestion; Rouhani is gone.
  await expect.poll(async () => (await overlayTexts(page))['underline person'] ?? []).toContain('Maryam Rajavi');
  await expect.poll(async () => (await found(extensionPage, page)).value.suggestions.map((s: { name: string }) => s.name)).not.toContain('Maryam Rajavi');
  const after = (await found(extensionPage, page)).value.suggestions.map((s: { key: string }) => s.key);
  expect(after).not.toContain(rouhani.key);
  expect(after.length).toBeGreaterThan(3);
  expect(await suggestedTexts(page)).not.toContain('Maryam Rajavi');
});

test('suggestions can be switched off', async ({ context, extensionPage, server }) => {
  expect((await send(extensionPage, 'settings.update', { patch: { suggestions: 'off' } })).ok).toBe(true);
  const page = await context.newPage();
  await page.goto(server.url('seed-article.html'));
  await page.waitForTimeout(1500);
  expect((await found(extensionPage, page)).value.suggestions).toEqual([]);
  expect(await suggestedTexts(page)).toEqual([]);
});

test('from the popup: see the suggestions, add one with its type and aliases, see it marked; dismiss another', async ({ context, extensionId, extensionPage, server }) => {
  const article = await context.newPage();
  await article.goto(server.url('seed-article.html'));
  await expect.poll(async () => (await found(extensionPage, article)).value?.suggestions?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(5);
  const tabId = await tabIdOf(extensionPage, article);

  const popup = await PopupPage.open(context, extensionId, tabId, { height: 700 });
  await expect(popup.page.getByRole('heading', { name: 'Suggestions' })).toBeVisible();
  const ncri = popup.suggestions.filter({ hasText: 'National Council of Resistance of Iran' });
  await expect(ncri).toContainText('NCRI');
  await ncri.getByRole('button', { name: /^Add / }).click();

  // In the glossary with its type and the aliases the article used.
  await expect
    .poll(async () => ((await send(extensionPage, 'entity.list', {})).value as { name: string }[]).map((e) => e.name))
    .toContain('National Council of Resistance of Iran');
  const entity = ((await send(extensionPage, 'entity.list', {})).value as { name: string; type: string; aliases: { text: string }[] }[]).find(
    (e) => e.name === 'National Council of Resistance of Iran',
  )!;
  expect(entity.type).toBe('organization');
  expect(entity.aliases.map((a) => a.text)).toContain('NCRI');

  // The article marks it now, under every name it used ("Ncri" in the headline too).
  await expect
    .poll(async () => (await overlayTexts(article))['underline organization'] ?? [])
    .toEqual(expect.arrayContaining(['National Council of Resistance of Iran', 'NCRI']));
  // …and the popup no longer suggests it.
  await expect(popup.suggestions.filter({ hasText: 'National Council of Resistance of Iran' })).toHaveCount(0);

  // "Not an entity" removes one for good.
  const first = popup.suggestions.first();
  const name = (await first.locator('.suggestion__name').textContent())!;
  await first.getByRole('button', { name: /is not an entity/ }).click();
  await expect(popup.suggestions.filter({ hasText: name })).toHaveCount(0);
  await popup.page.reload();
  await expect(popup.page.getByRole('heading', { name: 'Suggestions' })).toBeVisible();
  await expect(popup.page.locator('.suggestion__name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })).toHaveCount(0);
});

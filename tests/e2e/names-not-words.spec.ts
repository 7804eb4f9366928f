/**
 * Names, not words (issue 13 §3), with the built extension in Chromium: "May" the month and
 * the verb are not marked, Theresa May is (her "May" too, once the page names her in full); the
 * card says why it matched "May" and its "Never match ‘May’ on this site" works, is listed in
 * Options › Settings and undone there; the entity form says what will happen to "May".
 */
import { test, expect, send, markedTexts, pointOfText, tabIdOf } from './fixtures';
import { clickInShadow, tooltipText } from './shadow';
import { waitForScan } from './page-compare';
import type { Page } from '@playwright/test';

async function glossary(extensionPage: Page) {
  const may = await send(extensionPage, 'entity.create', { input: { name: 'Theresa May', type: 'person', aliases: [{ text: 'May' }] } });
  const reuters = await send(extensionPage, 'entity.create', { input: { name: 'Reuters', type: 'organization', aliases: [] } });
  expect(may.ok && reuters.ok).toBe(true);
  return may.value.id as string;
}

async function people(page: Page): Promise<string[]> {
  return ((await markedTexts(page)).person ?? []).slice().sort();
}

test('"May" the month and the verb are not marked; Theresa May is, and her card says why', async ({ context, extensionPage, extensionId, server }) => {
  const mayId = await glossary(extensionPage);

  // A page about gardening: the month and the verb only.
  const garden = await context.newPage();
  await garden.goto(server.url('words-not-names.html'));
  await expect.poll(async () => (await markedTexts(garden)).organization ?? []).toEqual(['Reuters']);
  await waitForScan(extensionPage, await tabIdOf(extensionPage, garden));
  expect(await people(garden)).toEqual([]);

  // A page about Theresa May: the headline's "May" (named in full below) and "Mrs May" are
  // hers; "May 5", "in May", "may abstain" and the web addresses are not.
  const page = await context.newPage();
  await page.goto(server.url('names-not-words.html'));
  await expect.poll(() => people(page)).toEqual(['May', 'May', 'Theresa May']);
  const tabId = await tabIdOf(extensionPage, page);
  await waitForScan(extensionPage, tabId);
  expect(await people(page)).toEqual(['May', 'May', 'Theresa May']);
  expect((await markedTexts(page)).organization).toEqual(['Reuters']);

  // Rest the pointer on "Mrs May": the card explains.
  const p = await pointOfText(page, 'May said');
  await page.mouse.move(p.x - 8, p.y);
  await expect.poll(() => tooltipText(page), { timeout: 5000 }).toContain('Matched ‘May’ as Theresa May because ‘Theresa May’ appears above.');
  expect(await tooltipText(page)).toContain('Never match ‘May’ on this site');

  // One click: "May" is no longer matched on this site; "Theresa May" still is.
  await clickInShadow(page, 'Never match ‘May’ on this site');
  await expect.poll(() => people(page), { timeout: 10_000 }).toEqual(['Theresa May']);
  // "This site" is the host the per-site switch uses (with its port here: a test server).
  const site = new URL(server.url('x')).host;
  const stored = (await send(extensionPage, 'alias.exclusions', {})).value;
  expect(stored.exclusions).toEqual([expect.objectContaining({ site, entityId: mayId, alias: 'May' })]);

  // Options › Settings lists it; Remove brings the marks back, Undo takes them away again.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  const section = options.getByTestId('alias-exclusions');
  await expect(section).toContainText(`‘May’ as Theresa May on ${site}`);
  await section.getByRole('button', { name: `Match ‘May’ as Theresa May on ${site} again` }).click();
  await expect(section).toContainText(`is matched on ${site} again`);
  await expect.poll(() => people(page), { timeout: 10_000 }).toEqual(['May', 'May', 'Theresa May']);
  await section.getByRole('button', { name: 'Undo' }).click();
  await expect(section).toContainText(`‘May’ as Theresa May on ${site}`);
  await expect.poll(() => people(page), { timeout: 10_000 }).toEqual(['Theresa May']);
});

test('the entity form says what will happen to a word-like, shared alias', async ({ extensionPage, extensionId, context }) => {
  await glossary(extensionPage);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('button', { name: 'Add entity' }).click();
  const form = page.getByRole('form', { name: 'New entity' });
  await form.getByLabel('Name', { exact: true }).fill('Brian May');
  await form.getByLabel('Aliases', { exact: true }).fill('May');
  await form.getByLabel('Aliases', { exact: true }).press('Enter');
  const notes = form.getByTestId('alias-notes');
  await expect(notes).toContainText('‘May’ is also a common word');
  await expect(notes).toContainText('‘May’ is a month');
  await expect(notes).toContainText('‘May’ is also an alias of Theresa May. On a page, it goes to the one the page names in full; if it names none of them, to Theresa May (added first).');
});


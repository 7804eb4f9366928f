/**
 * Keyboard shortcuts (issue 13 §4): a fresh Chromium profile gives every command its suggested
 * key (the old Alt+Shift+N / Alt+Shift+P were refused: both are Chromium accelerators, so the
 * reader found "Not set"); the options page and the popup show the keys from
 * `commands.getAll()`, say which one is not set and open the browser's shortcuts page.
 *
 * A key the browser did not give is made here the way a reader would unset it: through the
 * shortcuts page's own API (chrome.developerPrivate, what chrome://extensions/shortcuts calls).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, EXTENSION_DIR, tabIdOf, importSampleGlossary } from './fixtures';
import { PopupPage } from './pages/popup';

const SHOTS = process.env.NCR_SCREENSHOTS;

async function commands(extensionPage: Page): Promise<Record<string, string>> {
  const all: { name?: string; shortcut?: string }[] = await extensionPage.evaluate(() => chrome.commands.getAll());
  return Object.fromEntries(all.filter((c) => c.name !== '_execute_action').map((c) => [c.name!, c.shortcut ?? '']));
}

/** Set (or, with '', remove) a command's key as chrome://extensions/shortcuts does. */
async function setKey(context: BrowserContext, extensionId: string, commandName: string, keybinding: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions/shortcuts');
  await page.evaluate(
    ([extensionId, commandName, keybinding]) =>
      (chrome as unknown as { developerPrivate: { updateExtensionCommand(u: object): Promise<void> } }).developerPrivate.updateExtensionCommand({
        extensionId,
        commandName,
        keybinding,
      }),
    [extensionId, commandName, keybinding] as const,
  );
  await page.close();
}

/**
 * The reader comes back to the page: the window's focus event (headless Chromium sends none on
 * bringToFront, so it is raised here; the page listens to it and to visibilitychange).
 */
async function comeBack(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
}

/** The next page the context opens (a tab created by the extension). */
async function nextPageUrl(context: BrowserContext, action: () => Promise<void>): Promise<string> {
  const [opened] = await Promise.all([context.waitForEvent('page'), action()]);
  await expect.poll(() => opened.url()).not.toBe('about:blank');
  const url = opened.url();
  await opened.close();
  return url;
}

test('a fresh Chromium profile gets every suggested key', async ({ extensionPage }) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const suggested = Object.fromEntries(Object.entries(manifest.commands as Record<string, { suggested_key: { default: string } }>).map(([name, c]) => [name, c.suggested_key.default]));
  expect(Object.keys(suggested).sort()).toEqual(['next-mention', 'previous-mention', 'save-note']);
  expect(await commands(extensionPage)).toEqual(suggested);
});

test('Settings lists the keys, says which is not set, and opens the browser’s shortcuts page', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  const rows = options.getByTestId('shortcut');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Next mention' })).toContainText('Alt+Shift+J');
  await expect(rows.filter({ hasText: 'Previous mention' })).toContainText('Alt+Shift+K');
  await expect(rows.filter({ hasText: 'Save the selection as a note' })).toContainText('Alt+Shift+S');
  await expect(options.getByTestId('shortcuts')).not.toContainText('Not set');
  expect(await nextPageUrl(context, () => options.getByRole('button', { name: 'Change shortcuts…' }).click())).toBe('chrome://extensions/shortcuts');

  // The reader (or a conflict) leaves "next mention" without a key: the page says so when it is
  // shown again, and offers to set it.
  await setKey(context, extensionId, 'next-mention', '');
  await comeBack(options);
  await expect(rows.filter({ hasText: 'Next mention' })).toContainText('Not set');
  await expect(rows.filter({ hasText: 'Previous mention' })).toContainText('Alt+Shift+K');
  if (SHOTS) await options.getByTestId('shortcuts').screenshot({ path: `${SHOTS}/settings-shortcuts-unset.png` });
  expect(await nextPageUrl(context, () => options.getByRole('button', { name: 'Set the missing shortcuts…' }).click())).toBe('chrome://extensions/shortcuts');

  // Set again (another key): shown on return.
  await setKey(context, extensionId, 'next-mention', 'Alt+Shift+M');
  await comeBack(options);
  await expect(rows.filter({ hasText: 'Next mention' })).toContainText('Alt+Shift+M');
  await expect(options.getByTestId('shortcuts')).not.toContainText('Not set');
});

test('the popup names the shortcuts that are not set and opens the shortcuts page; with keys set it says how to step through the marks', async ({
  context,
  extensionId,
  extensionPage,
  server,
}) => {
  await importSampleGlossary(extensionPage);
  const article = await context.newPage();
  await article.goto(server.url('seed-article.html'));
  const tabId = await tabIdOf(extensionPage, article);

  let popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.pageEntities.first()).toBeVisible();
  await expect(popup.page.getByTestId('shortcuts-notice')).toHaveCount(0);
  await expect(popup.page.getByTestId('step-keys')).toHaveText('Alt+Shift+J and Alt+Shift+K step through the marks on the page.');
  await expect(popup.notesEmpty).toContainText('right-click › Save note (or press Alt+Shift+S).');
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/popup-shortcuts-set.png` });
  await popup.close();

  await setKey(context, extensionId, 'next-mention', '');
  await setKey(context, extensionId, 'save-note', '');
  popup = await PopupPage.open(context, extensionId, tabId);
  const notice = popup.page.getByTestId('shortcuts-notice');
  await expect(notice).toHaveText(/No keyboard shortcut is set for: next mention, save the selection as a note\./);
  await expect(popup.page.getByTestId('step-keys')).toHaveCount(0);
  await expect(popup.notesEmpty).toContainText('right-click › Save note.');
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/popup-shortcuts-unset.png` });
  expect(await nextPageUrl(context, () => notice.getByRole('button', { name: 'Set shortcuts' }).click())).toBe('chrome://extensions/shortcuts');
});

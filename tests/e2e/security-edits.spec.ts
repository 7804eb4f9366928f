/**
 * Attack 9 of issue 15, the smaller ones: lost updates between two editors, the import limit in bytes, lone surrogates through CSV.
 *
 * Each test performs the attack as the adversarial review ran it (docs/security-review.md) against
 * the built extension in a real Chromium, on site names resolved to the local fixture server
 * (tests/e2e/attack-sites.ts), and asserts the SAFE outcome. Harness: tests/e2e/attack-harness.ts.
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  send,
  importReaderData,
} from './attack-harness';

// ------------------------------------------------------------------------------------------------
// 9. The smaller ones (the full disk's words: tests/unit/security/attacks.test.ts).

async function openOptions(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  await expect(page.getByText('Loading the glossary…')).toHaveCount(0);
  return page;
}

// On main: two options pages edit Maryam Rajavi's notes; the second "Save changes" silently
// overwrote the first (stored notes: "Edited in the second window."), no "changed elsewhere".
test('attack 9a: two options pages edit the same entity: the second save silently overwrites the first', async ({ context, extensionId, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const [a, b] = [await openOptions(context, extensionId), await openOptions(context, extensionId)];
  const edit = async (page: Page) => {
    await page.bringToFront();
    const row = page.getByTestId('entity-row').filter({ has: page.getByTestId('entity-name').getByText('Maryam Rajavi', { exact: true }) });
    await row.getByRole('button', { name: 'Edit' }).click();
    return page.getByRole('form', { name: 'Edit Maryam Rajavi' });
  };
  const formA = await edit(a);
  const formB = await edit(b);
  await a.bringToFront();
  await formA.getByLabel('Notes', { exact: true }).fill('Edited in the first window.');
  await formA.getByRole('button', { name: 'Save changes' }).click();
  await expect(formA).toHaveCount(0);
  await b.bringToFront();
  await formB.getByLabel('Notes', { exact: true }).fill('Edited in the second window.');
  await formB.getByRole('button', { name: 'Save changes' }).click();

  // The second page is told, and nothing was overwritten.
  await expect.poll(async () => (await b.locator('body').innerText()).match(/changed elsewhere|changed in another/i) !== null || (await formB.count()) === 0).toBe(true);
  const stored = ((await send(extensionPage, 'entity.list', {})).value as { id: string; notes: string }[]).find((e) => e.id === 'rajavi')!;
  test.info().annotations.push({ type: 'extracted', description: `stored notes: ${stored.notes}` });
  expect(stored.notes).toBe('Edited in the first window.');
  await expect(b.getByText(/changed elsewhere|changed in another/i).first()).toBeVisible();
});

// On main: a 24-million-character file of CJK text (72 MB of UTF-8) passes the options page's
// 60-million-character check and fails in the browser's messaging (64 MiB) with
// the browser's own error, not a message that says the file is too large.
test('attack 9b: the import size limit counts characters, not the UTF-8 bytes messaging carries', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  const page = await openOptions(context, extensionId);
  const dir = await mkdtemp(join(tmpdir(), 'ncr-big-'));
  const path = join(dir, 'glossary.json');
  const notes = '\u6f22'.repeat(24_000_000);
  await writeFile(path, JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: [{ name: 'Big', type: 'other', notes }] }));
  await page.getByLabel('Import glossary file').setInputFiles(path);
  const shown = page.getByRole('alert').or(page.getByTestId('import-error')).or(page.getByText(/too large|could not|failed|error/i)).first();
  await expect(shown).toBeVisible({ timeout: 60_000 });
  const said = await page.locator('body').innerText();
  test.info().annotations.push({ type: 'extracted', description: said.slice(0, 2000) });
  expect(said).not.toMatch(/Error in invocation|exceeded maximum allowed size/);
  expect(said).toMatch(/too large|at most/i);
  expect(said).toMatch(/MB|MiB|bytes/);
});

// On main: "Lone \uD800 surrogate" exported as CSV came back as "Lone \uFFFD surrogate".
test('attack 9c: a name with a lone surrogate does not survive a CSV export and import', async ({ context, extensionId, extensionPage }) => {
  const name = 'Lone \uD800 surrogate';
  const created = await send(extensionPage, 'entity.create', { input: { name, type: 'person' } });
  expect(created.ok, created.error).toBe(true);
  const page = await openOptions(context, extensionId);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /CSV/ }).click()]);
  const text = await readFile(await download.path(), 'utf8');
  // Import the file back into an empty glossary: the same name.
  expect((await send(extensionPage, 'entity.delete', { id: created.value.id })).ok).toBe(true);
  const preview = await send(extensionPage, 'import.preview', { text });
  if (!preview.value?.valid) throw new Error(`the exported CSV does not import: ${JSON.stringify(preview)}`);
  expect((await send(extensionPage, 'import.commit', { token: preview.value.token, choices: { default: 'keep' } })).ok).toBe(true);
  const back = ((await send(extensionPage, 'entity.list', {})).value as { name: string }[]).map((e) => e.name);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(back) });
  expect(back).toEqual([name]);
});

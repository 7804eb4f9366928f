/**
 * The glossary's open formats in the built extension (issue 18): a SKOS vocabulary (Turtle)
 * imported through the options page's two-step preview, its hidden label matched-only (not in
 * the list, greyed in the form); the glossary exported as SKOS Turtle and JSON-LD and imported
 * back (the same entities: "unchanged"); a Wikidata entity file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, send, FIXTURES } from './fixtures';
import { OptionsPage } from './pages/options';

async function stored(page: Page): Promise<any[]> {
  const reply = await send(page, 'entity.list', {});
  expect(reply.ok, reply.error).toBe(true);
  return reply.value;
}

test('imports a SKOS Turtle vocabulary through the preview, exports SKOS (Turtle, JSON-LD) and imports it back', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const { page } = options;
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();

  const buffer = await readFile(join(FIXTURES, 'skos/newsroom-thesaurus.ttl'));
  await options.importFile({ name: 'newsroom-thesaurus.ttl', mimeType: 'text/turtle', buffer });
  const preview = options.importPreview;
  await expect(preview).toContainText('A SKOS vocabulary (Turtle) with 2 entities');
  await expect(preview).toContainText('2 new entities will be added');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 2 new, 0 merged, 0 skipped');
  await expect(options.rows).toHaveCount(2);

  const mekName = "People's Mojahedin Organization of Iran";
  // The hidden label is stored (and matched), never listed as a name.
  const mek = (await stored(page)).find((e) => e.name === mekName);
  expect(mek.aliases).toEqual([{ text: 'PMOI' }, { text: 'MEK' }, { text: 'Organisation des moudjahiddines du peuple iranien' }, { text: 'Mujahedeen-e-Khalq', hidden: true }]);
  expect(mek.links).toEqual(['https://www.wikidata.org/wiki/Q275323']);
  const aliasesShown = options.row(mekName).getByTestId('entity-aliases');
  await expect(aliasesShown).toContainText('PMOI');
  await expect(aliasesShown).not.toContainText('Mujahedeen');

  // In the form, the hidden alias is a greyed chip with its "hide" toggle pressed.
  await page.goto(`chrome-extension://${extensionId}/options.html#/entity/${mek.id}/edit`);
  const hiddenChip = page.getByTestId('alias-chip').filter({ hasText: 'Mujahedeen-e-Khalq' });
  await expect(hiddenChip).toHaveAttribute('data-hidden', 'true');
  await expect(hiddenChip.getByTestId('alias-hidden')).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.rows).toHaveCount(2);
  const before = await stored(page);

  for (const [button, pattern] of [
    ['Glossary (SKOS, Turtle)', /glossary-\d{4}-\d{2}-\d{2}\.ttl$/],
    ['Glossary (SKOS, JSON-LD)', /glossary-\d{4}-\d{2}-\d{2}\.jsonld$/],
  ] as const) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    expect(download.suggestedFilename()).toMatch(pattern);
    const text = await readFile(await download.path(), 'utf8');
    expect(text).toContain('Mujahedeen-e-Khalq');
    // Imported back: the same ids and fields, so nothing changes.
    await options.importFile({ name: download.suggestedFilename(), mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect(preview).toContainText('2 entities already in your glossary exactly as in the file');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-result')).toContainText('Imported 0 new, 0 merged, 0 skipped, 2 unchanged');
    expect(await stored(page)).toEqual(before);
  }

  // Deleted, then brought back from the SKOS export: the same entity, id included.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [ttl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Glossary (SKOS, Turtle)' }).click()]);
  await options.row(mekName).getByRole('button', { name: 'Delete' }).click();
  await expect(options.rows).toHaveCount(1);
  await options.importAndConfirm({ name: 'glossary.ttl', mimeType: 'text/turtle', buffer: await readFile(await ttl.path()) });
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 new');
  const back = (await stored(page)).find((e) => e.name === mekName);
  expect({ ...back, version: undefined, updatedAt: undefined }).toEqual({ ...mek, version: undefined, updatedAt: undefined });
});

test('Wikidata entity files (one, then several at once) become entities; a broken SKOS file is refused with its line and changes nothing', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  const { page } = options;
  await options.importFile({ name: 'Q42.json', mimeType: 'application/json', buffer: await readFile(join(FIXTURES, 'wikidata/Q42.json')) });
  await expect(options.importPreview).toContainText('A Wikidata entity file with 1 entity');
  await options.importPreview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 new');
  await expect(options.row('Douglas Adams').getByTestId('type-badge')).toHaveText('Person');
  const [adams] = await stored(page);
  expect(adams.links[0]).toBe('https://www.wikidata.org/wiki/Q42');

  // Several Wikidata files chosen at once: one preview for all of them.
  await page.getByLabel('Import glossary file').setInputFiles([
    { name: 'several.json', mimeType: 'application/json', buffer: await readFile(join(FIXTURES, 'wikidata/several.json')) },
    { name: 'bare-list.json', mimeType: 'application/json', buffer: await readFile(join(FIXTURES, 'wikidata/bare-list.json')) },
  ]);
  await expect(options.importPreview).toContainText('Import 2 files?');
  await expect(options.importPreview).toContainText('A Wikidata entity file with 5 entities');
  await options.importPreview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 5 new');
  await expect(options.row('World War II').getByTestId('type-badge')).toHaveText('Event');

  const broken = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/a> skos:prefLabel "A" ;\n  skos:altLabel "B"\n  skos:altLabel "C" .\n';
  await options.importFile({ name: 'broken.ttl', mimeType: 'text/turtle', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('import-error')).toContainText('the file is not valid Turtle (line 4)');
  await expect(options.importPreview).toHaveCount(0);
  expect(await stored(page)).toHaveLength(6);
});

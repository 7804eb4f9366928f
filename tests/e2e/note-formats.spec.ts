/**
 * Notes in other tools' formats, end to end in Chromium with the built extension (issue 18): a
 * note saved on a page is exported from the options page as W3C Web Annotations, every note is
 * deleted, the file is imported back through the two-step preview, and the quote is marked again
 * when its page is opened.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, importSampleGlossary, selectText, send, waitForMarks } from './fixtures';
import { overlayTexts } from './content-world';

const QUOTE = 'The uprising and the rising popularity of the MEK and the National Council of Resistance of Iran are a major threat';

async function quoteMarks(page: Page): Promise<string[]> {
  return (await overlayTexts(page, /^(quote|focus)$/)).quote ?? [];
}

test('a saved note exported as Web Annotations, wiped, imported back, is re-anchored on its page', async ({ context, extensionId, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const url = server.url('seed-article.html');
  const article = await context.newPage();
  await article.goto(url);
  await waitForMarks(article);
  await selectText(article, QUOTE);
  const saved = await send(extensionPage, 'note.saveSelection', {});
  expect(saved.ok, saved.error).toBe(true);
  expect(saved.value.status).toBe('saved');
  await expect.poll(() => quoteMarks(article)).toEqual([QUOTE]);
  await article.close();

  // Export from the options page.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  const section = options.getByTestId('note-formats');
  const [download] = await Promise.all([options.waitForEvent('download'), section.getByTestId('export-web-annotation').click()]);
  expect(download.suggestedFilename()).toMatch(/^notes-\d{4}-\d{2}-\d{2}\.annotations\.jsonld$/);
  const path = await download.path();
  const doc = JSON.parse(await readFile(path, 'utf8'));
  expect(doc.type).toBe('AnnotationCollection');
  expect(doc.first.items[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
  expect(doc.first.items[0].target.source).toBe(url);

  // Wipe every note.
  const list = await send(extensionPage, 'note.list', {});
  for (const n of list.value) expect((await send(extensionPage, 'note.delete', { id: n.id })).ok).toBe(true);
  expect((await send(extensionPage, 'note.list', {})).value).toEqual([]);

  // A broken file is refused with its problem named, and nothing is written.
  await section.getByTestId('annotations-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ type: 'Annotation', created: 'soon', target: url }])) });
  await expect(section.getByTestId('annotations-error')).toContainText('[0].created: expected a date');
  expect((await send(extensionPage, 'note.list', {})).value).toEqual([]);

  // Import: the preview says what it will do, then the note is back.
  await section.getByTestId('annotations-input').setInputFiles(path);
  await expect(section.getByTestId('annotations-summary')).toContainText('1 new note will be added');
  expect((await send(extensionPage, 'note.list', {})).value).toEqual([]);
  await section.getByTestId('annotations-import').click();
  await expect(section.getByTestId('note-formats-result')).toContainText('Imported 1 note');
  const back = (await send(extensionPage, 'note.list', {})).value;
  expect(back).toHaveLength(1);
  expect(back[0]).toMatchObject({ quote: QUOTE, url });

  // The page marks the imported quote again.
  const again = await context.newPage();
  await again.goto(url);
  await waitForMarks(again);
  await expect.poll(() => quoteMarks(again)).toEqual([QUOTE]);

  // Importing the same file again finds the note already there: skipped by default.
  await section.getByTestId('annotations-input').setInputFiles(path);
  await expect(section.getByTestId('annotations-summary')).toContainText('1 note you already have');
  await section.getByTestId('annotations-import').click();
  await expect(section.getByTestId('note-formats-result')).toContainText('skipped 1 note');
  expect((await send(extensionPage, 'note.list', {})).value).toHaveLength(1);
});

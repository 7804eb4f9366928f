/**
 * The options page (glossary manager) in Chromium with the built extension: add, edit and
 * delete (with undo) entities through the UI; import a glossary file through the file input
 * (preview, then import); a broken file is rejected with a clear message and changes nothing;
 * export downloads the glossary. tests/e2e/knowledge.spec.ts covers merge, the entity page,
 * backups, CSV and the round trip.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { EntityType } from '../../lib/model/entity';
import { test, expect, send, FIXTURES } from './fixtures';
import { OptionsPage, type ImportFile } from './pages/options';

async function openOptions(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
  const options = await OptionsPage.open(context, extensionId);
  await expect(options.page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  return options;
}

/** What the background holds, read through the protocol (not through the UI under test). */
async function stored(page: Page): Promise<any[]> {
  const reply = await send(page, 'entity.list', {});
  expect(reply.ok, reply.error).toBe(true);
  return reply.value;
}

async function createViaProtocol(page: Page, input: { name: string; type: EntityType; aliases?: { text: string }[]; notes?: string }) {
  const reply = await send(page, 'entity.create', { input });
  expect(reply.ok, reply.error).toBe(true);
  return reply.value;
}

function glossaryFile(entities: unknown[]): ImportFile {
  const text = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities }, null, 2);
  return { name: 'glossary.json', mimeType: 'application/json', buffer: Buffer.from(text) };
}

test('shows an empty glossary with a way to start', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await expect(page.getByTestId('glossary-empty')).toContainText('Your glossary is empty');
  await expect(options.rows).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add entity' })).toBeEnabled();
});

test('adds an entity with aliases through the form', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await page.getByRole('button', { name: 'Add entity' }).click();

  const form = options.form('New entity');
  await expect(form).toBeVisible();
  // The name field has focus when the form opens.
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('Maryam Rajavi');
  await form.getByLabel('Type', { exact: true }).selectOption({ label: 'Person' });
  // Separated by ; (or |); the text after the last separator is still pending when the form is saved.
  await form.getByLabel('Aliases', { exact: true }).fill('Mrs. Maryam Rajavi; Rajavi');
  await expect(form.getByTestId('alias-chip')).toHaveCount(1);
  await form.getByLabel('Notes', { exact: true }).fill('President-elect of the NCRI since 1993.\nCo-leader of the MEK.');
  await form.getByRole('button', { name: 'Add to glossary' }).click();

  await expect(form).toHaveCount(0);
  await expect(options.rows).toHaveCount(1);
  const r = options.row('Maryam Rajavi');
  await expect(r.getByTestId('type-badge')).toHaveText('Person');
  await expect(r.getByTestId('entity-aliases')).toContainText('Mrs. Maryam Rajavi');
  await expect(r.getByTestId('entity-aliases')).toContainText('Rajavi');
  // Only the first line of the notes is listed.
  await expect(r.getByTestId('entity-notes')).toHaveText('President-elect of the NCRI since 1993.');
  await expect(options.status).toContainText('Added “Maryam Rajavi”');

  const [entity] = await stored(page);
  expect(entity).toMatchObject({
    name: 'Maryam Rajavi',
    type: 'person',
    aliases: [{ text: 'Mrs. Maryam Rajavi' }, { text: 'Rajavi' }],
    notes: 'President-elect of the NCRI since 1993.\nCo-leader of the MEK.',
  });

  // It is stored by the background, not just on screen.
  await page.reload();
  await expect(options.row('Maryam Rajavi')).toHaveCount(1);
});

test('shows the background’s validation error next to the field, in words', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await page.getByRole('button', { name: 'Add entity' }).click();
  const form = options.form('New entity');
  await form.getByLabel('Name', { exact: true }).fill('   ');
  await form.getByRole('button', { name: 'Add to glossary' }).click();

  await expect(form.getByTestId('name-error')).toHaveText('Name must not be empty.');
  await expect(form.getByRole('alert')).toContainText('Could not save');
  await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  expect(await stored(page)).toHaveLength(0);

  // Fixing it saves it.
  await form.getByLabel('Name', { exact: true }).fill('NCRI');
  await form.getByRole('button', { name: 'Add to glossary' }).click();
  await expect(options.row('NCRI')).toHaveCount(1);
});

test('edits an entity on its page', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await createViaProtocol(page, { name: 'Khamenei', type: 'other', aliases: [{ text: 'The Leader' }], notes: 'old note' });
  await createViaProtocol(page, { name: 'Hassan Rouhani', type: 'person' });
  await page.reload();
  await expect(options.rows).toHaveCount(2);

  await options.row('Khamenei').getByRole('button', { name: 'Edit' }).click();
  const form = options.form('Edit Khamenei');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Khamenei');
  await form.getByLabel('Name', { exact: true }).fill('Ali Khamenei');
  await form.getByLabel('Type', { exact: true }).selectOption('person');
  await form.getByRole('button', { name: 'Remove alias The Leader' }).click();
  await form.getByLabel('Aliases', { exact: true }).fill('Khamenei');
  await form.getByLabel('Aliases', { exact: true }).press('Enter');
  await form.getByLabel('Aliases', { exact: true }).fill('Supreme Leader');
  await form.getByLabel('Aliases', { exact: true }).press('Enter');
  await expect(form.getByTestId('alias-chip')).toHaveCount(2);
  await form.getByLabel('Notes', { exact: true }).fill('Supreme Leader of Iran since 1989.');
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(form).toHaveCount(0);
  // Saving shows the entity's page; the glossary lists the change.
  await expect(page.getByRole('heading', { level: 1, name: /Ali Khamenei/ })).toBeVisible();
  await page.getByRole('link', { name: 'Glossary', exact: true }).first().click();
  await expect(options.rows).toHaveCount(2);
  const r = options.row('Ali Khamenei');
  await expect(r.getByTestId('type-badge')).toHaveText('Person');
  await expect(r.getByTestId('entity-aliases')).toHaveText(/Khamenei.*Supreme Leader/);
  await expect(r.getByTestId('entity-aliases')).not.toContainText('The Leader', { ignoreCase: false });
  await expect(r.getByTestId('entity-notes')).toHaveText('Supreme Leader of Iran since 1989.');
  await expect(options.row('Khamenei')).toHaveCount(0);

  const edited = (await stored(page)).find((e) => e.name === 'Ali Khamenei');
  expect(edited).toMatchObject({ type: 'person', aliases: [{ text: 'Khamenei' }, { text: 'Supreme Leader' }] });

  // Cancel leaves things as they were.
  await options.row('Hassan Rouhani').getByRole('button', { name: 'Edit' }).click();
  const other = options.form('Edit Hassan Rouhani');
  await other.getByLabel('Name', { exact: true }).fill('Changed my mind');
  await other.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Hassan Rouhani/ })).toBeVisible();
  await page.getByRole('link', { name: 'Glossary', exact: true }).first().click();
  await expect(options.row('Hassan Rouhani')).toHaveCount(1);
  await expect(options.row('Changed my mind')).toHaveCount(0);
});

// Issue 15 (no lost update, docs/versioning.md): the form never reloads over the reader's typing;
// a newer version is shown beside it with the choice. Before, the form was keyed by updatedAt
// and a list reload (coming back to the tab) remounted it, and a save silently overwrote.
test('an entity changed elsewhere while its form is open: the typing stays, the other version is shown, take theirs or keep mine', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  const created = await createViaProtocol(page, { name: 'Khamenei', type: 'person', notes: 'old' });
  await page.reload();
  const elsewhere = (notes: string, baseVersion: number) => send(page, 'entity.update', { id: created.id, input: { name: 'Khamenei', type: 'person', notes }, baseVersion });
  const edit = async () => {
    await page.getByRole('link', { name: 'Glossary', exact: true }).first().click();
    await options.row('Khamenei').getByRole('button', { name: 'Edit' }).click();
    return options.form('Edit Khamenei');
  };
  const notes = (form: ReturnType<OptionsPage['form']>) => form.getByLabel('Notes', { exact: true });

  // Changed elsewhere, seen when the list reloads (the reader comes back to the tab).
  let form = await edit();
  await notes(form).fill('my typing');
  expect((await elsewhere('theirs', 1)).ok).toBe(true);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const notice = form.getByTestId('changed-elsewhere');
  await expect(notice).toContainText('changed elsewhere');
  await expect(notice.getByTestId('other-version')).toContainText('theirs');
  await expect(notes(form)).toHaveValue('my typing');
  await notice.getByRole('button', { name: 'Take theirs' }).click();
  await expect(notes(form)).toHaveValue('theirs');
  await notes(form).fill('theirs, then mine');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toHaveCount(0);
  expect((await stored(page))[0]).toMatchObject({ notes: 'theirs, then mine', version: 3 });

  // Changed elsewhere, found out on saving: refused, then kept on the reader's word.
  form = await edit();
  await notes(form).fill('keep this');
  expect((await elsewhere('other', 3)).ok).toBe(true);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByTestId('changed-elsewhere').getByTestId('other-version')).toContainText('other');
  expect((await stored(page))[0].notes).toBe('other');
  await expect(notes(form)).toHaveValue('keep this');
  await form.getByRole('button', { name: 'Keep mine' }).click();
  await expect(form).toHaveCount(0);
  expect((await stored(page))[0]).toMatchObject({ notes: 'keep this', version: 5 });

  // Deleted elsewhere: the form stays with the typing, and says so.
  form = await edit();
  await notes(form).fill('typed before the delete');
  expect((await send(page, 'entity.delete', { id: created.id })).ok).toBe(true);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(form.getByTestId('changed-elsewhere')).toContainText('deleted elsewhere');
  await expect(notes(form)).toHaveValue('typed before the delete');
});

test('deletes an entity at once, with undo', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await createViaProtocol(page, { name: 'Emmanuel Macron', type: 'person' });
  const irgc = await createViaProtocol(page, { name: 'IRGC', type: 'organization', aliases: [{ text: 'Revolutionary Guards' }], notes: 'keep me' });
  await page.reload();
  await expect(options.rows).toHaveCount(2);

  await options.row('IRGC').getByRole('button', { name: 'Delete' }).click();
  await expect(options.row('IRGC')).toHaveCount(0);
  await expect(options.rows).toHaveCount(1);
  const status = options.status;
  await expect(status).toContainText('Deleted “IRGC”');
  expect((await stored(page)).map((e) => e.name)).toEqual(['Emmanuel Macron']);

  // Undo brings it back exactly as it was.
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toContainText('Restored “IRGC”');
  await expect(options.row('IRGC')).toHaveCount(1);
  expect((await stored(page)).find((e) => e.name === 'IRGC')).toEqual(irgc);

  // Delete again; without undo it stays deleted.
  await options.row('IRGC').getByRole('button', { name: 'Delete' }).click();
  await expect(options.row('IRGC')).toHaveCount(0);
  await page.reload();
  await expect(options.rows).toHaveCount(1);
});

test('imports a glossary file through the file input, then searches and filters it', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  const buffer = await readFile(join(FIXTURES, 'sample-glossary.json'));
  const expected = JSON.parse(buffer.toString('utf8')).entities.length as number;

  await options.importFile({ name: 'sample-glossary.json', mimeType: 'application/json', buffer });
  const preview = options.importPreview;
  await expect(preview).toContainText(`${expected} new entities will be added`);
  await expect(preview.getByTestId('duplicates')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText(`Imported ${expected} new, 0 merged, 0 skipped`);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(options.rows).toHaveCount(expected);
  await expect(options.row('Maryam Rajavi').getByTestId('type-badge')).toHaveText('Person');
  await expect(options.row("People's Mojahedin Organization of Iran").getByTestId('entity-aliases')).toContainText('PMOI');

  // Search matches names and aliases, ignoring case.
  const search = page.getByRole('searchbox', { name: 'Search glossary' });
  await search.fill('pmoi');
  await expect(options.rows).toHaveCount(1);
  await expect(options.rows.first()).toContainText("People's Mojahedin Organization of Iran");
  await expect(page.getByTestId('entity-count')).toHaveText(`1 of ${expected} entities`);
  await search.fill('');
  await expect(options.rows).toHaveCount(expected);

  // The type filter.
  await page.getByLabel('Filter by type').selectOption('event');
  await expect(options.rows).toHaveCount(1);
  await expect(options.rows.first().getByTestId('type-badge')).toHaveText('Event');
  await page.getByLabel('Filter by type').selectOption('all');

  // Importing the same file again: every entry is already there exactly; nothing to ask or add.
  await options.importFile({ name: 'sample-glossary.json', mimeType: 'application/json', buffer });
  await expect(preview).toContainText(`${expected} entities already in your glossary exactly as in the file`);
  await expect(preview.getByTestId('duplicate-row')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText(`Imported 0 new, 0 merged, 0 skipped, ${expected} unchanged`);
  await expect(options.rows).toHaveCount(expected);
  const before = await stored(page);
  // A changed entity: skip leaves ours alone, merge adds the file's notes to ours.
  const revised = JSON.parse(buffer.toString('utf8'));
  revised.entities = [{ ...revised.entities[2], notes: 'Revised note.' }];
  await options.importFile({ name: 'revised.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(revised)) });
  await preview.getByLabel(`What to do with ${revised.entities[0].name}`).selectOption('skip');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 0 new, 0 merged, 1 skipped');
  expect(await stored(page)).toEqual(before);
  await options.importAndConfirm({ name: 'revised.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(revised)) });
  await expect(page.getByTestId('import-result')).toContainText('Imported 0 new, 1 merged');
  await expect(options.rows).toHaveCount(expected);
  const merged = (await stored(page)).find((e) => e.name === revised.entities[0].name);
  expect(merged.notes).toMatch(/since 1993.*\n\nRevised note\.$/s);
});

test('a broken glossary file is rejected with a clear message and changes nothing', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await createViaProtocol(page, { name: 'Maryam Rajavi', type: 'person', notes: 'original note' });
  await createViaProtocol(page, { name: 'NCRI', type: 'organization' });
  await page.reload();
  await expect(options.rows).toHaveCount(2);
  const before = await stored(page);

  // Valid JSON, one bad entity among good ones (one of which would update an existing entity).
  await options.importFile(
    glossaryFile([
      { name: 'Maryam Rajavi', type: 'person', notes: 'overwritten?' },
      { name: 'Ali Khamenei', type: 'person' },
      { name: 'Hassan Rouhani', type: 'person' },
      { name: '', type: 'person' },
    ]),
  );
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('entities[3].name');
  await expect(error).toContainText('must not be empty');
  await expect(error).toContainText(/nothing changed|not changed/i);
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await expect(options.rows).toHaveCount(2);
  expect(await stored(page)).toEqual(before);

  // Not JSON at all.
  await options.importFile({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "news-context-reader/glossary", "version": 1, "entities": [') });
  await expect(error).toContainText('not valid JSON');
  await expect(options.rows).toHaveCount(2);

  // Several problems are listed one by one.
  await options.importFile(glossaryFile([{ name: 'A', type: 'planet' }, { name: 'B', type: 'person', aliases: [{ text: '' }] }]));
  await expect(error.getByRole('listitem')).toHaveCount(2);
  await expect(error).toContainText('entities[0].type');
  await expect(error).toContainText('entities[1].aliases[0].text');

  await page.reload();
  await expect(options.rows).toHaveCount(2);
  expect(await stored(page)).toEqual(before);
});

test('exports the glossary as a file that imports back', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const { page } = options;
  await createViaProtocol(page, { name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }], notes: 'note' });
  await page.reload();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Glossary (JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/glossary.*\.json$/);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8'));
  expect(file.format).toBe('news-context-reader/glossary');
  expect(file.entities).toHaveLength(1);
  expect(file.entities[0]).toMatchObject({ name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }] });
  await expect(page.getByTestId('export-result')).toContainText(download.suggestedFilename());

  // Delete it, then bring it back from the exported file.
  await options.row('Maryam Rajavi').getByRole('button', { name: 'Delete' }).click();
  await expect(options.rows).toHaveCount(0);
  await options.importAndConfirm({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: await readFile(path) });
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 new');
  await expect(options.row('Maryam Rajavi')).toHaveCount(1);
});

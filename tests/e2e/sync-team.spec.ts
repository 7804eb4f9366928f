/**
 * Team glossary subscriptions (docs/sync-team-glossary.md), with the built extension in two
 * Chromium profiles and two servers on 127.0.0.1: the CouchDB-compatible one
 * (tests/sync/couch-server.ts, `_security` and the team's validate_doc_update enforced) and a
 * published glossary file with an ETag (tests/sync/glossary-file-server.ts).
 *
 * As in sync.spec.ts, the options page's `chrome.permissions.request/remove` are recorded and
 * answered "granted" (a headless test cannot answer the browser's prompt); every request the
 * extension makes is still seen by the network audit.
 */
import { test, expect, send, waitForMarks, markedTexts } from './fixtures';
import { cardText, pointOfMark } from './page-compare';
import { openProfile, type Profile } from './sync-profiles';
import { startCouchServer, type CouchServer } from '../sync/couch-server';
import { startGlossaryFileServer } from '../sync/glossary-file-server';

let couch: CouchServer;
test.beforeAll(async () => {
  couch = await startCouchServer();
});
test.afterAll(async () => {
  await couch?.close();
});

const names = async (p: Profile) => ((await send(p.options, 'entity.list', {})).value ?? []).map((e) => e.name).sort();

test('an editor writes the team database; a reader subscribed read-only sees the mark and “Team” on the card; the reader cannot write; unsubscribing removes exactly what it brought', async ({ server: pages }) => {
  const team = `team-${process.pid}`;
  const editor = { username: `editor${process.pid}`, password: 'ed-pw' };
  const reader = { username: `reader${process.pid}`, password: 'rd-pw' };
  await couch.createDatabase(team, undefined, { readOnlyFor: [reader.username], editors: [editor.username] });
  await couch.addUser(editor.username, editor.password, ['editor']);
  await couch.addUser(reader.username, reader.password, []);
  // A document a hostile or broken editor wrote: skipped and counted on the reader's side.
  const hostile = { _id: 'e:evil', kind: 'entity', record: { id: 'evil', name: '<img src=x onerror=alert(1)>', type: 'person', aliases: [], notes: '', createdAt: 1, updatedAt: 1 } };
  expect((await couch.request('PUT', `/${team}/e:evil`, hostile, editor)).status).toBe(201);

  const [ed, rd] = [await openProfile('subscription-settings'), await openProfile('subscription-settings')];
  try {
    // The editor's profile writes the team database with its own sync.
    const panel = ed.options.getByTestId('sync-settings');
    await panel.getByLabel('Server address').fill(couch.origin);
    await panel.getByLabel('Database').fill(team);
    await panel.getByLabel('User name').fill(editor.username);
    await panel.getByLabel('Password').fill(editor.password);
    await panel.getByRole('button', { name: 'Turn sync on' }).click();
    await expect(panel.getByTestId('sync-note')).toHaveText('Sync is on.');
    const created = await send(ed.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: 'Team text: Supreme Leader' } });
    const teamId = created.ok ? created.value.id : '';
    await expect.poll(async () => (await couch.request('GET', `/${team}/e:${teamId}`, undefined, reader)).status, { timeout: 15_000 }).toBe(200);

    // The reader keeps an entity of their own, then subscribes.
    await send(rd.options, 'entity.create', { input: { name: 'Mine only', type: 'person', aliases: [], notes: '' } });
    const subs = rd.options.getByTestId('subscription-settings');
    await subs.getByLabel('Name shown').fill('Foreign desk');
    await subs.getByLabel('Server address').fill(couch.origin);
    await subs.getByLabel('Database', { exact: true }).fill(team);
    await subs.getByLabel('User name').fill(reader.username);
    await subs.getByLabel('Password').fill(reader.password);
    await subs.getByRole('button', { name: 'Subscribe' }).click();
    await expect(subs.getByTestId('subscription-note')).toHaveText('Subscribed to “Foreign desk”.');
    expect(await rd.permissionCalls()).toEqual([['request', { origins: ['http://127.0.0.1/*'] }]]);
    const status = subs.getByTestId('subscription-status');
    await expect(status).toContainText('1 entity.');
    await expect(status).toContainText('1 entry skipped (invalid or too large)');
    expect(await names(rd)).toEqual(['Khamenei', 'Mine only']);

    // Marked on a page, and the card says where it comes from.
    const page = await rd.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    expect((await markedTexts(page)).person).toEqual(expect.arrayContaining(['Khamenei']));
    const p = await pointOfMark(page, 'Khamenei');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => cardText(page), { timeout: 10_000 }).toContain('Team: Foreign desk');
    expect(await cardText(page)).toContain('Supreme Leader');

    // The glossary list marks it too, without Edit and Delete.
    await rd.options.goto(rd.options.url().replace(/#.*$/, '#/'));
    await rd.options.reload();
    const row = rd.options.getByTestId('entity-row').filter({ hasText: 'Khamenei' });
    await expect(row.getByTestId('entity-source')).toHaveText('Team: Foreign desk');
    await expect(row.getByRole('button', { name: 'Edit Khamenei' })).toHaveCount(0);

    // Read-only: the extension refuses an edit in words; the server refuses the reader's write.
    const localId = (await send(rd.options, 'entity.list', {})).value!.find((e) => e.name === 'Khamenei')!.id;
    const edit = await send(rd.options, 'entity.update', { id: localId, input: { name: 'Renamed', type: 'person', aliases: [], notes: '' } });
    expect(edit.ok).toBe(false);
    expect(edit.ok ? '' : edit.error).toMatch(/Foreign desk.*read-only/);
    const write = await couch.request('PUT', `/${team}/e:${teamId}`, { ...(await couch.request('GET', `/${team}/e:${teamId}`, undefined, reader)).json, record: { ...created.value, name: 'Reader was here' } }, reader);
    expect(write.status).toBe(403);
    expect(write.json.reason).toMatch(/read-only for you/);

    // Network audit: the reader's profile asked only its own files and the configured server.
    expect(rd.requests.filter((u) => !u.startsWith('chrome-extension://') && !u.startsWith(couch.origin + '/'))).toEqual([]);
    // Unsubscribe: what it brought goes, nothing else; the origin's permission is given back.
    await rd.options.goto(rd.options.url().replace(/#.*$/, '#/settings'));
    await rd.options.reload();
    await rd.options.getByTestId('subscription').getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(rd.options.getByTestId('subscription-note')).toHaveText('Unsubscribed from “Foreign desk”: 1 entity removed.');
    expect(await names(rd)).toEqual(['Mine only']);
    expect(await rd.permissionCalls()).toContainEqual(['remove', { origins: ['http://127.0.0.1/*'] }]);
    await page.reload();
    await page.waitForTimeout(1_500);
    expect((await markedTexts(page)).person ?? []).not.toContain('Khamenei');
  } finally {
    await ed.close();
    await rd.close();
  }
});

test('a published glossary file: a second refresh gets a 304 and changes nothing; a hostile entry is skipped and counted', async () => {
  const file = (entities: unknown[]) => JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities });
  const published = await startGlossaryFileServer(
    file([
      { id: 'pavel', name: 'Petr Pavel', type: 'person', aliases: [{ text: 'Pavel' }], notes: 'President' },
      { id: 'evil', name: '<script>alert(1)</script>', type: 'person' },
    ]),
  );
  const rd = await openProfile('subscription-settings');
  try {
    const subs = rd.options.getByTestId('subscription-settings');
    await subs.getByLabel('A published glossary file').check();
    await subs.getByLabel('Name shown').fill('Desk file');
    await subs.getByLabel('File address').fill(published.url);
    await subs.getByRole('button', { name: 'Subscribe' }).click();
    await expect(subs.getByTestId('subscription-note')).toHaveText('Subscribed to “Desk file”.');
    const status = subs.getByTestId('subscription-status');
    await expect(status).toContainText('1 entity.');
    await expect(status).toContainText('1 entry skipped');
    const before = await send(rd.options, 'entity.list', {});
    expect(before.value!.map((e) => [e.name, e.source?.name])).toEqual([['Petr Pavel', 'Desk file']]);

    await subs.getByRole('button', { name: 'Refresh' }).click();
    await expect(status).toContainText('(no change)');
    expect(published.log.map((l) => l[2])).toEqual([200, 304]);
    expect((await send(rd.options, 'entity.list', {})).value).toEqual(before.value);
    expect(rd.requests.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([published.url, published.url]);
  } finally {
    await rd.close();
    await published.close();
  }
});

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
import { cardOnHover, cardText } from './page-compare';
import { openProfile, subscribeToFile, turnSyncOn, type Profile } from './sync-profiles';
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
    await turnSyncOn(ed, couch, team, editor.username, editor.password);
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
    await cardOnHover(page, 'Khamenei', 'Team: Foreign desk');
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
    await subscribeToFile(rd, 'Desk file', published.url);
    const subs = rd.options.getByTestId('subscription-settings');
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

/** A published file of two team entities, and a reader profile that has subscribed to it, with an own “Khamenei”. */
async function subscribedToDeskFile() {
  const published = await startGlossaryFileServer(
    JSON.stringify({
      format: 'news-context-reader/glossary',
      version: 2,
      entities: [
        { id: 'k', name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: 'Team text: Supreme Leader since 1989' },
        { id: 'r', name: 'Maryam Rajavi', type: 'person', notes: 'Team text: leads the NCRI' },
      ],
    }),
  );
  const rd = await openProfile('subscription-settings');
  await send(rd.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [], notes: 'My own notes on him' } });
  await subscribeToFile(rd, 'Desk file', published.url);
  await expect(rd.options.getByTestId('subscription-status')).toContainText('2 entities.');
  return {
    rd,
    async close() {
      await rd.close();
      await published.close();
    },
  };
}

test('the same name in the reader’s glossary and a team’s: one mark, the card shows the reader’s notes then the team’s; the list marks the team’s source', async ({ server: pages }) => {
  const { rd, close } = await subscribedToDeskFile();
  try {
    // One mark on the page; the reader's card, with their notes first, then the team's.
    const page = await rd.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    const text = await cardOnHover(page, 'Khamenei', 'From Desk file');
    expect(text).toContain('My own notes on him');
    expect(text).toContain('Supreme Leader since 1989');
    expect(text.indexOf('My own notes on him')).toBeLessThan(text.indexOf('From Desk file'));
    expect(text).not.toContain('Team: Desk file');

    // The list: the team entities carry their source.
    await rd.options.goto(`chrome-extension://${rd.id}/options.html#/`);
    await rd.options.reload();
    const teamRows = rd.options.getByTestId('entity-row').filter({ has: rd.options.getByTestId('entity-source') });
    await expect(teamRows.getByTestId('entity-source')).toHaveText(['Team: Desk file', 'Team: Desk file']);
  } finally {
    await close();
  }
});

test('a team entity’s page is read-only (no Edit, Merge, Delete; its source said); “Add my own note” makes an entry of the reader’s own, shown with the team’s on the card', async ({ server: pages }) => {
  const { rd, close } = await subscribedToDeskFile();
  try {
    const list = (await send(rd.options, 'entity.list', {})).value!;
    const teamKhamenei = list.find((e) => e.name === 'Khamenei' && e.source)!;
    const ownKhamenei = list.find((e) => e.name === 'Khamenei' && !e.source)!;
    await rd.options.goto(`chrome-extension://${rd.id}/options.html#/entity/${teamKhamenei.id}`);
    const head = rd.options.getByTestId('entity-page');
    await expect(head.getByTestId('entity-team-source')).toContainText('From Desk file — read-only');
    for (const name of ['Edit', 'Merge…', 'Delete']) await expect(head.getByRole('button', { name, exact: true }).or(head.getByRole('link', { name, exact: true }))).toHaveCount(0);
    // Its edit address shows the page, not the form.
    await rd.options.goto(`chrome-extension://${rd.id}/options.html#/entity/${teamKhamenei.id}/edit`);
    await expect(rd.options.getByTestId('entity-team-source')).toBeVisible();
    await expect(rd.options.getByTestId('edit-entity')).toHaveCount(0);
    // The reader already has their own entry of that name: a link to it.
    await expect(rd.options.getByTestId('entity-team-source').getByRole('link', { name: 'Khamenei' })).toHaveAttribute('href', `#/entity/${ownKhamenei.id}`);

    // "Add my own note" on a team-only entity: an entry of the reader's own, with the note.
    const teamRajavi = list.find((e) => e.name === 'Maryam Rajavi')!;
    await rd.options.goto(`chrome-extension://${rd.id}/options.html#/entity/${teamRajavi.id}`);
    const source = rd.options.getByTestId('entity-team-source');
    await source.getByRole('button', { name: 'Add my own note' }).click();
    await source.getByRole('textbox').fill('My note: met her press officer');
    await source.getByRole('button', { name: 'Save my note' }).click();
    await expect(rd.options.getByTestId('entity-page-notes')).toHaveText('My note: met her press officer');
    await expect(rd.options.getByTestId('entity-team-source')).toHaveCount(0);
    const mine = (await send(rd.options, 'entity.list', {})).value!.filter((e) => e.name === 'Maryam Rajavi');
    expect(mine.map((e) => [e.notes, e.source?.name ?? null]).sort()).toEqual([
      ['My note: met her press officer', null],
      ['Team text: leads the NCRI', 'Desk file'],
    ]);
    const page = await rd.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    await cardOnHover(page, 'Maryam Rajavi', 'My note: met her press officer');
    expect(await cardText(page)).toContain('leads the NCRI');
  } finally {
    await close();
  }
});

test('turning sync off keeps the origin a subscription still uses; unsubscribing the last user gives it back', async () => {
  const published = await startGlossaryFileServer(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ id: 'p', name: 'Petr Pavel', type: 'person' }] }));
  const database = `own-${process.pid}`;
  const user = { username: `own${process.pid}`, password: 'pw' };
  await couch.createDatabase(database, user);
  const rd = await openProfile('subscription-settings');
  try {
    await turnSyncOn(rd, couch, database, user.username, user.password);
    await subscribeToFile(rd, 'Desk file', published.url);
    const [sync, subs] = [rd.options.getByTestId('sync-settings'), rd.options.getByTestId('subscription-settings')];
    // Both on 127.0.0.1: one permission pattern.
    expect(await rd.permissionCalls()).toEqual([
      ['request', { origins: ['http://127.0.0.1/*'] }],
      ['request', { origins: ['http://127.0.0.1/*'] }],
    ]);

    await sync.getByRole('button', { name: 'Turn sync off' }).click();
    await expect(sync.getByTestId('sync-note')).toHaveText('Sync is off.');
    expect((await rd.permissionCalls()).filter((call) => (call as [string])[0] === 'remove')).toEqual([]);

    await subs.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(subs.getByTestId('subscription-note')).toHaveText('Unsubscribed from “Desk file”: 1 entity removed.');
    expect((await rd.permissionCalls()).filter((call) => (call as [string])[0] === 'remove')).toEqual([['remove', { origins: ['http://127.0.0.1/*'] }]]);
  } finally {
    await rd.close();
    await published.close();
  }
});

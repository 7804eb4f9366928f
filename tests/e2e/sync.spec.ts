/**
 * Sync between two browser profiles through a CouchDB-compatible server the test starts on
 * 127.0.0.1 (express-pouchdb, tests/sync/couch-server.ts): the built extension, the options
 * page's Settings › Sync, the service worker's PouchDB. docs/sync.md.
 *
 * Chromium shows a prompt for `permissions.request` that a headless test cannot answer, so the
 * options page's `chrome.permissions.request/remove` are recorded and answered "granted" here;
 * the test checks the page asked for the server's origin and gave it back. The network audit
 * still sees every request the extension makes.
 */
import { test, expect, send, waitForMarks, markedTexts, selectText, tabIdOf } from './fixtures';
import { startCouchServer, type CouchServer } from '../sync/couch-server';
import { openProfile, turnSyncOn, type Profile } from './sync-profiles';
import { cardOnHover, cardText } from './page-compare';

async function syncNow(p: Profile) {
  const reply = await send(p.options, 'sync.now', {});
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

let server: CouchServer;
test.beforeAll(async () => {
  server = await startCouchServer();
});
test.afterAll(async () => {
  await server?.close();
});

let dbSerial = 0;
async function database(): Promise<{ name: string; username: string; password: string }> {
  const n = ++dbSerial;
  const name = `glossary-${process.pid}-${n}`;
  const user = { username: `reader${process.pid}x${n}`, password: `pw-${n}` };
  await server.createDatabase(name, user);
  return { name, ...user };
}

test('an entity added on A reaches B within seconds, are marked on a page there; only the server was asked', async ({ server: pages }) => {
  const db = await database();
  const [a, b] = [await openProfile(), await openProfile()];
  try {
    await turnSyncOn(a, server, db.name, db.username, db.password);
    await turnSyncOn(b, server, db.name, db.username, db.password);
    // The page asked for the server's origin, as a host permission.
    const calls = await a.permissionCalls();
    expect(calls).toEqual([['request', { origins: ['http://127.0.0.1/*'] }]]);

    const created = await send(a.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: 'Supreme Leader' } });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    // Pushed by itself, within seconds (no "Sync now" on A).
    await expect.poll(async () => (await server.request('GET', `/${db.name}/e:${id}`, undefined, db)).status, { timeout: 10_000 }).toBe(200);

    const state = await syncNow(b);
    expect(state.status.problem).toBeNull();
    const onB = await send(b.options, 'entity.get', { ids: [id] });
    expect(onB.ok && onB.value.map((e) => e.name)).toEqual(['Khamenei']);

    const page = await b.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    expect((await markedTexts(page)).person).toEqual(expect.arrayContaining(['Khamenei']));

    // The status line says it in words.
    await b.options.reload();
    await expect(b.options.getByTestId('sync-status')).toContainText('Last synced just now.');

    // Network audit: the extension asked only its own files and the configured server.
    const foreign = [...a.requests, ...b.requests].filter((u) => !u.startsWith(`chrome-extension://`) && !u.startsWith(server.origin + '/'));
    expect(foreign).toEqual([]);
    expect(a.requests.some((u) => u.startsWith(server.origin))).toBe(true);

    // Turned off: the permission is given back, and nothing more reaches the server.
    await b.options.getByTestId('sync-settings').getByRole('button', { name: 'Turn sync off' }).click();
    await expect(b.options.getByTestId('sync-note')).toHaveText('Sync is off.');
    const bCalls = await b.permissionCalls();
    expect(bCalls).toContainEqual(['remove', { origins: ['http://127.0.0.1/*'] }]);
    const before = b.requests.length;
    await send(b.options, 'entity.create', { input: { name: 'Offline only', type: 'person', aliases: [], notes: '' } });
    await send(b.options, 'sync.now', {});
    await b.options.waitForTimeout(2_500);
    expect(b.requests.slice(before).filter((u) => u.startsWith(server.origin))).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});

test('the reading index syncs when its switch is on: B’s entity page and card list the article read on A', async ({ server: pages }) => {
  const db = await database();
  const [a, b] = [await openProfile(), await openProfile()];
  try {
    await turnSyncOn(a, server, db.name, db.username, db.password, { reading: true });
    await turnSyncOn(b, server, db.name, db.username, db.password, { reading: true });
    const created = await send(a.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: '' } });
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    await expect.poll(async () => (await server.request('GET', `/${db.name}/e:${id}`, undefined, db)).status, { timeout: 10_000 }).toBe(200);
    expect((await syncNow(b)).status.problem).toBeNull();

    // Read on A: the page is recorded, and its document reaches the server by itself.
    const page = await a.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    const readOnA = async () => {
      const r = await send(a.options, 'entity.reading', { entityId: id });
      return r.ok ? (r.value?.articles[0]?.url ?? '') : '';
    };
    await expect.poll(readOnA, { timeout: 10_000 }).not.toBe('');
    const url = await readOnA();
    await expect.poll(async () => (await server.request('GET', `/${db.name}/${encodeURIComponent(`a:${url}`)}`, undefined, db)).status, { timeout: 10_000 }).toBe(200);

    // On B: "What I read" on the entity's page, and the card's other articles.
    expect((await syncNow(b)).status.problem).toBeNull();
    await b.options.goto(`chrome-extension://${b.id}/options.html#/entity/${id}`);
    await expect(b.options.getByTestId('reading-item')).toHaveCount(1);
    await expect(b.options.getByTestId('reading-list')).toContainText(await page.title());
    const card = await send(b.options, 'entity.card', { entityId: id, pageUrl: 'https://elsewhere.test/', canonicalHref: null });
    expect(card.ok && card.value?.alsoIn.map((x) => x.url)).toEqual([url]);
  } finally {
    await a.close();
    await b.close();
  }
});

test('restore on a fresh profile: a brand-new profile given the same server gets the glossary, notes and settings back', async ({ server: pages }) => {
  const db = await database();
  const a = await openProfile();
  let entityId = '';
  try {
    const created = await send(a.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: 'Supreme Leader', tags: ['iran'] } });
    if (!created.ok) throw new Error(created.error);
    entityId = created.value.id;
    expect((await send(a.options, 'settings.update', { patch: { markStyle: 'dotted', disabledSites: ['example.org'] } })).ok).toBe(true);
    // A saved note, as the reader saves one: a quote selected on a page, then a comment.
    const page = await a.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    await selectText(page, 'the rising popularity of the MEK');
    const saved = await send(a.options, 'note.saveSelection', { tabId: await tabIdOf(a.options, page) });
    if (saved.value?.status !== 'saved') throw new Error(JSON.stringify(saved));
    expect((await send(a.options, 'note.update', { id: saved.value.note.id, patch: { comment: 'Kept off this machine' } })).ok).toBe(true);
    await turnSyncOn(a, server, db.name, db.username, db.password);
    expect((await syncNow(a)).status.problem).toBeNull();
  } finally {
    // The first machine is gone.
    await a.close();
  }

  const b = await openProfile();
  try {
    expect((await send(b.options, 'entity.list', {})).value).toEqual([]);
    await turnSyncOn(b, server, db.name, db.username, db.password);
    await expect.poll(async () => (await syncNow(b)).status.lastSyncAt !== null && (await send(b.options, 'entity.list', {})).value.length, { timeout: 20_000 }).toBe(1);
    const [entity] = (await send(b.options, 'entity.get', { ids: [entityId] })).value!;
    expect(entity).toMatchObject({ name: 'Khamenei', aliases: [{ text: 'Ali Khamenei' }], notes: 'Supreme Leader', tags: ['iran'] });
    const notes = (await send(b.options, 'notes.query', {})).value.items.map((v: { note: { quote: string; comment: string } }) => [v.note.quote, v.note.comment]);
    expect(notes).toEqual([['the rising popularity of the MEK', 'Kept off this machine']]);
    const settings = (await send(b.options, 'settings.get', {})).value!;
    expect(settings.markStyle).toBe('dotted');
    expect(settings.disabledSites).toEqual(['example.org']);
  } finally {
    await b.close();
  }
});

test('a wrong password: a clear message, nothing changed', async () => {
  const db = await database();
  const a = await openProfile();
  try {
    await send(a.options, 'entity.create', { input: { name: 'Kept here', type: 'person', aliases: [], notes: '' } });
    const panel = a.options.getByTestId('sync-settings');
    await panel.getByLabel('Server address').fill(server.origin);
    await panel.getByLabel('Database').fill(db.name);
    await panel.getByLabel('User name').fill(db.username);
    await panel.getByLabel('Password').fill('not-the-password');
    await panel.getByRole('button', { name: 'Test connection' }).click();
    await expect(panel.getByTestId('sync-error')).toContainText('did not accept the user name or password');
    await panel.getByRole('button', { name: 'Turn sync on' }).click();
    await expect(panel.getByTestId('sync-status')).toContainText('did not accept the user name or password', { timeout: 10_000 });
    const list = await send(a.options, 'entity.list', {});
    expect(list.ok && list.value.map((e) => e.name)).toEqual(['Kept here']);
    const docs = await server.request('GET', `/${db.name}/_all_docs`, undefined, db);
    expect(docs.json.rows).toEqual([]);
  } finally {
    await a.close();
  }
});

test('hostile documents pushed straight to the server are refused on B, counted, B unchanged', async () => {
  const db = await database();
  const b = await openProfile();
  try {
    await send(b.options, 'entity.create', { input: { name: 'Mine', type: 'person', aliases: [], notes: '' } });
    const base = { type: 'person', aliases: [], notes: '', createdAt: 1, updatedAt: 1 };
    const docs = [
      { _id: 'e:badschema', kind: 'entity', record: { ...base, id: 'badschema', name: 'No type', type: 'wizard' } },
      { _id: 'e:script', kind: 'entity', record: { ...base, id: 'script', name: '<img src=x onerror=alert(1)>' } },
      { _id: 'e:huge', kind: 'entity', record: { ...base, id: 'huge', name: 'Huge', notes: 'x'.repeat(10 * 1024 * 1024) } },
    ];
    for (const doc of docs) expect((await server.request('PUT', `/${db.name}/${doc._id}`, doc, db)).status).toBe(201);
    await turnSyncOn(b, server, db.name, db.username, db.password);
    await expect.poll(async () => (await syncNow(b)).status.rejected, { timeout: 20_000 }).toBe(3);
    await b.options.reload();
    await expect(b.options.getByTestId('sync-status')).toContainText('3 documents from the server refused');
    const list = await send(b.options, 'entity.list', {});
    expect(list.ok && list.value.map((e) => e.name)).toEqual(['Mine']);
  } finally {
    await b.close();
  }
});

test('edits of one entity on A and B while the server is away: both orders, no word lost, one click settles it', async () => {
  const db = await database();
  const [a, b] = [await openProfile(), await openProfile()];
  try {
    await turnSyncOn(a, server, db.name, db.username, db.password);
    await turnSyncOn(b, server, db.name, db.username, db.password);
    const ids: string[] = [];
    for (const name of ['Maryam Rajavi', 'Massoud Rajavi']) {
      const r = await send(a.options, 'entity.create', { input: { name, type: 'person', aliases: [], notes: 'base' } });
      if (!r.ok) throw new Error(r.error);
      ids.push(r.value.id);
    }
    await syncNow(a);
    await syncNow(b);
    expect((await send(b.options, 'entity.list', {})).value).toHaveLength(2);

    for (const [round, id] of ids.entries()) {
      await server.stop();
      const base = round === 0 ? 'Maryam Rajavi' : 'Massoud Rajavi';
      await send(a.options, 'entity.update', { id, input: { name: `${base} (A)`, type: 'person', aliases: [{ text: 'alias from A' }], notes: 'notes from A', tags: ['from-a'] } });
      await send(b.options, 'entity.update', { id, input: { name: `${base} (B)`, type: 'person', aliases: [{ text: 'alias from B' }], notes: 'notes from B', tags: ['from-b'] } });
      // Offline: the status says so in words, and the change waits.
      const offline = await syncNow(a);
      expect(offline.status.problem).toBe('unreachable');
      await server.start();
      const [first, second] = round === 0 ? [a, b] : [b, a];
      await syncNow(first);
      await syncNow(second);
      await syncNow(first);
      const [ea] = (await send(a.options, 'entity.get', { ids: [id] })).value!;
      const [eb] = (await send(b.options, 'entity.get', { ids: [id] })).value!;
      expect(ea).toEqual(eb);
      expect(ea!.aliases.map((x) => x.text).sort()).toEqual(['alias from A', 'alias from B']);
      expect(ea!.tags!.slice().sort()).toEqual(['from-a', 'from-b']);
      const state = await syncNow(a);
      const conflict = state.conflicts.find((c) => c.id === id)!;
      expect(conflict.fields.map((f) => [f.mine, f.other].sort())).toEqual([
        [`${base} (A)`, `${base} (B)`],
        ['notes from A', 'notes from B'],
      ]);
    }

    // One click on A: keep B's name of the first entity; it reaches B.
    await a.options.reload();
    const list = a.options.getByTestId('sync-conflicts');
    await expect(list).toContainText('Edited on two devices');
    await list.getByRole('button', { name: 'Keep “Maryam Rajavi (B)”' }).click();
    await expect(list.getByRole('button', { name: 'Keep “Maryam Rajavi (B)”' })).toHaveCount(0);
    await syncNow(a);
    const after = await syncNow(b);
    const [eb] = (await send(b.options, 'entity.get', { ids: [ids[0]!] })).value!;
    expect(eb!.name).toBe('Maryam Rajavi (B)');
    expect(after.conflicts.find((c) => c.id === ids[0])?.fields.map((f) => f.field)).toEqual(['notes']);

    // On the entity's own page (B): both texts and the same one-click choice.
    const [second] = (await send(b.options, 'entity.get', { ids: [ids[1]!] })).value!;
    await b.options.goto(`chrome-extension://${b.id}/options.html#/entity/${ids[1]}`);
    const panel = b.options.getByTestId('entity-conflict');
    await expect(panel).toContainText('Edited on two devices');
    await expect(panel).toContainText('Massoud Rajavi (A)');
    await expect(panel).toContainText('Massoud Rajavi (B)');
    const otherName = second!.name === 'Massoud Rajavi (A)' ? 'Massoud Rajavi (B)' : 'Massoud Rajavi (A)';
    await panel.locator('.sync__choice', { hasText: otherName }).locator('div', { hasText: otherName }).getByRole('button', { name: 'Keep this name' }).click();
    await expect(b.options.locator('#entity-title')).toContainText(otherName);
    await expect(b.options.locator('#entity-title')).not.toContainText(second!.name);
    await expect.poll(async () => (await send(b.options, 'sync.get', {})).value!.conflicts.find((c) => c.id === ids[1])?.fields.map((f) => f.field)).toEqual(['notes']);
  } finally {
    await a.close();
    await b.close();
  }
});

test('the card of an entity edited on two devices shows both texts and where to choose; the choice clears it', async ({ server: pages }) => {
  const db = await database();
  const [a, b] = [await openProfile(), await openProfile()];
  try {
    await turnSyncOn(a, server, db.name, db.username, db.password);
    await turnSyncOn(b, server, db.name, db.username, db.password);
    const created = await send(a.options, 'entity.create', { input: { name: 'Khamenei', type: 'person', aliases: [{ text: 'Ali Khamenei' }], notes: 'base' } });
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    await syncNow(a);
    await syncNow(b);
    // Both devices write its notes while the server is away.
    await server.stop();
    const edit = (notes: string) => ({ id, input: { name: 'Khamenei', type: 'person' as const, aliases: [{ text: 'Ali Khamenei' }], notes } });
    expect((await send(a.options, 'entity.update', edit('Notes written on A'))).ok).toBe(true);
    expect((await send(b.options, 'entity.update', edit('Notes written on B'))).ok).toBe(true);
    await server.start();
    await syncNow(a);
    await syncNow(b);
    const state = await syncNow(a);
    expect(state.conflicts.find((c) => c.id === id)?.fields.map((f) => f.field)).toEqual(['notes']);
    await syncNow(b);

    // Hover the mark on B: both texts, and where the one-click choice is.
    const page = await b.context.newPage();
    await page.goto(pages.url('seed-article.html'));
    await waitForMarks(page);
    const text = await cardOnHover(page, 'Khamenei', 'Edited on two devices');
    expect(text).toContain('Notes written on A');
    expect(text).toContain('Notes written on B');
    expect(text).toContain('Choose one on its page in the glossary');

    // The choice, on the entity's page: the card no longer says it.
    await b.options.goto(`chrome-extension://${b.id}/options.html#/entity/${id}`);
    const panel = b.options.getByTestId('entity-conflict');
    await panel.locator('.sync__choice', { hasText: 'Notes written on A' }).locator('div', { hasText: 'Notes written on A' }).getByRole('button', { name: 'Keep this text' }).click();
    await expect(b.options.getByTestId('entity-page-notes')).toHaveText('Notes written on A');
    await page.mouse.move(1, 1);
    await page.reload();
    await waitForMarks(page);
    await cardOnHover(page, 'Khamenei', 'Notes written on A');
    expect(await cardText(page)).not.toContain('Edited on two devices');
  } finally {
    await a.close();
    await b.close();
  }
});

test('500 entities added offline on A reach B; B’s worker stopped mid-sync resumes without duplicates', async () => {
  const db = await database();
  const [a, b] = [await openProfile(), await openProfile()];
  try {
    const entities = Array.from({ length: 500 }, (_, i) => ({ name: `Person number ${i}`, type: 'person', aliases: [{ text: `P${i}` }], notes: `note ${i}` }));
    const text = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, exportedAt: new Date().toISOString(), entities });
    const preview = await send(a.options, 'import.preview', { text });
    if (!preview.ok || !preview.value.valid) throw new Error('import preview failed');
    expect((await send(a.options, 'import.commit', { token: preview.value.token, text, choices: { default: 'merge' } })).ok).toBe(true);
    await turnSyncOn(a, server, db.name, db.username, db.password);
    await expect.poll(async () => (await send(a.options, 'sync.get', {})).value?.status.lastPushed, { timeout: 30_000 }).toBeGreaterThanOrEqual(500);

    await turnSyncOn(b, server, db.name, db.username, db.password);
    // Turning sync on starts a cycle; stop B's worker while it pulls.
    const cdp = await b.context.newCDPSession(b.options);
    await cdp.send('ServiceWorker.enable');
    const midway = await send(b.options, 'sync.get', {});
    expect(midway.value?.status.running).toBe(true);
    await cdp.send('ServiceWorker.stopAllWorkers');
    const state = await syncNow(b);
    expect(state.status.problem).toBeNull();
    const list = (await send(b.options, 'entity.list', {})).value!;
    expect(list).toHaveLength(500);
    expect(new Set(list.map((e) => e.name)).size).toBe(500);
    const docs = await server.request('GET', `/${db.name}/_all_docs`, undefined, db);
    expect(docs.json.rows.filter((r: { id: string }) => r.id.startsWith('e:'))).toHaveLength(500);
  } finally {
    await a.close();
    await b.close();
  }
});

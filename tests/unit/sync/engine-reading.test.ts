/**
 * The reading index syncs (issue 16, docs/sync.md): articles read and their mention rows travel
 * when the switch is on, by the conflict rules of lib/sync/resolve.ts, between two devices and
 * the loopback CouchDB-compatible server.
 */
/// <reference types="pouchdb-core" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { input, statsOfEntity, T0 } from '../storage/helpers';
import { closeAfterStrays, syncDevices, type Device } from './devices';
import { startCouchServer, type CouchServer } from '../../sync/couch-server';
import { createEntity, deleteEntity } from '../../../lib/storage/entities';
import { alsoIn, clearReadingHistory, entityReading, forgetArticle, listArticlePage, listArticles, listMentionsOfArticle, recordVisit } from '../../../lib/storage/reading';
import { getSyncConfig, getSyncStatus, putSyncConfig } from '../../../lib/storage/sync-records';
import { ARTICLE_DOC_BUDGET } from '../../../lib/model/sync';

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => {
  await closeAfterStrays(server);
});

const { pair } = syncDevices(() => server);
const READING = { reading: true };
const URL_X = 'https://news.test/2025/iran-talks';
const URL_Y = 'https://news.test/2025/eu-summit';

async function read(d: Device, url: string, entityIds: string[], at: number, count = 1) {
  const r = await recordVisit(d.db, { url, title: `Title of ${url}`, site: 'News Test', mentions: entityIds.map((entityId) => ({ entityId, count, snippet: `snippet ${entityId}` })) }, at);
  expect(r.recorded).toBe(true);
}

const urls = async (d: Device) => (await listArticles(d.db)).map((a) => a.url).sort();
const rowsOf = async (d: Device, url: string) => (await listMentionsOfArticle(d.db, url)).map((m) => [m.entityId, m.count, m.lastSeen]);

/** Both devices know these entities (synced from A). */
async function sharedEntities(a: Device, b: Device, ...names: string[]) {
  const ids: string[] = [];
  for (const name of names) ids.push((await createEntity(a.db, input(name), T0)).id);
  await a.engine.sync();
  await b.engine.sync();
  return ids;
}

describe('the reading index syncs', () => {
  it('articles read on A reach B: the entity page, the card’s other articles and the statistics list them', async () => {
    const [a, b] = await pair(READING);
    const [khamenei, mek] = await sharedEntities(a, b, 'Khamenei', 'MEK');
    await read(a, URL_X, [khamenei!, mek!], T0 + 10, 3);
    await read(a, URL_Y, [khamenei!], T0 + 20);
    expect((await a.engine.sync()).problem).toBeNull();
    const s = await b.engine.sync();
    expect(s.problem).toBeNull();
    expect(s.lastPulled).toBe(2);
    expect(await urls(b)).toEqual([URL_Y, URL_X].sort());
    expect((await entityReading(b.db, khamenei!)).articles.map((x) => x.url)).toEqual([URL_Y, URL_X]);
    expect((await alsoIn(b.db, mek!)).map((x) => [x.url, x.count])).toEqual([[URL_X, 3]]);
    expect(await statsOfEntity(b.db, khamenei!)).toEqual(await statsOfEntity(a.db, khamenei!));
    // Nothing moves on the next cycles.
    expect((await a.engine.sync()).lastPushed).toBe(0);
    expect((await b.engine.sync()).lastPushed).toBe(0);
  });

  for (const order of ['A first', 'B first'] as const) {
    it(`the same article read on both devices offline (${order}): one article, rows united, earliest first read, latest last read`, async () => {
      const [a, b] = await pair(READING);
      const [e1, e2, e3] = await sharedEntities(a, b, 'One', 'Two', 'Three');
      await read(a, URL_X, [e1!, e2!], T0 + 100, 2);
      await read(b, URL_X, [e2!, e3!], T0 + 50, 5);
      const [first, second] = order === 'A first' ? [a, b] : [b, a];
      await first.engine.sync();
      await second.engine.sync();
      await first.engine.sync();
      for (const d of [a, b]) {
        const [article] = await listArticles(d.db);
        expect(article).toMatchObject({ url: URL_X, firstSeen: T0 + 50, lastSeen: T0 + 100 });
        // e2 read on both: A's later reading.
        expect(await rowsOf(d, URL_X)).toEqual([[e1, 2, T0 + 100], [e2, 2, T0 + 100], [e3, 5, T0 + 50]].sort());
        expect((await statsOfEntity(d.db, e2!))?.articles).toBe(1);
      }
    });
  }

  it('forgotten on A, read again on B after that: B’s later reading comes back alone; read on B only before: the deletion wins', async () => {
    const [a, b] = await pair(READING);
    const [e1, e2] = await sharedEntities(a, b, 'One', 'Two');
    await read(a, URL_X, [e1!, e2!], T0 + 10);
    await read(a, URL_Y, [e1!], T0 + 10);
    await a.engine.sync();
    await b.engine.sync();
    // Offline: A forgets both at T0+100; B reads X again at T0+200 (after), Y at T0+60 (before).
    expect(await forgetArticle(a.db, URL_X, T0 + 100)).toBe(true);
    expect(await forgetArticle(a.db, URL_Y, T0 + 100)).toBe(true);
    await read(b, URL_X, [e1!], T0 + 200);
    await read(b, URL_Y, [e1!], T0 + 60);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const d of [a, b]) {
      expect(await urls(d)).toEqual([URL_X]);
      const [x] = await listArticles(d.db);
      // Nothing from before the deletion: not the first reading, not e2's row.
      expect(x).toMatchObject({ firstSeen: T0 + 200, lastSeen: T0 + 200 });
      expect(await rowsOf(d, URL_X)).toEqual([[e1, 1, T0 + 200]]);
      expect((await statsOfEntity(d.db, e2!)) ?? null).toBeNull();
    }
  });

  it('history cleared on A reaches B; what B reads afterwards syncs again', async () => {
    const [a, b] = await pair(READING);
    const [e1] = await sharedEntities(a, b, 'One');
    await read(a, URL_X, [e1!], T0 + 10);
    await read(a, URL_Y, [e1!], T0 + 10);
    await a.engine.sync();
    await b.engine.sync();
    expect(await urls(b)).toHaveLength(2);
    await clearReadingHistory(a.db, T0 + 100);
    await a.engine.sync();
    await b.engine.sync();
    expect(await urls(b)).toEqual([]);
    expect((await statsOfEntity(b.db, e1!)) ?? null).toBeNull();
    await read(b, URL_X, [e1!], T0 + 300);
    await b.engine.sync();
    await a.engine.sync();
    expect(await urls(a)).toEqual([URL_X]);
  });

  it('rows of an entity this device does not have are kept and not shown, and count once it arrives', async () => {
    const [a, b] = await pair({ reading: true, glossary: false });
    const [e1] = await sharedEntities(a, b, 'Not synced yet');
    await read(a, URL_X, [e1!], T0 + 10, 4);
    await a.engine.sync();
    await b.engine.sync();
    // B has the article and the row; its views pass over the entity they cannot name.
    expect(await urls(b)).toEqual([URL_X]);
    expect(await rowsOf(b, URL_X)).toEqual([[e1, 4, T0 + 10]]);
    expect((await listArticlePage(b.db)).items[0]!.entities).toEqual([]);
    // The glossary syncs too now: the entity arrives, and its page lists the article.
    for (const d of [a, b]) await putSyncConfig(d.db, { ...(await getSyncConfig(d.db)), scope: { glossary: true, notes: true, settings: true, reading: true } });
    await a.engine.sync();
    await b.engine.sync();
    const page = await entityReading(b.db, e1!);
    expect(page.articles.map((x) => [x.url, x.count])).toEqual([[URL_X, 4]]);
    expect(page.total).toBe(1);
    // Deleted on A: its rows go on both devices.
    await deleteEntity(a.db, e1!);
    await a.engine.sync();
    await b.engine.sync();
    expect(await rowsOf(b, URL_X)).toEqual([]);
  });

  it('the switch off: articles neither pushed nor pulled, nothing deleted on the server; on again: the ones passed over are taken and joined', async () => {
    const [a, b, name, user] = await pair(READING);
    const [e1, e2] = await sharedEntities(a, b, 'One', 'Two');
    await read(a, URL_X, [e1!], T0 + 10);
    await a.engine.sync();
    const off = { glossary: true, notes: true, settings: true, reading: false };
    for (const d of [a, b]) await putSyncConfig(d.db, { ...(await getSyncConfig(d.db)), scope: off });
    await read(a, URL_Y, [e1!], T0 + 20);
    await forgetArticle(a.db, URL_X, T0 + 30);
    await read(b, URL_X, [e2!], T0 + 40);
    await a.engine.sync();
    await b.engine.sync();
    // Nothing of the reading index moved: X still on the server, Y never sent, B's X its own.
    expect((await server.request('GET', `/${name}/${encodeURIComponent(`a:${URL_X}`)}`, undefined, user)).status).toBe(200);
    expect((await server.request('GET', `/${name}/${encodeURIComponent(`a:${URL_Y}`)}`, undefined, user)).status).toBe(404);
    expect(await rowsOf(b, URL_X)).toEqual([[e2, 1, T0 + 40]]);
    // Not even in B's mirror: the pull passed it over, uncounted (it is not refused).
    const mirrorOfB = (b.engine as unknown as { mirror: PouchDB.Database }).mirror;
    await expect(mirrorOfB.get(`a:${URL_X}`)).rejects.toMatchObject({ status: 404 });
    expect((await getSyncStatus(b.db)).rejected).toBe(0);
    // On again on B: A's X (not pulled while off) is pulled now and joined with B's own.
    await putSyncConfig(b.db, { ...(await getSyncConfig(b.db)), scope: READING_ALL });
    await b.engine.sync();
    expect(await rowsOf(b, URL_X)).toEqual([[e1, 1, T0 + 10], [e2, 1, T0 + 40]].sort());
  });

  it('an article with thousands of mentions travels with its most mentioned rows under the limit; the reading device keeps all of its own', async () => {
    const [a, b, name, user] = await pair({ reading: true, glossary: false });
    const ids = Array.from({ length: 2000 }, (_, i) => `ent${String(i).padStart(5, '0')}`);
    const many = ids.map((entityId, i) => ({ entityId, count: 1 + (i % 100), snippet: 's'.repeat(300) }));
    // recordVisit keeps rows of existing entities only: both devices have them (the glossary does not sync here).
    for (const d of [a, b]) for (const id of ids) await d.db.put('entities', { ...input(id), id, nameKey: id, createdAt: T0, updatedAt: T0 } as never);
    expect((await recordVisit(a.db, { url: URL_X, title: 'Huge', site: 'x', mentions: many }, T0 + 10)).mentions).toBe(2000);
    expect((await a.engine.sync()).problem).toBeNull();
    const onServer = (await server.request('GET', `/${name}/${encodeURIComponent(`a:${URL_X}`)}`, undefined, user)).json as { cut?: boolean; mentions: unknown[] };
    expect(onServer.cut).toBe(true);
    expect(JSON.stringify(onServer).length).toBeLessThan(ARTICLE_DOC_BUDGET + 4096);
    const s = await b.engine.sync();
    expect(s.rejected).toBe(0);
    expect((await rowsOf(b, URL_X)).length).toBe(onServer.mentions.length);
    expect((await rowsOf(a, URL_X)).length).toBe(2000);
    // B reads the same page again (its own 2,000 rows, a cut document again): A keeps every row.
    expect((await recordVisit(b.db, { url: URL_X, title: 'Huge', site: 'x', mentions: many }, T0 + 50)).mentions).toBe(2000);
    await b.engine.sync();
    await a.engine.sync();
    expect((await rowsOf(a, URL_X)).length).toBe(2000);
    expect((await listArticles(a.db))[0]!.lastSeen).toBe(T0 + 50);
  });

  it('article documents that fail validation are refused and counted; B’s reading index unchanged', async () => {
    const [a, b, name, user] = await pair(READING);
    await a.engine.sync();
    const bad = [
      { _id: 'a:https://evil.test/1', kind: 'article', record: { url: 'https://evil.test/1', title: 't', site: 's', firstSeen: 1, lastSeen: 1 }, mentions: [{ entityId: 'e1', count: -1, snippet: '', lastSeen: 1 }] },
      { _id: 'a:https://evil.test/2', kind: 'article', record: { url: 'https://other.test/', title: 't', site: 's', firstSeen: 1, lastSeen: 1 }, mentions: [] },
      { _id: 'a:https://evil.test/3', kind: 'article', record: { url: 'https://evil.test/3', title: 'x'.repeat(300_000), site: 's', firstSeen: 1, lastSeen: 1 }, mentions: [] },
    ];
    for (const doc of bad) expect((await server.request('PUT', `/${name}/${encodeURIComponent(doc._id)}`, doc, user)).status).toBe(201);
    const s = await b.engine.sync();
    expect(s.problem).toBeNull();
    expect(s.rejected).toBe(3);
    expect(await urls(b)).toEqual([]);
  });
});

const READING_ALL = { glossary: true, notes: true, settings: true, reading: true };

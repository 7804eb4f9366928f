/**
 * Team glossary subscriptions (docs/sync-team-glossary.md) against real servers on 127.0.0.1:
 * the CouchDB-compatible test server (express-pouchdb, `_security` and the team's
 * validate_doc_update enforced) and a published file with ETag / Last-Modified. The store is
 * fake-indexeddb; the browser path is tests/e2e/sync-team.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { freshDb, input, T0 } from '../storage/helpers';
import { startCouchServer, type CouchServer } from '../../sync/couch-server';
import { startGlossaryFileServer } from '../../sync/glossary-file-server';
import { SubscriptionRefresher, type RemoteDatabase } from '../../../lib/sync/subscription';
import { SubscriptionService } from '../../../lib/background/subscription-service';
import { createEntity, deleteEntity, getGlossaryRevision, getGlossarySnapshot, listEntities, mergeEntities, updateEntity } from '../../../lib/storage/entities';
import { addNote } from '../../../lib/storage/notes';
import { localSnapshot, putSyncConfig } from '../../../lib/storage/sync-records';
import { dumpAll, exportFile, listOwnEntities } from '../../../lib/storage/export';
import { SyncConfig, SyncScope, SyncStatus } from '../../../lib/model/sync';
import { SyncService } from '../../../lib/background/sync-service';
import { originToRelease, teamEntityId } from '../../../lib/model/subscription';
import type { Database } from '../../../lib/storage/db';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as RemoteDatabase;

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
let ids = 0;
function serviceFor(db: Database) {
  const requests: string[] = [];
  const counted: typeof fetch = (url, init) => {
    requests.push(String(url instanceof Request ? url.url : url));
    return fetch(url, init);
  };
  const refresher = new SubscriptionRefresher({ db: async () => db, PouchDB, fetch: counted, now: () => Date.now() });
  let changes = 0;
  const service = new SubscriptionService(
    async () => db,
    () => refresher,
    () => T0,
    () => `sub${++ids}`,
    async () => {
      changes++;
    },
  );
  return { service, requests, changes: () => changes };
}

const entityDoc = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  _id: `e:${id}`,
  kind: 'entity',
  record: { id, name, type: 'person', aliases: [], notes: '', createdAt: 1, updatedAt: 1, ...extra },
});

async function teamDatabase() {
  const name = `team${++n}`;
  const editor = { username: `editor${n}`, password: 'ed-pw' };
  const reader = { username: `reader${n}`, password: 'rd-pw' };
  await server.createDatabase(name, undefined, { readOnlyFor: [reader.username], editors: [editor.username] });
  await server.addUser(editor.username, editor.password, ['editor']);
  await server.addUser(reader.username, reader.password, []);
  const write = async (doc: Record<string, unknown>) => {
    const r = await server.request('PUT', `/${name}/${doc._id as string}`, doc, editor);
    expect(r.status).toBe(201);
    return r.json.rev as string;
  };
  return { name, editor, reader, write };
}

describe('a CouchDB team glossary, read-only', () => {
  it('brings the editors’ entities marked with their source; hostile documents skipped and counted; the reader cannot write', async () => {
    const team = await teamDatabase();
    await team.write(entityDoc('kallas', 'Kaja Kallas', { aliases: [{ text: 'Kallas' }], notes: 'team text' }));
    await team.write(entityDoc('script', '<img src=x onerror=alert(1)>'));
    await team.write(entityDoc('badtype', 'Wizard', { type: 'wizard' }));
    await team.write(entityDoc('huge', 'Huge', { notes: 'x'.repeat(400_000) }));
    await team.write({ _id: 'n:whatever', kind: 'note' });
    const { db } = await freshDb();
    const own = await createEntity(db, input('Own entity'), T0);
    const { service, requests } = serviceFor(db);
    const setup = server.requests().length;

    const added = await service.add({ kind: 'couch', name: 'Foreign desk', serverUrl: server.origin, database: team.name, ...team.reader });
    const [sub] = added.subscriptions;
    expect(sub!.status).toMatchObject({ entities: 1, skipped: 3, message: null, lastResult: 'changed' });
    expect(sub!.status.skippedExamples.join(' ')).toMatch(/markup/);
    const all = await listEntities(db);
    const teamEntity = all.find((e) => e.name === 'Kaja Kallas')!;
    expect(teamEntity).toMatchObject({ id: teamEntityId(added.id, 'kallas'), notes: 'team text', source: { subscription: added.id, name: 'Foreign desk', remoteId: 'kallas' } });
    expect(all.map((e) => e.name).sort()).toEqual(['Kaja Kallas', 'Own entity']);
    // Read-only by construction: the changes feed only, never a write.
    expect(server.requests().slice(setup).filter((r) => r.includes(team.name) && !r.startsWith('GET'))).toEqual([]);
    expect(requests.every((u) => u.startsWith(server.origin))).toBe(true);

    // Read-only here: every edit path refuses it.
    await expect(updateEntity(db, teamEntity.id, input('Renamed'), T0 + 1)).rejects.toThrow(/read-only/);
    await expect(deleteEntity(db, teamEntity.id)).rejects.toThrow(/read-only/);
    await expect(mergeEntities(db, own.id, teamEntity.id, T0 + 1)).rejects.toThrow(/read-only/);
    // …and by the server: the reader's own write is refused (validate_doc_update), in words.
    const attempt = await server.request('PUT', `/${team.name}/e:reader-was-here`, entityDoc('reader-was-here', 'Mine'), team.reader);
    expect(attempt.status).toBe(403);
    expect(attempt.json.reason).toMatch(/read-only for you/);

    // The reader's own sync never carries it, nor does an export.
    expect((await localSnapshot(db, SyncConfig.parse({}).scope)).entities!.map((e) => e.name)).toEqual(['Own entity']);
    expect((await dumpAll(db)).entities.map((e) => e.name)).toEqual(['Own entity']);
    for (const kind of ['glossary', 'csv'] as const) expect((await exportFile(db, kind, T0)).text).not.toContain('Kallas');
    expect((await listOwnEntities(db)).map((e) => e.name)).toEqual(['Own entity']);

    // Nothing new: one request, the glossary untouched.
    const revision = await getGlossaryRevision(db);
    const before = requests.length;
    const again = await service.refresh(added.id);
    expect(again.subscriptions[0]!.status).toMatchObject({ lastResult: 'unchanged', entities: 1, skipped: 3 });
    expect(await getGlossaryRevision(db)).toBe(revision);
    expect(requests.length - before).toBeLessThanOrEqual(2);

    // An edit and a deletion by the editors arrive.
    const rev = (await server.request('GET', `/${team.name}/e:kallas`, undefined, team.editor)).json._rev as string;
    await team.write({ ...entityDoc('kallas', 'Kaja Kallas', { notes: 'edited by the desk' }), _rev: rev });
    await team.write(entityDoc('vance', 'JD Vance'));
    await service.refresh(added.id);
    expect((await listEntities(db)).find((e) => e.name === 'Kaja Kallas')!.notes).toBe('edited by the desk');
    const vrev = (await server.request('GET', `/${team.name}/e:vance`, undefined, team.editor)).json._rev as string;
    expect((await server.request('DELETE', `/${team.name}/e:vance?rev=${vrev}`, undefined, team.editor)).status).toBe(200);
    await service.refresh(added.id);
    expect((await listEntities(db)).map((e) => e.name).sort()).toEqual(['Kaja Kallas', 'Own entity']);
  });

  it('a wrong password is said in words and changes nothing', async () => {
    const team = await teamDatabase();
    await team.write(entityDoc('a', 'Someone'));
    const { db } = await freshDb();
    const { service } = serviceFor(db);
    const added = await service.add({ kind: 'couch', name: 'Desk', serverUrl: server.origin, database: team.name, username: team.reader.username, password: 'wrong' });
    expect(added.subscriptions[0]!.status.message).toMatch(/did not accept the user name or password/);
    expect(await listEntities(db)).toEqual([]);
  });

  it('unsubscribing removes what it brought and nothing else; the permission is given back unless sync uses that origin', async () => {
    const team = await teamDatabase();
    await team.write(entityDoc('a', 'Team person', { aliases: [{ text: 'TP' }] }));
    await team.write(entityDoc('b', 'Team org', { type: 'organization' }));
    const { db } = await freshDb();
    const own = await createEntity(db, input('My person'), T0);
    const { service } = serviceFor(db);
    const first = await service.add({ kind: 'couch', name: 'One', serverUrl: server.origin, database: team.name, ...team.reader });
    const second = await service.add({ kind: 'couch', name: 'Two', serverUrl: server.origin, database: team.name, ...team.reader });
    const teamA = teamEntityId(first.id, 'a');
    // The reader's own note on a team entity stays theirs.
    await addNote(db, { quote: 'a quote', comment: 'my note on it', url: 'https://news.test/a', title: 'A', entityIds: [teamA, own.id] }, T0);
    expect(await listEntities(db)).toHaveLength(5);

    const r1 = await service.remove(first.id);
    expect(r1.removed).toBe(2);
    // The second subscription still uses that origin.
    expect(r1.releaseOrigin).toBeNull();
    const left = await listEntities(db);
    expect(left.map((e) => [e.name, e.source?.name ?? null]).sort()).toEqual([
      ['My person', null],
      ['Team org', 'Two'],
      ['Team person', 'Two'],
    ]);
    expect((await db.getAll('notes')).map((x) => x.comment)).toEqual(['my note on it']);

    await putSyncConfig(db, SyncConfig.parse({ enabled: true, serverUrl: server.origin, database: 'mine' }));
    expect((await service.remove(second.id)).releaseOrigin).toBeNull();
    expect((await listEntities(db)).map((e) => e.name)).toEqual(['My person']);

    const third = await service.add({ kind: 'couch', name: 'Three', serverUrl: server.origin, database: team.name, ...team.reader });
    await putSyncConfig(db, SyncConfig.parse({ enabled: false }));
    expect((await service.remove(third.id)).releaseOrigin).toBe('http://127.0.0.1/*');
  });

  it('a team entity with the name or an alias of one of the reader’s own is not marked twice', async () => {
    const team = await teamDatabase();
    await team.write(entityDoc('k', 'Ali Khamenei', { aliases: [{ text: 'Khamenei' }] }));
    await team.write(entityDoc('r', 'Rajavi'));
    const { db } = await freshDb();
    await createEntity(db, input('Khamenei', { notes: 'mine' }), T0);
    const { service } = serviceFor(db);
    await service.add({ kind: 'couch', name: 'Desk', serverUrl: server.origin, database: team.name, ...team.reader });
    expect(await listEntities(db)).toHaveLength(3);
    const snapshot = await getGlossarySnapshot(db);
    expect(snapshot.entities.map((e) => e.name).sort()).toEqual(['Khamenei', 'Rajavi']);
  });
});

describe('a published glossary file', () => {
  const file = (entities: unknown[]) => JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities });

  it('refreshes with conditional requests: a 304 changes nothing; a new version replaces the old; invalid entries skipped and counted', async () => {
    const published = await startGlossaryFileServer(
      file([
        { id: 'p1', name: 'Petr Pavel', type: 'person', aliases: [{ text: 'Pavel' }] },
        { name: 'No id org', type: 'organization' },
        { id: 'bad', name: '', type: 'person' },
        { id: 'evil', name: '<script>alert(1)</script>', type: 'person' },
        { id: 'p1', name: 'Petr Pavel again', type: 'person' },
      ]),
    );
    try {
      const { db } = await freshDb();
      await createEntity(db, input('Mine'), T0);
      const { service, changes } = serviceFor(db);
      const added = await service.add({ kind: 'file', name: 'Desk file', url: published.url });
      expect(added.subscriptions[0]!.status).toMatchObject({ entities: 2, skipped: 3, lastResult: 'changed', message: null });
      expect((await listEntities(db)).map((e) => e.name).sort()).toEqual(['Mine', 'No id org', 'Petr Pavel']);
      expect(changes()).toBe(1);

      const revision = await getGlossaryRevision(db);
      const second = await service.refresh(added.id);
      expect(published.log.map((l) => l[2])).toEqual([200, 304]);
      expect(published.log[1]![0]).toMatch(/^"/);
      expect(published.log[1]![1]).toMatch(/GMT$/);
      expect(second.subscriptions[0]!.status).toMatchObject({ lastResult: 'unchanged', entities: 2, skipped: 3 });
      expect(await getGlossaryRevision(db)).toBe(revision);
      expect(changes()).toBe(1);

      published.publish(file([{ id: 'p1', name: 'Petr Pavel', type: 'person', notes: 'President of Czechia' }]));
      const third = await service.refresh(added.id);
      expect(published.log.map((l) => l[2])).toEqual([200, 304, 200]);
      expect(third.subscriptions[0]!.status).toMatchObject({ lastResult: 'changed', entities: 1, skipped: 0 });
      expect((await listEntities(db)).map((e) => [e.name, e.notes])).toEqual([
        ['Mine', ''],
        ['Petr Pavel', 'President of Czechia'],
      ]);
    } finally {
      await published.close();
    }
  });

  it('a file that is not a glossary, or is too many entities, is refused whole: nothing changes', async () => {
    const published = await startGlossaryFileServer(file([{ id: 'x', name: 'Kept', type: 'person' }]));
    try {
      const { db } = await freshDb();
      const { service } = serviceFor(db);
      const added = await service.add({ kind: 'file', name: 'Desk', url: published.url });
      published.publish('{"format":"something-else","version":1}');
      const broken = await service.refresh(added.id);
      expect(broken.subscriptions[0]!.status.message).toMatch(/was not read/);
      published.publish(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: Array.from({ length: 100_001 }, () => 0) }));
      const tooMany = await service.refresh(added.id);
      expect(tooMany.subscriptions[0]!.status.message).toMatch(/over the 100,000 limit/);
      expect((await listEntities(db)).map((e) => e.name)).toEqual(['Kept']);
    } finally {
      await published.close();
    }
  });
});

describe('giving an origin’s permission back (one origin may serve sync and subscriptions)', () => {
  const sync = (enabled: boolean, serverUrl = 'http://127.0.0.1:5984') => ({ enabled, serverUrl });
  const couch = (serverUrl: string) => ({ kind: 'couch' as const, serverUrl });

  it('the rule: released only when neither sync (when on) nor a remaining subscription reaches that origin', () => {
    expect(originToRelease('http://127.0.0.1:5984', { sync: sync(false), subscriptions: [] })).toBe('http://127.0.0.1/*');
    // Another port of the same host is the same permission pattern.
    expect(originToRelease('http://127.0.0.1:5984', { sync: sync(false), subscriptions: [couch('http://127.0.0.1:6000')] })).toBeNull();
    expect(originToRelease('http://127.0.0.1:5984', { sync: sync(true, 'http://127.0.0.1/'), subscriptions: [] })).toBeNull();
    // Sync off does not hold its origin; a subscription elsewhere holds nothing here.
    expect(originToRelease('https://couch.test', { sync: sync(false, 'https://couch.test'), subscriptions: [{ kind: 'file', url: 'https://files.test/g.json' }] })).toBe('https://couch.test/*');
    expect(originToRelease('nonsense', { sync: sync(false), subscriptions: [] })).toBeNull();
  });

  it('turning sync off keeps the origin a subscription uses; with none left it is given back', async () => {
    const team = await teamDatabase();
    const { db } = await freshDb();
    const engine = { sync: async () => SyncStatus.parse({}), markLocalChange() {}, test: async () => ({ ok: true as const, docs: 0 }), running: false };
    const syncService = new SyncService(async () => db, () => engine);
    const on = { enabled: true, serverUrl: server.origin, database: 'mine', username: '', scope: SyncScope.parse({}) };
    expect((await syncService.configure(on)).releaseOrigin).toBeNull();
    const { service } = serviceFor(db);
    const added = await service.add({ kind: 'couch', name: 'Desk', serverUrl: server.origin, database: team.name, ...team.reader });
    // Sync off: the subscription still reads that origin, so its permission stays.
    expect((await syncService.configure({ ...on, enabled: false })).releaseOrigin).toBeNull();
    // The subscription goes: nothing uses the origin any more.
    expect((await service.remove(added.id)).releaseOrigin).toBe('http://127.0.0.1/*');
    // Sync on, then off with no subscription: given back.
    await syncService.configure(on);
    expect((await syncService.configure({ ...on, enabled: false })).releaseOrigin).toBe('http://127.0.0.1/*');
    // Sync moved to another server: the old origin is given back; a subscription that was never added asks too.
    await syncService.configure(on);
    expect((await syncService.configure({ ...on, serverUrl: 'https://elsewhere.test' })).releaseOrigin).toBe('http://127.0.0.1/*');
    expect(await service.releasable('https://elsewhere.test/x')).toEqual({ releaseOrigin: null });
    expect(await service.releasable(server.origin)).toEqual({ releaseOrigin: 'http://127.0.0.1/*' });
  });
});

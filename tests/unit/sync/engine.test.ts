/**
 * The sync engine against a real CouchDB-compatible server on 127.0.0.1 (express-pouchdb), with
 * two "devices": each its own IndexedDB (fake-indexeddb) and its own mirror (PouchDB, memory
 * adapter). The browser path (pouchdb-browser in the service worker) is tests/e2e/sync.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, input, T0 } from '../storage/helpers';
import { closeAfterStrays, PouchDB, syncDevices, type Device } from './devices';
import { startCouchServer, type CouchServer } from '../../sync/couch-server';
import { SyncEngine } from '../../../lib/sync/engine';
import { createEntity, getEntity, listEntities, updateEntity, deleteEntity, mergeEntities } from '../../../lib/storage/entities';
import { addNote, getNote, updateNote, deleteNote } from '../../../lib/storage/notes';
import { getSyncConfig, getSyncConflicts, getSyncStatus, putSyncConfig, chooseConflictText } from '../../../lib/storage/sync-records';
import { SyncConfig } from '../../../lib/model/sync';

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => {
  await closeAfterStrays(server);
});

const { device, pair } = syncDevices(() => server);
let n = 1_000;

const byName = async (d: Device) => (await listEntities(d.db)).map((e) => e.name).sort();

describe('sync engine', () => {
  it('an entity and a note added on A arrive on B', async () => {
    const [a, b] = await pair();
    const e = await createEntity(a.db, input('Kaja Kallas', { aliases: [{ text: 'Kallas' }], notes: 'Estonian PM' }), T0);
    await addNote(a.db, { quote: 'quoted', comment: 'mine', url: 'https://news.test/a', title: 'A', entityIds: [e.id] }, T0);
    expect((await a.engine.sync()).problem).toBeNull();
    const status = await b.engine.sync();
    expect(status.problem).toBeNull();
    expect(status.lastPulled).toBeGreaterThanOrEqual(2);
    expect(await getEntity(b.db, e.id)).toEqual(await getEntity(a.db, e.id));
    const notes = await b.db.getAll('notes');
    expect(notes.map((x) => x.comment)).toEqual(['mine']);
  });

  it('a second sync with nothing changed moves nothing', async () => {
    const [a] = await pair();
    await createEntity(a.db, input('Alar Karis'), T0);
    await a.engine.sync();
    const s = await a.engine.sync();
    expect(s.lastPushed).toBe(0);
    expect(s.lastPulled).toBe(0);
  });

  for (const order of ['A first', 'B first'] as const) {
    it(`concurrent edits (${order}): aliases and tags united, both names and both notes kept, one choice settles it`, async () => {
      const [a, b] = await pair();
      const e = await createEntity(a.db, input('Mojahedin-e Khalq', { notes: 'base' }), T0);
      await a.engine.sync();
      await b.engine.sync();
      // Offline on both: different aliases, tags, names and notes.
      await updateEntity(a.db, e.id, input('MEK', { aliases: [{ text: 'PMOI' }], notes: 'note from A', tags: ['iran'] }), T0 + 10);
      await updateEntity(b.db, e.id, input('People’s Mujahedin', { aliases: [{ text: 'MKO' }], notes: 'note from B', tags: ['exile'] }), T0 + 20);
      const [first, second] = order === 'A first' ? [a, b] : [b, a];
      await first.engine.sync();
      await second.engine.sync();
      await first.engine.sync();
      const ea = (await getEntity(a.db, e.id))!;
      const eb = (await getEntity(b.db, e.id))!;
      expect(ea).toEqual(eb);
      expect(ea.aliases.map((x) => x.text).sort()).toEqual(['MKO', 'PMOI']);
      expect(ea.tags!.slice().sort()).toEqual(['exile', 'iran']);
      const ca = (await getSyncConflicts(a.db)).entities[e.id]!;
      expect(await getSyncConflicts(b.db)).toEqual(await getSyncConflicts(a.db));
      // No words lost: each name and each note is in the record or in the conflict.
      expect([ea.name, ca.name!.other].sort()).toEqual(['MEK', 'People’s Mujahedin']);
      expect([ea.notes, ca.notes!.other].sort()).toEqual(['note from A', 'note from B']);
      // One click on B: keep the other name; it travels to A.
      b.clock.t = T0 + 100;
      expect(await chooseConflictText(b.db, 'entity', e.id, 'name', 'other', T0 + 100)).toBe(true);
      await b.engine.sync();
      await a.engine.sync();
      expect((await getEntity(a.db, e.id))!.name).toBe(ca.name!.other);
      expect((await getSyncConflicts(a.db)).entities[e.id]?.name).toBeUndefined();
      expect((await getSyncConflicts(a.db)).entities[e.id]?.notes).toBeDefined();
    });
  }

  it('an edit beats a delete (entity and note), whichever syncs first', async () => {
    const [a, b] = await pair();
    const e = await createEntity(a.db, input('Ursula von der Leyen'), T0);
    const note = await addNote(a.db, { quote: 'q', comment: 'c', url: 'https://news.test/b', title: 'B', entityIds: [] }, T0);
    await a.engine.sync();
    await b.engine.sync();
    await deleteEntity(a.db, e.id);
    await deleteNote(a.db, note.id);
    await updateEntity(b.db, e.id, input('Ursula von der Leyen', { notes: 'edited on B' }), T0 + 5);
    await updateNote(b.db, note.id, { comment: 'edited on B' }, T0 + 5);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const d of [a, b]) {
      expect((await getEntity(d.db, e.id))?.notes).toBe('edited on B');
      expect((await getNote(d.db, note.id))?.comment).toBe('edited on B');
    }
  });

  it('a delete with no edit against it reaches the other device', async () => {
    const [a, b] = await pair();
    const e = await createEntity(a.db, input('Gone'), T0);
    await a.engine.sync();
    await b.engine.sync();
    await deleteEntity(a.db, e.id);
    await a.engine.sync();
    await b.engine.sync();
    expect(await getEntity(b.db, e.id)).toBeUndefined();
  });

  it('merge on A, edit of the merged entity on B: one entity with both edits', async () => {
    const [a, b] = await pair();
    const keep = await createEntity(a.db, input('European Commission'), T0);
    const other = await createEntity(a.db, input('EU Commission'), T0);
    await a.engine.sync();
    await b.engine.sync();
    await mergeEntities(a.db, keep.id, other.id, T0 + 10);
    await updateEntity(b.db, other.id, input('EU Commission', { aliases: [{ text: 'Brussels executive' }], notes: 'B’s words' }), T0 + 20);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const d of [a, b]) {
      expect(await byName(d)).toEqual(['European Commission']);
      const merged = (await getEntity(d.db, keep.id))!;
      expect(merged.aliases.map((x) => x.text)).toEqual(expect.arrayContaining(['EU Commission', 'Brussels executive']));
      expect(merged.notes).toContain('B’s words');
    }
  });

  it('documents that fail validation are refused, counted and never written', async () => {
    const [a, b, name, user] = await pair();
    await createEntity(a.db, input('Valid One'), T0);
    await a.engine.sync();
    const base = { type: 'person', aliases: [], notes: '', createdAt: T0, updatedAt: T0 };
    const bad = [
      { _id: 'e:bad1', kind: 'entity', record: { ...base, id: 'bad1', name: '' } },
      { _id: 'e:bad2', kind: 'entity', record: { ...base, id: 'bad2', name: '<script>alert(1)</script>' } },
      { _id: 'e:bad3', kind: 'entity', record: { ...base, id: 'bad3', name: 'Huge', notes: 'x'.repeat(10 * 1024 * 1024) } },
      { _id: 'e:bad4', kind: 'entity', record: { ...base, id: 'other-id', name: 'Wrong id' } },
    ];
    for (const doc of bad) expect((await server.request('PUT', `/${name}/${encodeURIComponent(doc._id)}`, doc, user)).status).toBe(201);
    const status = await b.engine.sync();
    expect(status.problem).toBeNull();
    expect(status.rejected).toBe(4);
    expect(status.rejectedExamples.join(' ')).toMatch(/markup/);
    expect(await byName(b)).toEqual(['Valid One']);
    // And they are not deleted from the server by B either (B only refuses them).
    await b.engine.sync();
    expect((await server.request('GET', `/${name}/e:bad2`, undefined, user)).status).toBe(200);
  });

  it('a wrong password is said in words and changes nothing', async () => {
    const name = `db${++n}`;
    const username = `u${n}`;
    await server.createDatabase(name, { username, password: 'right' });
    const d = await device(name, { username, password: 'wrong' });
    await createEntity(d.db, input('Local only'), T0);
    const status = await d.engine.sync();
    expect(status.problem).toBe('unauthorized');
    expect(status.message).toMatch(/did not accept the user name or password/);
    expect(await byName(d)).toEqual(['Local only']);
    const tested = await d.engine.test(await getSyncConfig(d.db));
    expect(tested.ok ? null : tested.problem).toBe('unauthorized');
  });

  it('a missing database and an unreachable server are told apart', async () => {
    const name = `db${++n}`;
    const username = `u${n}`;
    await server.createDatabase(name, { username, password: 'pw' });
    const d = await device(`nosuch${n}`, { username, password: 'pw' });
    expect((await d.engine.sync()).problem).toBe('missing-database');
    const { db } = await freshDb();
    const off = new SyncEngine({ db: async () => db, PouchDB, now: () => T0, mirrorName: `mirror-${++n}`, mirrorOptions: { adapter: 'memory' } });
    await putSyncConfig(db, SyncConfig.parse({ enabled: true, serverUrl: 'http://127.0.0.1:9', database: 'x', username: 'u', password: 'p' }));
    const s = await off.sync();
    expect(s.problem).toBe('unreachable');
    expect((await getSyncStatus(db)).message).toMatch(/could not be reached/);
  });

  it('500 offline edits all arrive, and a cycle cut short resumes without duplicates', async () => {
    const [a, b] = await pair();
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push((await createEntity(a.db, input(`Person ${i}`), T0 + i)).id);
    await a.engine.sync();
    // B starts pulling but its cycle is abandoned (a worker stopped): a new engine, same mirror.
    const half = b.engine.sync();
    await new Promise((r) => setTimeout(r, 30));
    void half.catch(() => {});
    await half;
    await b.engine.sync();
    expect((await listEntities(b.db)).length).toBe(500);
    expect(new Set((await listEntities(b.db)).map((e) => e.id))).toEqual(new Set(ids));
  });
});

describe('team glossary (read-only for readers, by the server)', () => {
  it('an editor writes, a reader receives, the reader’s write is refused by the server and reported', async () => {
    const name = `team${++n}`;
    const editor = { username: `editor${n}`, password: 'ed-pw' };
    const reader = { username: `reader${n}`, password: 'rd-pw' };
    await server.createDatabase(name, undefined, { readOnlyFor: [reader.username], editors: [editor.username] });
    await server.addUser(editor.username, editor.password, ['editor']);
    await server.addUser(reader.username, reader.password, []);
    const ed = await device(name, editor);
    const rd = await device(name, reader);
    await createEntity(ed.db, input('Team entity', { notes: 'from the desk' }), T0);
    expect((await ed.engine.sync()).problem).toBeNull();
    const pulled = await rd.engine.sync();
    expect(await byName(rd)).toEqual(['Team entity']);
    // The reader's settings document was refused on the first push already; an edit is too.
    const [e] = await listEntities(rd.db);
    await updateEntity(rd.db, e!.id, input('Reader rename'), T0 + 5);
    const refused = await rd.engine.sync();
    expect([pulled.problem, refused.problem]).toContain('forbidden');
    expect(refused.problem).toBe('forbidden');
    expect(refused.message).toMatch(/refused/);
    expect((await server.request('GET', `/${name}/e:${e!.id}`, undefined, editor)).json.record.name).toBe('Team entity');
  });
});

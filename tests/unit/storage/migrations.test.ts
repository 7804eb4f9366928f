/**
 * Each step of the migration ladder, run on a database of the previous version holding real
 * data: no record lost or altered. The v1 database is built here with a frozen copy of the
 * v1 schema (what shipped), not with today's upgrade code.
 */
import { describe, expect, it } from 'vitest';
import { IDBFactory, T0 } from './helpers';
import { DB_VERSION, openDatabase } from '../../../lib/storage/db';
import { listEntities, findEntitiesByAlias, findEntitiesByTag, getGlossaryRevision } from '../../../lib/storage/entities';
import { dumpAll, dumpStats } from '../../../lib/storage/export';
import { alsoIn, recordVisit } from '../../../lib/storage/reading';
import { getSettings } from '../../../lib/storage/settings';
import { listNotes, notesForUrl, notesOfEntity, notesSignature, updateNote } from '../../../lib/storage/notes';
import { NotesIndex } from '../../../lib/notes/search';
import { selectorOf } from '../../../lib/model/note';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The version 1 schema exactly as it shipped. */
function openV1(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const entities = db.createObjectStore('entities', { keyPath: 'id' });
    entities.createIndex('by-name', 'nameKey', { unique: false });
    entities.createIndex('by-updatedAt', 'updatedAt', { unique: false });
    const articles = db.createObjectStore('articles', { keyPath: 'url' });
    articles.createIndex('by-lastSeen', 'lastSeen', { unique: false });
    const mentions = db.createObjectStore('mentions', { keyPath: ['entityId', 'url'] });
    mentions.createIndex('by-entity', 'entityId', { unique: false });
    mentions.createIndex('by-url', 'url', { unique: false });
    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('by-createdAt', 'createdAt', { unique: false });
    db.createObjectStore('meta');
  };
  return req(open);
}

// Records as version 1 wrote them (entities carry their nameKey).
const V1_ENTITIES = [
  { id: 'mek', name: 'People’s Mojahedin Organization of Iran', nameKey: "people's mojahedin organization of iran", type: 'organization', aliases: [{ text: 'MEK', exactCase: true }, { text: 'PMOI' }, { text: 'Mojahedin-e Khalq', exactCase: false }], notes: 'Exiled opposition group.\n<script>alert(1)</script>', createdAt: T0, updatedAt: T0 + 5 },
  { id: 'khamenei', name: 'Ali Khamenei', nameKey: 'ali khamenei', type: 'person', aliases: [{ text: 'Khamenei' }, { text: 'Supreme Leader' }], notes: '', createdAt: T0 + 1, updatedAt: T0 + 1 },
  { id: 'smith1', name: 'John Smith', nameKey: 'john smith', type: 'person', aliases: [], notes: 'the MP', createdAt: T0 + 2, updatedAt: T0 + 2 },
  { id: 'smith2', name: 'John Smith', nameKey: 'john smith', type: 'person', aliases: [], notes: 'the footballer', createdAt: T0 + 3, updatedAt: T0 + 3 },
  { id: 'war', name: 'Iran–Iraq War', nameKey: 'iran–iraq war', type: 'event', aliases: [{ text: 'First Gulf War' }], notes: 'Ḥasan Rūḥānī 🇮🇷', createdAt: T0 + 4, updatedAt: T0 + 4 },
];
const V1_ARTICLES = [
  { url: 'https://www.example.com/a', title: 'A', site: 'Example', firstSeen: T0 + 10, lastSeen: T0 + 20 },
  { url: 'https://news.example.org/b', title: 'B', site: 'News', firstSeen: T0 + 30, lastSeen: T0 + 30 },
];
const V1_MENTIONS = [
  { entityId: 'mek', url: 'https://www.example.com/a', count: 3, snippet: 'The MEK said', lastSeen: T0 + 20 },
  { entityId: 'khamenei', url: 'https://www.example.com/a', count: 1, snippet: 'Khamenei', lastSeen: T0 + 20 },
  { entityId: 'mek', url: 'https://news.example.org/b', count: 2, snippet: 'PMOI', lastSeen: T0 + 30 },
];
const V1_NOTES = [{ id: 'n1', quote: 'q', comment: 'c', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 40 }];
const V1_SETTINGS = { markStyle: 'dotted', markDensity: 'first-on-page', disabledSites: ['example.net'], recordHistory: false };

async function v1Database(): Promise<{ factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const name = 'ncr-v1';
  const db = await openV1(factory, name);
  const tx = db.transaction(['entities', 'articles', 'mentions', 'notes', 'meta'], 'readwrite');
  for (const e of V1_ENTITIES) tx.objectStore('entities').put(e);
  for (const a of V1_ARTICLES) tx.objectStore('articles').put(a);
  for (const m of V1_MENTIONS) tx.objectStore('mentions').put(m);
  for (const n of V1_NOTES) tx.objectStore('notes').put(n);
  tx.objectStore('meta').put(7, 'glossaryRevision');
  tx.objectStore('meta').put(V1_SETTINGS, 'settings');
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { factory, name };
}

const strip = ({ nameKey: _n, ...e }: (typeof V1_ENTITIES)[number]) => e;

describe('migration v1 -> v2', () => {
  it('keeps every record of every store exactly, and adds only derived keys and statistics', async () => {
    const { factory, name } = await v1Database();
    const db = await openDatabase({ indexedDB: factory, name });
    expect(db.version).toBe(DB_VERSION);

    const dump = await dumpAll(db);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...dump.entities].sort(byId)).toEqual(V1_ENTITIES.map(strip).sort(byId));
    expect(dump.articles).toEqual([...V1_ARTICLES].sort((a, b) => (a.url < b.url ? -1 : 1)));
    expect([...dump.mentions].sort((a, b) => (a.entityId + a.url < b.entityId + b.url ? -1 : 1))).toEqual(
      [...V1_MENTIONS].sort((a, b) => (a.entityId + a.url < b.entityId + b.url ? -1 : 1)),
    );
    // (Through v3 too: notes gain their v3 fields at their defaults.)
    expect(dump.notes).toEqual(V1_NOTES.map((n) => ({ ...n, site: 'example.com', selector: null, tags: [], entityIds: [], updatedAt: n.createdAt, anchor: null })));
    expect(await getGlossaryRevision(db)).toBe(7);
    expect(await getSettings(db)).toMatchObject(V1_SETTINGS);

    // The raw entity records: v1 fields untouched, plus the new index keys.
    const raw = await db.getAll('entities');
    for (const r of raw) {
      const v1 = V1_ENTITIES.find((e) => e.id === r.id)!;
      expect(r).toEqual({ ...v1, aliasKeys: expect.any(Array), tagKeys: [] });
    }
    expect(raw.find((r) => r.id === 'mek')!.aliasKeys).toEqual(["people's mojahedin organization of iran", 'mek', 'pmoi', 'mojahedin-e khalq']);

    // Statistics computed from the mention rows.
    expect((await dumpStats(db)).sort((a, b) => (a.entityId < b.entityId ? -1 : 1))).toEqual([
      { entityId: 'khamenei', articles: 1, mentions: 1, lastSeen: T0 + 20 },
      { entityId: 'mek', articles: 2, mentions: 5, lastSeen: T0 + 30 },
    ]);

    // The new indexes work on migrated records.
    expect((await findEntitiesByAlias(db, 'pmoi')).map((e) => e.id)).toEqual(['mek']);
    expect((await findEntitiesByAlias(db, 'JOHN  SMITH')).map((e) => e.id).sort()).toEqual(['smith1', 'smith2']);
    expect(await findEntitiesByTag(db, 'anything')).toEqual([]);
    // And the migrated database keeps working.
    expect((await alsoIn(db, 'mek')).map((a) => a.url)).toEqual(['https://news.example.org/b', 'https://www.example.com/a']);
    await recordVisit(db, { url: 'https://www.example.com/c', title: 'C', site: 'Example', mentions: [{ entityId: 'mek', count: 4, snippet: 's' }] }, T0 + 50);
    expect((await dumpStats(db)).find((s) => s.entityId === 'mek')).toEqual({ entityId: 'mek', articles: 3, mentions: 9, lastSeen: T0 + 50 });
    db.close();

    // Opening again runs no migration and changes nothing.
    const again = await openDatabase({ indexedDB: factory, name });
    expect((await listEntities(again)).length).toBe(V1_ENTITIES.length);
    again.close();
  });

  it('an empty v1 database upgrades to an empty v2 one', async () => {
    const factory = new IDBFactory();
    (await openV1(factory, 'empty')).close();
    const db = await openDatabase({ indexedDB: factory, name: 'empty' });
    expect(await dumpAll(db)).toMatchObject({ entities: [], articles: [], mentions: [], notes: [] });
    expect(await dumpStats(db)).toEqual([]);
    db.close();
  });

  it('a failing migration leaves the v1 database as it was', async () => {
    const { factory, name } = await v1Database();
    // A record the migration cannot handle (aliases is not a list) makes the step throw.
    const db1 = await openV1(factory, name);
    await req(db1.transaction('entities', 'readwrite').objectStore('entities').put({ id: 'bad', name: 'Bad', nameKey: 'bad', type: 'person', aliases: 5, notes: '', createdAt: T0, updatedAt: T0 }));
    db1.close();
    await expect(openDatabase({ indexedDB: factory, name })).rejects.toThrow(/upgrade failed|abort/i);
    const after = await openV1(factory, name);
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames]).not.toContain('entityStats');
    expect(await req(after.transaction('entities').objectStore('entities').count())).toBe(V1_ENTITIES.length + 1);
    after.close();
  });
});

/** The version 2 schema exactly as it shipped: version 1 plus the v2 step's stores and indexes. */
function openV2(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = factory.open(name, 2);
  open.onupgradeneeded = () => {
    const db = open.result;
    const entities = db.createObjectStore('entities', { keyPath: 'id' });
    entities.createIndex('by-name', 'nameKey', { unique: false });
    entities.createIndex('by-updatedAt', 'updatedAt', { unique: false });
    entities.createIndex('by-alias', 'aliasKeys', { unique: false, multiEntry: true });
    entities.createIndex('by-tag', 'tagKeys', { unique: false, multiEntry: true });
    const articles = db.createObjectStore('articles', { keyPath: 'url' });
    articles.createIndex('by-lastSeen', 'lastSeen', { unique: false });
    const mentions = db.createObjectStore('mentions', { keyPath: ['entityId', 'url'] });
    mentions.createIndex('by-entity', 'entityId', { unique: false });
    mentions.createIndex('by-url', 'url', { unique: false });
    mentions.createIndex('by-entity-lastSeen', ['entityId', 'lastSeen'], { unique: false });
    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('by-createdAt', 'createdAt', { unique: false });
    db.createObjectStore('meta');
    db.createObjectStore('entityStats', { keyPath: 'entityId' });
  };
  return req(open);
}

// Records as version 2 wrote them.
const V2_ENTITIES = V1_ENTITIES.map((e) => ({
  ...e,
  aliasKeys: [e.nameKey, ...e.aliases.map((a) => a.text.toLowerCase())],
  tagKeys: e.id === 'mek' ? ['iran'] : [],
  ...(e.id === 'mek' ? { tags: ['Iran'] } : {}),
}));
const V2_STATS = [
  { entityId: 'khamenei', articles: 1, mentions: 1, lastSeen: T0 + 20 },
  { entityId: 'mek', articles: 2, mentions: 5, lastSeen: T0 + 30 },
];
const V2_NOTES = [
  { id: 'n1', quote: 'The MEK said it would march.', comment: 'Check the date <b>again</b>', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 40 },
  { id: 'n2', quote: 'Khamenei broke his silence', comment: '', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 41 },
  { id: 'n3', quote: 'Ḥasan Rūḥānī 🇮🇷 said “no”', comment: 'accents & emoji', url: 'https://news.example.org/b', title: '', createdAt: T0 + 42 },
];

async function v2Database(): Promise<{ factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const name = 'ncr-v2';
  const db = await openV2(factory, name);
  const tx = db.transaction(['entities', 'articles', 'mentions', 'notes', 'meta', 'entityStats'], 'readwrite');
  for (const e of V2_ENTITIES) tx.objectStore('entities').put(e);
  for (const a of V1_ARTICLES) tx.objectStore('articles').put(a);
  for (const m of V1_MENTIONS) tx.objectStore('mentions').put(m);
  for (const s of V2_STATS) tx.objectStore('entityStats').put(s);
  for (const n of V2_NOTES) tx.objectStore('notes').put(n);
  tx.objectStore('meta').put(9, 'glossaryRevision');
  tx.objectStore('meta').put(V1_SETTINGS, 'settings');
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { factory, name };
}

describe('migration v2 -> v3', () => {
  it('keeps every record of every store, and gives notes their new fields (nothing lost)', async () => {
    const { factory, name } = await v2Database();
    const db = await openDatabase({ indexedDB: factory, name });
    expect(db.version).toBe(DB_VERSION);
    // The ladder runs on past v3 (v4 only adds the suggestions store, empty).
    expect(DB_VERSION).toBeGreaterThanOrEqual(3);
    expect(await db.count('suggestions')).toBe(0);

    // Every store other than notes: byte for byte as version 2 left it.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect((await db.getAll('entities')).sort(byId)).toEqual([...V2_ENTITIES].sort(byId));
    expect(await db.getAll('articles')).toEqual([...V1_ARTICLES].sort((a, b) => (a.url < b.url ? -1 : 1)));
    expect(await db.getAll('mentions')).toHaveLength(V1_MENTIONS.length);
    expect(await db.getAll('entityStats')).toEqual(V2_STATS);
    expect(await getGlossaryRevision(db)).toBe(9);
    expect(await getSettings(db)).toMatchObject(V1_SETTINGS);

    // Notes: every v2 field unchanged, the new ones at their defaults.
    const raw = await db.getAll('notes');
    expect(raw).toHaveLength(V2_NOTES.length);
    for (const n of V2_NOTES) {
      const r = raw.find((x) => x.id === n.id)!;
      expect(r).toEqual({
        ...n,
        site: n.url.includes('news.example.org') ? 'news.example.org' : 'example.com',
        selector: null,
        tags: [],
        entityIds: [],
        updatedAt: n.createdAt,
        anchor: null,
      });
    }
    // The new indexes work on migrated records.
    expect((await notesForUrl(db, 'https://www.example.com/a')).map((n) => n.id)).toEqual(['n1', 'n2']);
    expect((await listNotes(db)).map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
    expect(await notesSignature(db)).toEqual({ count: 3, lastUpdate: T0 + 42 });

    // Migrated notes keep working: edited, linked, searched, found again by their bare quote.
    const edited = await updateNote(db, 'n1', { tags: ['protests'], entityIds: ['mek'] }, T0 + 50);
    expect(edited).toMatchObject({ quote: V2_NOTES[0]!.quote, comment: V2_NOTES[0]!.comment, tags: ['protests'], entityIds: ['mek'], updatedAt: T0 + 50 });
    expect(await notesOfEntity(db, 'mek')).toEqual([edited]);
    const index = new NotesIndex(await listNotes(db), (id) => (id === 'mek' ? 'People’s Mojahedin Organization of Iran' : undefined));
    expect(index.query({ query: 'mojahedin march' }).map((n) => n.id)).toEqual(['n1']);
    expect(index.query({ query: 'hasan ruhani' }).map((n) => n.id)).toEqual(['n3']);
    expect(selectorOf(edited)).toEqual({ exact: V2_NOTES[0]!.quote, prefix: '', suffix: '', position: 0, textLength: 0 });
    db.close();

    // Opening again runs no migration and changes nothing.
    const again = await openDatabase({ indexedDB: factory, name });
    expect((await listNotes(again)).length).toBe(3);
    again.close();
  });

  it('a v1 database climbs both steps', async () => {
    const { factory, name } = await v1Database();
    const db = await openDatabase({ indexedDB: factory, name });
    const [n] = await listNotes(db);
    expect(n).toEqual({ ...V1_NOTES[0], site: 'example.com', selector: null, tags: [], entityIds: [], updatedAt: V1_NOTES[0]!.createdAt, anchor: null });
    expect(await dumpStats(db)).toHaveLength(2);
    db.close();
  });

  it('an empty v2 database upgrades to an empty v3 one', async () => {
    const factory = new IDBFactory();
    (await openV2(factory, 'empty2')).close();
    const db = await openDatabase({ indexedDB: factory, name: 'empty2' });
    expect(await listNotes(db)).toEqual([]);
    expect([...db.transaction('notes').objectStore('notes').indexNames].sort()).toEqual(['by-createdAt', 'by-entity', 'by-updatedAt', 'by-url']);
    db.close();
  });
});

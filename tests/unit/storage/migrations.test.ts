/**
 * Each step of the migration ladder, run on a database of the previous version holding real
 * data: no record lost or altered. The v1 database is built here with a frozen copy of the
 * v1 schema (what shipped), not with today's upgrade code.
 */
import { describe, expect, it, vi } from 'vitest';
import { unwrap } from 'idb';
import { IDBFactory, T0 } from './helpers';
import { DB_VERSION, openDatabase } from '../../../lib/storage/db';
import { listEntities, findEntitiesByAlias, findEntitiesByTag, getGlossaryRevision, listGlossaryRows, mergeEntities } from '../../../lib/storage/entities';
import { dumpAll, dumpStats, storageSummary } from '../../../lib/storage/export';
import { alsoIn, entityArticles, entityReading, forgetArticle, listMentionsOfArticle, recordVisit } from '../../../lib/storage/reading';
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

/**
 * A database of an old version, `name` in a new factory, opened by that version's own schema
 * (`open`) and filled with records as that version wrote them: store name -> records, and the
 * meta store's [key, value] pairs.
 */
async function oldDatabase(
  name: string,
  open: (factory: IDBFactory, name: string) => Promise<IDBDatabase>,
  records: Record<string, readonly unknown[]>,
  meta: readonly (readonly [string, unknown])[],
): Promise<{ factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const db = await open(factory, name);
  const tx = db.transaction([...Object.keys(records), 'meta'], 'readwrite');
  for (const [store, list] of Object.entries(records)) for (const r of list) tx.objectStore(store).put(r);
  for (const [k, v] of meta) tx.objectStore('meta').put(v, k);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { factory, name };
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

// A version 1 database holding them.
function v1Database() {
  return oldDatabase('ncr-v1', openV1, { entities: V1_ENTITIES, articles: V1_ARTICLES, mentions: V1_MENTIONS, notes: V1_NOTES }, [
    ['glossaryRevision', 7],
    ['settings', V1_SETTINGS],
  ]);
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

    // The raw entity records: exactly as v1 wrote them (the index keys v2 added went with v5).
    const raw = await db.getAll('entities');
    expect(raw).toEqual([...V1_ENTITIES].sort((a, b) => (a.id < b.id ? -1 : 1)));

    // Statistics computed from the mention rows.
    expect((await dumpStats(db)).sort((a, b) => (a.entityId < b.entityId ? -1 : 1))).toEqual([
      { entityId: 'khamenei', articles: 1, mentions: 1, lastSeen: T0 + 20 },
      { entityId: 'mek', articles: 2, mentions: 5, lastSeen: T0 + 30 },
    ]);

    // Lookups by alias and tag work on migrated records.
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
  open.onupgradeneeded = () => createV2Stores(open.result);
  return req(open);
}

function createV2Stores(db: IDBDatabase): void {
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
}

// Records as version 2 wrote them.
const V2_ENTITIES = V1_ENTITIES.map((e) => ({
  ...e,
  aliasKeys: [e.nameKey, ...e.aliases.map((a) => a.text.toLowerCase())],
  tagKeys: e.id === 'mek' ? ['iran'] : [],
  ...(e.id === 'mek' ? { tags: ['Iran'] } : {}),
}));
/** An entity record without the keys of the indexes v5 dropped. */
function withoutIndexKeys<T extends object>(e: T): Omit<T, 'aliasKeys' | 'tagKeys'> {
  const { aliasKeys: _a, tagKeys: _t, ...rest } = e as T & { aliasKeys?: unknown; tagKeys?: unknown };
  return rest;
}
const V2_STATS = [
  { entityId: 'khamenei', articles: 1, mentions: 1, lastSeen: T0 + 20 },
  { entityId: 'mek', articles: 2, mentions: 5, lastSeen: T0 + 30 },
];
const V2_NOTES = [
  { id: 'n1', quote: 'The MEK said it would march.', comment: 'Check the date <b>again</b>', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 40 },
  { id: 'n2', quote: 'Khamenei broke his silence', comment: '', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 41 },
  { id: 'n3', quote: 'Ḥasan Rūḥānī 🇮🇷 said “no”', comment: 'accents & emoji', url: 'https://news.example.org/b', title: '', createdAt: T0 + 42 },
];

function v2Database() {
  return oldDatabase('ncr-v2', openV2, { entities: V2_ENTITIES, articles: V1_ARTICLES, mentions: V1_MENTIONS, entityStats: V2_STATS, notes: V2_NOTES }, [
    ['glossaryRevision', 9],
    ['settings', V1_SETTINGS],
  ]);
}

describe('migration v2 -> v3', () => {
  it('keeps every record of every store, and gives notes their new fields (nothing lost)', async () => {
    const { factory, name } = await v2Database();
    const db = await openDatabase({ indexedDB: factory, name });
    expect(db.version).toBe(DB_VERSION);
    // The ladder runs on past v3 (v4 only adds the suggestions store, empty).
    expect(DB_VERSION).toBeGreaterThanOrEqual(3);
    expect(await db.count('suggestions')).toBe(0);

    // Every store other than notes: byte for byte as version 2 left it (the reading index and the
    // statistics through v5's layout, checked record by record in the v4 -> v5 test).
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect((await db.getAll('entities')).sort(byId)).toEqual([...V2_ENTITIES].map(withoutIndexKeys).sort(byId));
    const dump = await dumpAll(db);
    expect(dump.articles).toEqual([...V1_ARTICLES].sort((a, b) => (a.url < b.url ? -1 : 1)));
    expect(dump.mentions).toHaveLength(V1_MENTIONS.length);
    expect(await dumpStats(db)).toEqual(V2_STATS);
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

/** The version 4 schema exactly as it shipped: version 2, the v3 notes indexes, the v4 suggestions store. */
function openV4(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = factory.open(name, 4);
  open.onupgradeneeded = () => {
    const db = open.result;
    createV2Stores(db);
    const notes = open.transaction!.objectStore('notes');
    notes.createIndex('by-url', 'url', { unique: false });
    notes.createIndex('by-entity', 'entityIds', { unique: false, multiEntry: true });
    notes.createIndex('by-updatedAt', 'updatedAt', { unique: false });
    const suggestions = db.createObjectStore('suggestions', { keyPath: ['key', 'url'] });
    suggestions.createIndex('by-key', 'key', { unique: false });
    suggestions.createIndex('by-url', 'url', { unique: false });
  };
  return req(open);
}

// Records as version 4 wrote them: entities with links, tags and alias options; articles with
// and without a publication date, one that no entity is left in; mention rows, two of them seen
// at the same moment; statistics; notes with selectors, tags and entity links; suggestions.
const URL_A = 'https://www.example.com/a';
const URL_B = 'https://news.example.org/b';
const URL_C = 'https://www.example.com/c?id=3';
const URL_D = 'https://www.example.com/d';
const ORPHAN_1 = 'https://www.example.com/b-gone';
const ORPHAN_2 = 'https://zz.example.net/gone';
const V4_ENTITIES = [
  ...V2_ENTITIES,
  {
    id: '0f3c9a2b4d5e6f708192a3b4c5d6e7f8',
    name: 'Ḥasan Rūḥānī',
    nameKey: 'ḥasan rūḥānī',
    type: 'person',
    aliases: [{ text: 'Rouhani', diacriticSensitive: false }, { text: 'ROUHANI', exactCase: true, diacriticSensitive: true }],
    notes: '**President** 2013–2021\n\n- [Wikipedia](https://en.wikipedia.org/wiki/Hassan_Rouhani)',
    tags: ['Iran', 'government'],
    links: ['https://www.wikidata.org/wiki/Q27845'],
    aliasKeys: ['ḥasan rūḥānī', 'rouhani'],
    tagKeys: ['iran', 'government'],
    createdAt: T0 + 6,
    updatedAt: T0 + 60,
  },
];
const RUHANI = V4_ENTITIES[V4_ENTITIES.length - 1]!.id;
const V4_ARTICLES = [
  { url: URL_A, title: 'A', site: 'Example', firstSeen: T0 + 10, lastSeen: T0 + 20 },
  { url: URL_B, title: 'B “quoted” <b>', site: 'News', firstSeen: T0 + 30, lastSeen: T0 + 30, publishedAt: T0 - 86_400_000 },
  { url: URL_C, title: 'C', site: 'Example', firstSeen: T0 + 40, lastSeen: T0 + 70, publishedAt: T0 },
  { url: URL_D, title: 'D: every entity in it was deleted', site: 'Example', firstSeen: T0 + 50, lastSeen: T0 + 50 },
];
const V4_MENTIONS = [
  ...V1_MENTIONS,
  { entityId: 'war', url: URL_B, count: 1, snippet: '', lastSeen: T0 + 30 },
  { entityId: RUHANI, url: URL_B, count: 7, snippet: 'Ḥasan Rūḥānī 🇮🇷 said “no”', lastSeen: T0 + 30 },
  { entityId: RUHANI, url: URL_C, count: 1, snippet: 'Rouhani', lastSeen: T0 + 70 },
  { entityId: 'mek', url: URL_C, count: 1_000_000, snippet: 'x'.repeat(300), lastSeen: T0 + 65 },
  // Rows without their article: no version writes them, but should one exist it is not lost
  // (one whose URL sorts among the articles', one after them all).
  { entityId: 'smith1', url: ORPHAN_1, count: 2, snippet: 'orphan', lastSeen: T0 + 11 },
  { entityId: 'smith1', url: ORPHAN_2, count: 1, snippet: '', lastSeen: T0 + 12 },
];
const V4_STATS = [
  { entityId: 'smith1', articles: 2, mentions: 3, lastSeen: T0 + 12 },
  { entityId: RUHANI, articles: 2, mentions: 8, lastSeen: T0 + 70 },
  { entityId: 'khamenei', articles: 1, mentions: 1, lastSeen: T0 + 20 },
  { entityId: 'mek', articles: 3, mentions: 1_000_005, lastSeen: T0 + 65 },
  { entityId: 'war', articles: 1, mentions: 1, lastSeen: T0 + 30 },
];
const V4_NOTES = [
  {
    id: 'n1',
    quote: 'The MEK said it would march.',
    comment: 'Check the date <b>again</b>',
    url: URL_A,
    title: 'A',
    createdAt: T0 + 40,
    site: 'example.com',
    selector: { exact: 'The MEK said it would march.', prefix: 'Yesterday ', suffix: ' On Friday', position: 120, textLength: 4000 },
    tags: ['protests'],
    entityIds: ['mek', RUHANI],
    updatedAt: T0 + 80,
    anchor: { status: 'found', checkedAt: T0 + 90 },
  },
  { id: 'n2', quote: 'Khamenei broke his silence', comment: '', url: URL_A, title: 'A', createdAt: T0 + 41, site: 'example.com', selector: null, tags: [], entityIds: [], updatedAt: T0 + 41, anchor: null },
];
const V4_SUGGESTIONS = [
  { key: 'national council of resistance', url: URL_A, name: 'National Council of Resistance', type: 'organization', count: 2, lastSeen: T0 + 20 },
  { key: 'national council of resistance', url: URL_B, name: 'National Council of Resistance', type: 'organization', count: 1, lastSeen: T0 + 30 },
];
const V4_META: [string, unknown][] = [
  ['glossaryRevision', 12],
  ['settings', { ...V1_SETTINGS, defaultExactCase: true }],
  ['noteGrants', { g1: { noteId: 'n1', tabId: 3, expiresAt: T0 + 999 } }],
];

function v4Database() {
  return oldDatabase(
    'ncr-v4',
    openV4,
    { entities: V4_ENTITIES, articles: V4_ARTICLES, mentions: V4_MENTIONS, entityStats: V4_STATS, notes: V4_NOTES, suggestions: V4_SUGGESTIONS },
    V4_META,
  );
}

/** Every key and value of a store, raw. */
async function rawStore(db: IDBDatabase, name: string): Promise<{ keys: IDBValidKey[]; values: unknown[] }> {
  const tx = db.transaction(name);
  const [keys, values] = await Promise.all([req(tx.objectStore(name).getAllKeys()), req(tx.objectStore(name).getAll())]);
  return { keys, values };
}

const byEntityThenUrl = (a: { entityId: string; url: string }, b: { entityId: string; url: string }) =>
  a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

describe('migration v4 -> v5', () => {
  it('moves every mention row into its article’s readings record and every statistic into its bucket, unchanged; entities lose only the dropped index keys', async () => {
    const { factory, name } = await v4Database();
    // The v4 database as it was, store by store (what must survive untouched).
    const v4 = await openV4(factory, name);
    const before: Record<string, { keys: IDBValidKey[]; values: unknown[] }> = {};
    for (const store of ['entities', 'notes', 'meta', 'suggestions']) before[store] = await rawStore(v4, store);
    v4.close();

    const db = await openDatabase({ indexedDB: factory, name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('mentions');
    expect([...db.objectStoreNames]).not.toContain('entityStats');

    // Stores the step does not touch: byte for byte.
    const raw = unwrap(db) as IDBDatabase;
    for (const store of ['notes', 'meta', 'suggestions']) expect(await rawStore(raw, store)).toEqual(before[store]);
    // Entities: every field as it was, without `aliasKeys` and `tagKeys` (their indexes are gone).
    expect(await rawStore(raw, 'entities')).toEqual({ keys: before.entities!.keys, values: before.entities!.values.map((e) => withoutIndexKeys(e as object)) });
    expect([...raw.transaction('entities').objectStore('entities').indexNames]).toEqual(['by-name']);
    expect((await listEntities(db)).find((e) => e.id === RUHANI)).toEqual(withoutIndexKeys((({ nameKey: _n, ...e }) => e)(V4_ENTITIES[V4_ENTITIES.length - 1]!)));
    expect((await findEntitiesByAlias(db, 'ROUHANI')).map((e) => e.id)).toEqual([RUHANI]);
    expect((await findEntitiesByTag(db, 'iran')).map((e) => e.id)).toEqual(['mek', RUHANI]);

    // The reading index: every article and every mention row exactly as v4 held them.
    const dump = await dumpAll(db);
    expect(dump.articles).toEqual([...V4_ARTICLES].sort(byUrl));
    expect(dump.mentions).toEqual([...V4_MENTIONS].sort(byEntityThenUrl));
    expect(await dumpStats(db)).toEqual([...V4_STATS].sort((a, b) => (a.entityId < b.entityId ? -1 : 1)));

    // Their v5 form: one readings record per article (rows as tuples, by entity id; none for D), and each
    // article's index keys are its rows' [entity, -lastSeen].
    const readings = await db.getAll('readings');
    expect(readings.map((r) => r.url)).toEqual([...V4_ARTICLES.map((a) => a.url), ORPHAN_1, ORPHAN_2].sort());
    for (const r of readings) {
      const rows = V4_MENTIONS.filter((m) => m.url === r.url).sort(byEntityThenUrl);
      expect(r.rows).toEqual(rows.map((m) => [m.entityId, m.count, m.snippet, m.lastSeen]));
      const article = await db.get('articles', r.url);
      if (r.url === ORPHAN_1 || r.url === ORPHAN_2) expect(article).toBeUndefined();
      else expect(article!.entityKeys).toEqual(rows.map((m) => [m.entityId, -m.lastSeen]));
    }
    expect((await db.get('readings', URL_D))!.rows).toEqual([]);

    // The new index answers on migrated records: newest sighting first, ties by URL.
    expect((await alsoIn(db, 'mek')).map((a) => a.url)).toEqual([URL_C, URL_B, URL_A]);
    expect((await alsoIn(db, RUHANI, { excludeUrl: URL_C })).map((a) => [a.url, a.count, a.snippet])).toEqual([[URL_B, 7, 'Ḥasan Rūḥānī 🇮🇷 said “no”']]);
    const page = await entityReading(db, 'mek', { limit: 2 });
    expect(page).toMatchObject({ total: 3, mentions: 1_000_005, articles: [{ url: URL_C, count: 1_000_000 }, { url: URL_B, count: 2 }] });
    expect(page.coMentioned.map((c) => [c.entityId, c.articles])).toEqual([[RUHANI, 2], ['khamenei', 1], ['war', 1]]);
    expect((await entityArticles(db, 'mek', page.next!)).articles.map((a) => a.url)).toEqual([URL_A]);
    expect((await listGlossaryRows(db)).find((r) => r.entity.id === RUHANI)).toMatchObject({ articles: 2, mentions: 8, lastSeen: T0 + 70 });
    expect(await storageSummary(db)).toEqual({ entities: V4_ENTITIES.length, articles: V4_ARTICLES.length, mentions: V4_MENTIONS.length, notes: V4_NOTES.length });

    // And the migrated database keeps working: a revisit, a forgotten article, a merge.
    await recordVisit(db, { url: URL_A, title: 'A', site: 'Example', mentions: [{ entityId: 'mek', count: 4, snippet: 's' }] }, T0 + 100);
    let stats = await dumpStats(db);
    expect(stats.find((s) => s.entityId === 'khamenei')).toBeUndefined();
    expect(stats.find((s) => s.entityId === 'mek')).toEqual({ entityId: 'mek', articles: 3, mentions: 1_000_006, lastSeen: T0 + 100 });
    expect(await forgetArticle(db, URL_C)).toBe(true);
    stats = await dumpStats(db);
    expect(stats.find((s) => s.entityId === 'mek')).toEqual({ entityId: 'mek', articles: 2, mentions: 6, lastSeen: T0 + 100 });
    expect(stats.find((s) => s.entityId === RUHANI)).toEqual({ entityId: RUHANI, articles: 1, mentions: 7, lastSeen: T0 + 30 });
    await mergeEntities(db, RUHANI, 'war', T0 + 110);
    expect(await listMentionsOfArticle(db, URL_B)).toEqual([
      { entityId: RUHANI, url: URL_B, count: 8, snippet: 'Ḥasan Rūḥānī 🇮🇷 said “no”', lastSeen: T0 + 30 },
      { entityId: 'mek', url: URL_B, count: 2, snippet: 'PMOI', lastSeen: T0 + 30 },
    ]);
    expect((await dumpStats(db)).find((s) => s.entityId === RUHANI)).toEqual({ entityId: RUHANI, articles: 1, mentions: 8, lastSeen: T0 + 30 });
    db.close();

    // Opening again runs no migration and changes nothing.
    const again = await openDatabase({ indexedDB: factory, name });
    expect((await dumpAll(again)).mentions).toHaveLength(V4_MENTIONS.length - 2 - 2);
    again.close();
  });

  it('an empty v4 database upgrades to an empty v5 one', async () => {
    const factory = new IDBFactory();
    (await openV4(factory, 'empty4')).close();
    const db = await openDatabase({ indexedDB: factory, name: 'empty4' });
    expect(await dumpAll(db)).toMatchObject({ entities: [], articles: [], mentions: [], notes: [] });
    expect(await dumpStats(db)).toEqual([]);
    expect(await db.count('readings')).toBe(0);
    db.close();
  });

  it('a write failing half-way through the step (a full disk) leaves the v4 database as it was', async () => {
    const { factory, name } = await v4Database();
    const v4 = await openV4(factory, name);
    const before: Record<string, { keys: IDBValidKey[]; values: unknown[] }> = {};
    const stores = ['entities', 'articles', 'mentions', 'notes', 'meta', 'entityStats', 'suggestions'];
    for (const store of stores) before[store] = await rawStore(v4, store);
    v4.close();

    // The third readings record written fails as a full disk would.
    const storeProto = Object.getPrototypeOf((await openV4(new IDBFactory(), 'probe')).transaction('articles').objectStore('articles')) as { put: (...args: unknown[]) => unknown };
    const put = storeProto.put;
    let readingsWritten = 0;
    const spy = vi.spyOn(storeProto, 'put').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'readings' && ++readingsWritten === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    try {
      // Said in words, as every quota error is (the router's describeError passes a StorageError on as it is).
      await expect(openDatabase({ indexedDB: factory, name })).rejects.toThrow(/no more storage space for it\. Free some disk space, then try again\. Nothing was changed\./);
    } finally {
      spy.mockRestore();
    }
    const after = await openV4(factory, name);
    expect(after.version).toBe(4);
    expect([...after.objectStoreNames].sort()).toEqual([...stores].sort());
    for (const store of stores) expect(await rawStore(after, store)).toEqual(before[store]);
    expect([...after.transaction('articles').objectStore('articles').indexNames]).toEqual(['by-lastSeen']);
    expect([...after.transaction('entities').objectStore('entities').indexNames].sort()).toEqual(['by-alias', 'by-name', 'by-tag', 'by-updatedAt']);
    after.close();

    // With room again, the same database migrates.
    const db = await openDatabase({ indexedDB: factory, name });
    expect((await dumpAll(db)).mentions).toHaveLength(V4_MENTIONS.length);
    db.close();
  });
});

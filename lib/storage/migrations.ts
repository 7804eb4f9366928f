/**
 * The migration ladder of the database whose versions schema.ts lists: one step per version,
 * run in order inside the single versionchange transaction (a failed step leaves the old
 * database untouched). Each step has a test that opens a database one version older holding
 * real data (tests/unit/storage/migrations.test.ts).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';
import { aliasKeysOf, tagKeysOf } from './keys';
import { byEntityId, entityKeysOf, rowOf, statsBucketOf, toStoredReadings, type EntityStats, type NcrSchema, type ReadingRow, type StoreName, type StoredEntity } from './schema';

/**
 * Stores and indexes of versions that are gone: the ladder's steps still create and read them
 * (a v1 profile climbs through them), so they are typed here, apart from today's schema.
 */
interface LadderSchema extends DBSchema {
  articles: NcrSchema['articles'];
  readings: NcrSchema['readings'];
  notes: NcrSchema['notes'];
  meta: NcrSchema['meta'];
  statBuckets: NcrSchema['statBuckets'];
  suggestions: NcrSchema['suggestions'];
  entities: {
    key: string;
    /** v2-v4 also kept `aliasKeys` (every normalised name and alias) and `tagKeys`. */
    value: StoredEntity & { aliasKeys?: string[]; tagKeys?: string[] };
    indexes: { 'by-name': string; 'by-updatedAt': number; 'by-alias': string; 'by-tag': string };
  };
  mentions: {
    key: [entityId: string, url: string];
    value: Mention;
    indexes: { 'by-entity': string; 'by-url': string; 'by-entity-lastSeen': [string, number] };
  };
  entityStats: {
    key: string;
    value: EntityStats;
  };
}
type LadderStore = StoreNames<LadderSchema>;
type UpgradeTx = IDBPTransaction<LadderSchema, LadderStore[], 'versionchange'>;

/**
 * The migration ladder. Called by idb inside the versionchange transaction. Synchronous steps
 * create stores and indexes; a step that rewrites records returns a promise (it may await only
 * requests of `tx`), and openDatabase aborts the upgrade should it reject.
 */
export function upgrade(
  ncrDb: IDBPDatabase<NcrSchema>,
  oldVersion: number,
  _newVersion: number | null,
  ncrTx: IDBPTransaction<NcrSchema, StoreName[], 'versionchange'>,
): Promise<void> | void {
  const db = ncrDb as unknown as IDBPDatabase<LadderSchema>;
  const tx = ncrTx as unknown as UpgradeTx;
  // Steps that rewrite records run one after the other (each may read what the previous wrote).
  const steps: (() => Promise<void>)[] = [];
  if (oldVersion < 1) {
    const entities = db.createObjectStore('entities', { keyPath: 'id' });
    // Not unique: two different people can share a name ("keep both" on import).
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
  }
  if (oldVersion < 2) {
    const entities = tx.objectStore('entities');
    entities.createIndex('by-alias', 'aliasKeys', { unique: false, multiEntry: true });
    entities.createIndex('by-tag', 'tagKeys', { unique: false, multiEntry: true });
    db.createObjectStore('entityStats', { keyPath: 'entityId' });
    // The entity page reads an entity's most recent rows first, without reading them all.
    tx.objectStore('mentions').createIndex('by-entity-lastSeen', ['entityId', 'lastSeen'], { unique: false });
    // A new database (oldVersion 0) has no records: nothing to rewrite.
    if (oldVersion >= 1) steps.push(() => migrateToV2(tx));
  }
  if (oldVersion < 3) {
    const notes = tx.objectStore('notes');
    notes.createIndex('by-url', 'url', { unique: false });
    notes.createIndex('by-entity', 'entityIds', { unique: false, multiEntry: true });
    notes.createIndex('by-updatedAt', 'updatedAt', { unique: false });
    if (oldVersion >= 1) steps.push(() => migrateToV3(tx));
  }
  if (oldVersion < 4) {
    // A new store only: no existing record changes.
    const suggestions = db.createObjectStore('suggestions', { keyPath: ['key', 'url'] });
    suggestions.createIndex('by-key', 'key', { unique: false });
    suggestions.createIndex('by-url', 'url', { unique: false });
  }
  if (oldVersion < 5) {
    const entities = tx.objectStore('entities');
    entities.deleteIndex('by-alias');
    entities.deleteIndex('by-tag');
    entities.deleteIndex('by-updatedAt');
    db.createObjectStore('readings', { keyPath: 'url' });
    db.createObjectStore('statBuckets', { keyPath: 'bucket' });
    tx.objectStore('articles').createIndex('by-entity', 'entityKeys', { unique: false, multiEntry: true });
    if (oldVersion >= 1) steps.push(() => migrateToV5(db, tx));
    else {
      db.deleteObjectStore('mentions');
      db.deleteObjectStore('entityStats');
    }
  }
  if (steps.length) return steps.reduce((done, step) => done.then(step), Promise.resolve());
}

/** v1 -> v2: derived keys on every entity, and entityStats from the mention rows. */
async function migrateToV2(tx: UpgradeTx): Promise<void> {
  const entities = tx.objectStore('entities');
  const stats = tx.objectStore('entityStats');
  const writes: Promise<unknown>[] = [];
  const issue = (p: Promise<unknown>) => {
    // Observed by Promise.all below; this only keeps an aborted upgrade from reporting each.
    p.catch(() => {});
    writes.push(p);
  };
  for (let cursor = await entities.openCursor(); cursor; cursor = await cursor.continue()) {
    const value = cursor.value;
    issue(cursor.update({ ...value, aliasKeys: aliasKeysOf(value), tagKeys: tagKeysOf(value) }));
  }
  const byEntity = new Map<string, EntityStats>();
  for (let cursor = await tx.objectStore('mentions').openCursor(); cursor; cursor = await cursor.continue()) {
    const m = cursor.value;
    const s = byEntity.get(m.entityId);
    if (s) {
      s.articles++;
      s.mentions += m.count;
      s.lastSeen = Math.max(s.lastSeen, m.lastSeen);
    } else {
      byEntity.set(m.entityId, { entityId: m.entityId, articles: 1, mentions: m.count, lastSeen: m.lastSeen });
    }
  }
  for (const s of byEntity.values()) issue(stats.put(s));
  await Promise.all(writes);
}

/**
 * v2 -> v3: every note gets the fields notes have had since (defaults: no selector, no tags, no
 * entity links, its site from its URL, updatedAt = createdAt). Fields it has are left as they are.
 */
async function migrateToV3(tx: UpgradeTx): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (let cursor = await tx.objectStore('notes').openCursor(); cursor; cursor = await cursor.continue()) {
    const v = cursor.value as Partial<Note> & { url: string; createdAt: number };
    const p = cursor.update({
      ...v,
      site: typeof v.site === 'string' ? v.site : siteOfUrl(v.url),
      selector: v.selector ?? null,
      tags: Array.isArray(v.tags) ? v.tags : [],
      entityIds: Array.isArray(v.entityIds) ? v.entityIds : [],
      updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : v.createdAt,
      anchor: v.anchor ?? null,
    } as Note);
    p.catch(() => {});
    writes.push(p);
  }
  await Promise.all(writes);
}

/** The host of a URL without "www." ("" when it is not one): a v2 note's site. */
function siteOfUrl(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Records read per request while the v5 step moves the reading index. */
const V5_BATCH = 1000;

/**
 * v4 -> v5: the reading index in fewer, larger records. Every mention row moves, unchanged but
 * for its URL (now the key of its record), into its article's `readings` record; every article
 * gains the index keys of its rows; every entityStats record moves, unchanged, into its bucket.
 * Then the `mentions` and `entityStats` stores are deleted. Reads go a batch of 1,000 articles
 * (and their rows, in one request) at a time, so a large profile is never held in memory at once.
 */
async function migrateToV5(db: IDBPDatabase<LadderSchema>, tx: UpgradeTx): Promise<void> {
  const writes: Promise<unknown>[] = [];
  const issue = (p: Promise<unknown>) => {
    p.catch(() => {});
    writes.push(p);
  };
  const articles = tx.objectStore('articles');
  const readings = tx.objectStore('readings');
  const byUrl = tx.objectStore('mentions').index('by-url');

  let moved = 0;
  const orphans = new Map<string, ReadingRow[]>();
  let after: string | null = null;
  for (;;) {
    const batch: Article[] = await articles.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), V5_BATCH);
    if (batch.length === 0) break;
    // The rows of the whole batch in one request: the URLs from its first article to its last.
    const rows = await byUrl.getAll(IDBKeyRange.bound(batch[0]!.url, batch[batch.length - 1]!.url));
    const byArticle = new Map<string, ReadingRow[]>(batch.map((a) => [a.url, []]));
    for (const m of rows) {
      const list = byArticle.get(m.url) ?? orphans.get(m.url) ?? orphans.set(m.url, []).get(m.url)!;
      list.push(rowOf(m));
    }
    moved += rows.length;
    for (const article of batch) {
      const rowsOfArticle = byArticle.get(article.url)!.sort(byEntityId);
      issue(readings.put(toStoredReadings(article.url, rowsOfArticle)));
      issue(articles.put({ ...article, entityKeys: entityKeysOf(rowsOfArticle) }));
    }
    after = batch[batch.length - 1]!.url;
  }

  // Rows whose article is missing cannot be made by any version, but should one exist it is
  // kept (in a readings record of its own), not dropped.
  if (moved < (await tx.objectStore('mentions').count())) {
    // The index lists rows grouped by URL: one article lookup per URL.
    let url: string | null = null;
    let orphan = false;
    for (let c = await byUrl.openCursor(); c; c = await c.continue()) {
      const m = c.value;
      if (m.url !== url) {
        url = m.url;
        orphan = (await articles.getKey(url)) === undefined && !orphans.has(url);
        if (orphan) orphans.set(url, []);
      }
      if (orphan) orphans.get(url)!.push(rowOf(m));
    }
  }
  for (const [url, rows] of orphans) issue(readings.put(toStoredReadings(url, rows.sort(byEntityId))));

  const buckets = new Map<number, EntityStats[]>();
  for (const s of await tx.objectStore('entityStats').getAll()) {
    const b = statsBucketOf(s.entityId);
    const list = buckets.get(b);
    if (list) list.push(s);
    else buckets.set(b, [s]);
  }
  const statBuckets = tx.objectStore('statBuckets');
  for (const [bucket, stats] of buckets) issue(statBuckets.put({ bucket, stats: stats.sort(byEntityId) }));

  // Entities lose the keys of the dropped indexes; every other field stays as it was.
  const entities = tx.objectStore('entities');
  for (let last: string | null = null; ; ) {
    const batch = await entities.getAll(last === null ? null : IDBKeyRange.lowerBound(last, true), V5_BATCH);
    if (batch.length === 0) break;
    for (const { aliasKeys: _aliasKeys, tagKeys: _tagKeys, ...entity } of batch) issue(entities.put(entity));
    last = batch[batch.length - 1]!.id;
  }
  await Promise.all(writes);
  db.deleteObjectStore('mentions');
  db.deleteObjectStore('entityStats');
}

/**
 * The shape of the extension's IndexedDB database and its migration ladder.
 *
 * Bump DB_VERSION for every schema change and add one `if (oldVersion < N)` step to `upgrade`.
 * Steps never change: a profile at version K runs steps K+1..N in order, inside the single
 * versionchange transaction (so a failed migration leaves the old database untouched).
 * Each new step needs a test that opens a database at version N-1 holding real data
 * (tests/unit/storage/migrations.test.ts).
 *
 * Versions:
 *  1. entities, articles, mentions, notes, meta.
 *  2. entities gain the derived keys `aliasKeys` (index `by-alias`, multiEntry: duplicate
 *     checks by any name) and `tagKeys` (index `by-tag`); new store `entityStats` (mentions,
 *     articles and last sighting per entity, for sorting the glossary by them), computed from
 *     the existing mention rows; index `by-entity-lastSeen` on mentions (an entity's most
 *     recent sightings first). No model field of any record changes.
 *  3. notes gain `site`, `selector` (null: found by their bare quote), `tags`, `entityIds`,
 *     `updatedAt` (= createdAt) and `anchor` (null); indexes `by-url` (the quotes of one page),
 *     `by-entity` (entityIds, multiEntry) and `by-updatedAt` on notes. No existing field changes.
 *  4. new store `suggestions` (keyPath [key, url]; indexes `by-key`, `by-url`): where entities
 *     not in the glossary were seen, so a suggestion can say "seen in 3 articles you read".
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';
import { aliasKeysOf, tagKeysOf } from './keys';

export const DB_NAME = 'news-context-reader';
export const DB_VERSION = 4;

/**
 * An entity as stored: the model's Entity plus keys for the indexes (its normalised name,
 * every normalised name and alias, its tags lower-cased). They never leave the storage layer.
 */
export interface StoredEntity extends Entity {
  nameKey: string;
  aliasKeys: string[];
  tagKeys: string[];
}

/** Per entity: how many articles mention it, how many mentions in all, when last seen. */
export interface EntityStats {
  entityId: string;
  articles: number;
  mentions: number;
  lastSeen: number;
}

/** Keys of the `meta` store. Values are validated where they are read. */
export const META_GLOSSARY_REVISION = 'glossaryRevision';

export interface NcrSchema extends DBSchema {
  entities: {
    key: string;
    value: StoredEntity;
    indexes: { 'by-name': string; 'by-updatedAt': number; 'by-alias': string; 'by-tag': string };
  };
  articles: {
    /** The canonical URL. */
    key: string;
    value: Article;
    indexes: { 'by-lastSeen': number };
  };
  mentions: {
    key: [entityId: string, url: string];
    value: Mention;
    indexes: { 'by-entity': string; 'by-url': string; 'by-entity-lastSeen': [string, number] };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-createdAt': number; 'by-url': string; 'by-entity': string; 'by-updatedAt': number };
  };
  /** Small key-value facts about the database (the glossary revision counter, settings, ...). */
  meta: {
    key: string;
    value: unknown;
  };
  entityStats: {
    key: string;
    value: EntityStats;
  };
  /** Where suggested (not yet glossary) entities were seen: one row per key and article. */
  suggestions: {
    key: [key: string, url: string];
    value: { key: string; url: string; name: string; type: 'person' | 'organization' | 'event'; count: number; lastSeen: number };
    indexes: { 'by-key': string; 'by-url': string };
  };
}

export type StoreName = StoreNames<NcrSchema>;
export const STORE_NAMES = ['entities', 'articles', 'mentions', 'notes', 'meta', 'entityStats', 'suggestions'] as const satisfies readonly StoreName[];

type UpgradeTx = IDBPTransaction<NcrSchema, StoreName[], 'versionchange'>;

/**
 * The migration ladder. Called by idb inside the versionchange transaction. Synchronous steps
 * create stores and indexes; a step that rewrites records returns a promise (it may await only
 * requests of `tx`), and openDatabase aborts the upgrade should it reject.
 */
export function upgrade(
  db: IDBPDatabase<NcrSchema>,
  oldVersion: number,
  _newVersion: number | null,
  tx: UpgradeTx,
): Promise<void> | void {
  const steps: Promise<void>[] = [];
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
    if (oldVersion >= 1) steps.push(migrateToV2(tx));
  }
  if (oldVersion < 3) {
    const notes = tx.objectStore('notes');
    notes.createIndex('by-url', 'url', { unique: false });
    notes.createIndex('by-entity', 'entityIds', { unique: false, multiEntry: true });
    notes.createIndex('by-updatedAt', 'updatedAt', { unique: false });
    if (oldVersion >= 1) steps.push(migrateToV3(tx));
  }
  if (oldVersion < 4) {
    // A new store only: no existing record changes.
    const suggestions = db.createObjectStore('suggestions', { keyPath: ['key', 'url'] });
    suggestions.createIndex('by-key', 'key', { unique: false });
    suggestions.createIndex('by-url', 'url', { unique: false });
  }
  if (steps.length) return Promise.all(steps).then(() => undefined);
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

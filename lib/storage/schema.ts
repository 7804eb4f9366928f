/**
 * The shape of the extension's IndexedDB database (its migration ladder: migrations.ts).
 *
 * Bump DB_VERSION for every schema change and add one `if (oldVersion < N)` step to `upgrade`
 * (migrations.ts).
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
 *  5. the reading index in fewer, larger records (docs/knowledge-base.md#storage): the mention
 *     rows of one article become one `readings` record (keyPath url; rows as tuples); each article record gains
 *     `entityKeys` ([entityId, -lastSeen] per row; index `by-entity`, multiEntry: an entity's
 *     articles, most recent first, without reading its rows); the per-entity `entityStats`
 *     records are kept in 256 `statBuckets` (by a hash of the entity id). The `mentions` and
 *     `entityStats` stores are removed once their records have moved. The entities' indexes
 *     `by-alias`, `by-tag` and `by-updatedAt`, which nothing queried, are dropped with the keys
 *     `aliasKeys` and `tagKeys` they indexed. No model field changes.
 */
import type { DBSchema, StoreNames } from 'idb';
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';

export const DB_NAME = 'news-context-reader';
export const DB_VERSION = 5;

/**
 * An entity as stored: the model's Entity plus its normalised name, the key of the `by-name`
 * index (the glossary's order). It never leaves the storage layer.
 */
export interface StoredEntity extends Entity {
  nameKey: string;
}

/** Per entity: how many articles mention it, how many mentions in all, when last seen. */
export interface EntityStats {
  entityId: string;
  articles: number;
  mentions: number;
  lastSeen: number;
}

/**
 * An article as stored: the model's Article plus `entityKeys`, one `[entityId, -lastSeen]` per
 * row of its readings record (index `by-entity`, multiEntry). Negated, so that ascending index
 * order is "most recently seen first" and `getAll(range, n)` reads an entity's newest n articles
 * in one request. Derived from the readings rows and written with them, in one transaction.
 */
export interface StoredArticle extends Article {
  entityKeys: [entityId: string, negLastSeen: number][];
}

/** One entity's row in an article: how often it was mentioned, the snippet, when last seen. */
export interface ReadingRow {
  entityId: string;
  count: number;
  snippet: string;
  lastSeen: number;
}

/** The mention rows of one article (sorted by entity id). */
export interface Readings {
  url: string;
  rows: ReadingRow[];
}

/** A row as stored: a tuple, not an object (15 % fewer bytes to write than named fields). */
export type StoredRow = [entityId: string, count: number, snippet: string, lastSeen: number];

/** The `readings` record of one article: its rows as tuples, sorted by entity id. */
export interface StoredReadings {
  url: string;
  rows: StoredRow[];
}

/** A model mention row as an article's reading row (the URL is the article's). */
export function rowOf(m: Mention): ReadingRow {
  return { entityId: m.entityId, count: m.count, snippet: m.snippet, lastSeen: m.lastSeen };
}

/** Code-unit order of two keys (ids, URLs): the order IndexedDB sorts string keys in. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows, statistics and mentions are stored in entity-id order: one order for every writer. */
export function byEntityId(a: { entityId: string }, b: { entityId: string }): number {
  return compareKeys(a.entityId, b.entityId);
}

export function toStoredReadings(url: string, rows: readonly ReadingRow[]): StoredReadings {
  return { url, rows: rows.map((r) => [r.entityId, r.count, r.snippet, r.lastSeen]) };
}

export function fromStoredReadings(stored: StoredReadings): Readings {
  return { url: stored.url, rows: stored.rows.map(([entityId, count, snippet, lastSeen]) => ({ entityId, count, snippet, lastSeen })) };
}

/** The statistics of the entities whose id hashes to `bucket` (sorted by entity id). */
export interface StatsBucket {
  bucket: number;
  stats: EntityStats[];
}

/** Keys of the `meta` store. Values are validated where they are read. */
export const META_GLOSSARY_REVISION = 'glossaryRevision';

export interface NcrSchema extends DBSchema {
  entities: {
    key: string;
    value: StoredEntity;
    indexes: { 'by-name': string };
  };
  articles: {
    /** The canonical URL. */
    key: string;
    value: StoredArticle;
    indexes: { 'by-lastSeen': number; 'by-entity': [string, number] };
  };
  /** Per article: its mention rows (v5; v1-v4 kept one `mentions` record per article × entity). */
  readings: {
    /** The canonical URL (of the article). */
    key: string;
    value: StoredReadings;
  };
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-createdAt': number; 'by-url': string; 'by-entity': string; 'by-updatedAt': number };
  };
  /**
   * Small key-value facts about the database (the glossary revision counter, settings, ...),
   * and the background's compiled glossary between its restarts (glossary-image.ts).
   */
  meta: {
    key: string;
    value: unknown;
  };
  /** Per-entity statistics, 256 buckets (v5; v2-v4 kept one `entityStats` record per entity). */
  statBuckets: {
    key: number;
    value: StatsBucket;
  };
  /** Where suggested (not yet glossary) entities were seen: one row per key and article. */
  suggestions: {
    key: [key: string, url: string];
    value: { key: string; url: string; name: string; type: 'person' | 'organization' | 'event'; count: number; lastSeen: number };
    indexes: { 'by-key': string; 'by-url': string };
  };
}

export type StoreName = StoreNames<NcrSchema>;
export const STORE_NAMES = ['entities', 'articles', 'readings', 'notes', 'meta', 'statBuckets', 'suggestions'] as const satisfies readonly StoreName[];

/** How many statistics buckets there are (part of the schema: changing it needs a migration). */
export const STATS_BUCKETS = 256;

/** The bucket of an entity's statistics: FNV-1a of its id (UTF-16 code units), mod STATS_BUCKETS. */
export function statsBucketOf(entityId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < entityId.length; i++) {
    h ^= entityId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % STATS_BUCKETS;
}

/** The index keys of an article whose readings are `rows`. */
export function entityKeysOf(rows: readonly Pick<ReadingRow, 'entityId' | 'lastSeen'>[]): [string, number][] {
  // 0 - x rather than -x: a lastSeen of 0 gives 0, not -0 (the same key, but a different value).
  return rows.map((r) => [r.entityId, 0 - r.lastSeen]);
}

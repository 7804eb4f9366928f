/**
 * The reading index's records at the lowest level, shared by its readers and writers
 * (reading.ts, entity-reading.ts, article-list.ts, entities.ts, import.ts): an article's stored
 * form and its rows, the `by-entity` index ranges, rewriting an article's rows in place.
 */
import type { IDBPIndex, IDBPObjectStore } from 'idb';
import type { Article, Mention } from '../model/article';
import { requestAll } from './db';
import { byEntityId, entityKeysOf, fromStoredReadings, toStoredReadings, type NcrSchema, type ReadingRow, type Readings, type StoreName, type StoredArticle, type StoredReadings } from './schema';

/** Collapse white space and cut to `max` UTF-16 units without splitting a surrogate pair. */
export function clampText(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let end = max;
  const code = t.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return t.slice(0, end).trimEnd();
}

/** The stored form of an article whose readings are `rows`. */
export function toStoredArticle(article: Article, rows: readonly ReadingRow[]): StoredArticle {
  return { ...article, entityKeys: entityKeysOf(rows) };
}

/** The model's Article from its stored form (the index keys never leave the storage layer). */
export function fromStoredArticle(stored: StoredArticle): Article {
  const { entityKeys: _keys, ...article } = stored;
  return article;
}

/** Rows in their stored order (by entity id): one order for every writer, so equal data is equal bytes. */
export function sortRows<T extends { entityId: string }>(rows: T[]): T[] {
  return rows.sort(byEntityId);
}

/** A readings record as rows (undefined when there is none). */
export function decodeReadings(stored: StoredReadings | undefined): Readings | undefined {
  return stored ? fromStoredReadings(stored) : undefined;
}

/** An article's rows as the model's mention rows. */
export function mentionsOf(readings: Readings): Mention[] {
  return readings.rows.map((r) => ({ entityId: r.entityId, url: readings.url, count: r.count, snippet: r.snippet, lastSeen: r.lastSeen }));
}

/** Every key of the `by-entity` index that belongs to this entity. */
export function entityRange(entityId: string): IDBKeyRange {
  return IDBKeyRange.bound([entityId, -Infinity], [entityId, Infinity]);
}

type ByEntityIndex = IDBPIndex<NcrSchema, ArrayLike<StoreName>, 'articles', 'by-entity', IDBTransactionMode>;

/**
 * When the entity was last seen in any article, from the first key of its index range (one
 * request, no record read); null when no article mentions it.
 */
export async function newestSighting(index: ByEntityIndex, entityId: string): Promise<number | null> {
  const cursor = await index.openKeyCursor(entityRange(entityId));
  return cursor ? 0 - (cursor.key as [string, number])[1] : null;
}

/** When the entity was last seen in this article (from its index keys). */
export function sightingIn(article: StoredArticle, entityId: string): number {
  const key = article.entityKeys.find((k) => k[0] === entityId);
  return key ? 0 - key[1] : 0;
}

export function rowIn(readings: Readings | undefined, entityId: string): ReadingRow | undefined {
  return readings?.rows.find((r) => r.entityId === entityId);
}

type ArticlesStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'articles', 'readwrite'>;
type ReadingsStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'readings', 'readwrite'>;

/** The URLs of the articles that mention any of these entities (index keys only, no record read). */
export async function articleUrlsOf(articles: ArticlesStore, entityIds: readonly string[]): Promise<string[]> {
  const index = articles.index('by-entity');
  const lists = await requestAll([...new Set(entityIds)], (id) => index.getAllKeys(entityRange(id)));
  return [...new Set(lists.flat())];
}

/**
 * Rewrite the rows of these articles inside the caller's transaction: `edit` gets an article's
 * rows (a copy) and returns its new rows; the readings record and the article's index keys are
 * written together. Returns every article's rows as they were.
 */
export async function rewriteRows(
  articles: ArticlesStore,
  readings: ReadingsStore,
  urls: readonly string[],
  edit: (rows: ReadingRow[], url: string) => ReadingRow[],
): Promise<Readings[]> {
  const [stored, before] = await Promise.all([requestAll(urls, (u) => articles.get(u)), requestAll(urls, (u) => readings.get(u))]);
  const previous: Readings[] = [];
  const writes: Promise<unknown>[] = [];
  urls.forEach((url, i) => {
    const article = stored[i];
    const old = decodeReadings(before[i]) ?? { url, rows: [] };
    previous.push(old);
    const rows = sortRows(edit(old.rows.map((r) => ({ ...r })), url));
    if (article) writes.push(articles.put(toStoredArticle(fromStoredArticle(article), rows)));
    writes.push(readings.put(toStoredReadings(url, rows)));
  });
  for (const w of writes) w.catch(() => {});
  await Promise.all(writes);
  return previous;
}

/** n as an integer between min and max (min when not a number). */
export function clampInt(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.min(max, Math.floor(n))) : min;
}

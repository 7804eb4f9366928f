/**
 * The reading index: articles the reader opened that mention glossary entities, keyed by
 * canonical URL (lib/page/canonical-url.ts), and per article × entity a mention row.
 *
 * Stored (schema v5) as one `articles` record and one `readings` record per article: the
 * article's rows live together, and the article record carries their index keys (`entityKeys`,
 * index `by-entity`), so "the newest n articles of X" is one request that reads n records, and
 * the entities of those articles come with them. Statistics per entity live in `statBuckets`.
 */
import { z } from 'zod';
import type { IDBPIndex, IDBPObjectStore } from 'idb';
import { Article, MAX_SNIPPET_LENGTH, MAX_TITLE_LENGTH, Mention, PageMention } from '../model/article';
import { EntityId, type Entity } from '../model/entity';
import { friendlyMessage } from '../model/glossary-file';
import type { AlsoIn } from '../messaging/protocol';
import { requestAll, runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { byEntityId, entityKeysOf, fromStoredReadings, rowOf, toStoredReadings, type NcrSchema, type ReadingRow, type Readings, type StoreName, type StoredArticle, type StoredReadings } from './schema';
import { StatsEditor, readStats, statsWithoutArticle } from './stats';
import { searchKey } from '../text/fold';

export { rowOf } from './schema';

export const MAX_SITE_LENGTH = 200;
export const MAX_MENTIONS_PER_VISIT = 10_000;
const MAX_COUNT = 1_000_000;

/** Collapse white space and cut to `max` UTF-16 units without splitting a surrogate pair. */
export function clampText(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let end = max;
  const code = t.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return t.slice(0, end).trimEnd();
}

/** One visit, as the background hands it over. `url` is already canonical. */
export const Visit = z.strictObject({
  url: Article.shape.url,
  /** Longer titles and site names are cut, not rejected: they come from arbitrary pages. */
  title: z
    .string()
    .max(100_000)
    .transform((s) => clampText(s, MAX_TITLE_LENGTH)),
  site: z
    .string()
    .max(100_000)
    .transform((s) => clampText(s, MAX_SITE_LENGTH)),
  mentions: z.array(PageMention).max(MAX_MENTIONS_PER_VISIT),
  /** Publication time the page states (epoch ms, already checked for plausibility). */
  publishedAt: z.number().int().nonnegative().nullable().optional(),
});
export type VisitInput = z.input<typeof Visit>;

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
function sightingIn(article: StoredArticle, entityId: string): number {
  const key = article.entityKeys.find((k) => k[0] === entityId);
  return key ? 0 - key[1] : 0;
}

function rowIn(readings: Readings | undefined, entityId: string): ReadingRow | undefined {
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

export interface RecordVisitResult {
  /** False when no reported entity exists (any more): nothing was written. */
  recorded: boolean;
  /** Mention rows written (one per existing entity). */
  mentions: number;
}

/**
 * Record that the reader saw `url` now, mentioning these entities. One transaction:
 *  - the article is created, or updated (title, site, lastSeen; firstSeen kept);
 *  - one mention row per entity: a revisit replaces its count with this visit's count and its
 *    snippet with this visit's (when non-empty);
 *  - the report is what the page says now: rows of entities recorded for this URL before but
 *    not reported this time (a live page that changed, an app that swapped its article) are
 *    removed, and their statistics follow;
 *  - mentions of entities that do not exist (deleted meanwhile) are ignored; if none is left,
 *    nothing is written at all.
 * The same entity reported twice in one visit counts once, with the counts added.
 */
export async function recordVisit(db: Database, visit: VisitInput, now: number): Promise<RecordVisitResult> {
  const r = Visit.safeParse(visit, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod('visit', r.error);
  const { url, title, site } = r.data;
  if (!Number.isSafeInteger(now) || now < 0) throw new ValidationError('visit', [`now: not a valid time (${now})`]);

  const byEntity = new Map<string, { count: number; snippet: string }>();
  for (const m of r.data.mentions) {
    const prev = byEntity.get(m.entityId);
    const snippet = clampText(m.snippet, MAX_SNIPPET_LENGTH);
    if (prev) {
      prev.count = Math.min(MAX_COUNT, prev.count + m.count);
      if (!prev.snippet) prev.snippet = snippet;
    } else {
      byEntity.set(m.entityId, { count: m.count, snippet });
    }
  }
  if (byEntity.size === 0) return { recorded: false, mentions: 0 };

  return runTransaction(db, ['entities', 'articles', 'readings', 'statBuckets'], 'readwrite', async (tx) => {
    const entities = tx.objectStore('entities');
    const articles = tx.objectStore('articles');
    const readings = tx.objectStore('readings');
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    const ids = [...byEntity.keys()];
    const [exists, previousArticle, previousReadings] = await Promise.all([
      requestAll(ids, (id) => entities.getKey(id)),
      articles.get(url),
      readings.get(url).then(decodeReadings),
    ]);
    const live = ids.filter((_, i) => exists[i] !== undefined);
    if (live.length === 0) return { recorded: false, mentions: 0 };

    const publishedAt = r.data.publishedAt ?? previousArticle?.publishedAt;
    const article = Article.parse({
      url,
      // An empty title this time (page still loading, say) keeps the one we had.
      title: title || previousArticle?.title || '',
      site: site || previousArticle?.site || '',
      firstSeen: previousArticle ? Math.min(previousArticle.firstSeen, now) : now,
      lastSeen: previousArticle ? Math.max(previousArticle.lastSeen, now) : now,
      ...(publishedAt !== undefined ? { publishedAt } : {}),
    } satisfies Article);
    const before = new Map((previousReadings?.rows ?? []).map((row) => [row.entityId, row]));
    const written = live.map((id) => {
      const seen = byEntity.get(id)!;
      const prev = before.get(id);
      const m = Mention.parse({ entityId: id, url, count: seen.count, snippet: seen.snippet || prev?.snippet || '', lastSeen: now } satisfies Mention);
      return rowOf(m);
    });
    // Rows of entities reported but gone from the glossary stay as they were; rows of entities
    // not reported this time are removed.
    const isLive = new Set(live);
    const kept = [...before.values()].filter((row) => byEntity.has(row.entityId) && !isLive.has(row.entityId));
    const gone = [...before.values()].filter((row) => !byEntity.has(row.entityId));
    const rows = sortRows([...written, ...kept]);

    await stats.load([...live, ...gone.map((g) => g.entityId)]);
    // Statistics move by the difference this visit makes to each row.
    for (const row of written) {
      const prev = before.get(row.entityId);
      const base = stats.get(row.entityId) ?? { entityId: row.entityId, articles: 0, mentions: 0, lastSeen: 0 };
      stats.set(row.entityId, {
        entityId: row.entityId,
        articles: base.articles + (prev ? 0 : 1),
        mentions: Math.max(0, base.mentions + row.count - (prev?.count ?? 0)),
        lastSeen: Math.max(base.lastSeen, row.lastSeen),
      });
    }
    const articleWritten = articles.put(toStoredArticle(article, rows));
    const readingsWritten = readings.put(toStoredReadings(url, rows));
    articleWritten.catch(() => {});
    readingsWritten.catch(() => {});
    // Issued after the writes above, so these see the article without the removed rows.
    const index = articles.index('by-entity');
    const newest = await requestAll(gone, (row) => newestSighting(index, row.entityId));
    gone.forEach((row, i) => {
      const st = stats.get(row.entityId);
      if (st) stats.set(row.entityId, statsWithoutArticle(st, row.count, newest[i]));
    });
    await articleWritten;
    await readingsWritten;
    await stats.flush();
    return { recorded: true, mentions: written.length };
  });
}

export interface AlsoInOptions {
  /** The article being read: left out of the list. */
  excludeUrl?: string;
  /** At most this many (default 20, at most 1000). */
  limit?: number;
}

/**
 * The articles where this entity was seen, newest first (by when it was last seen there),
 * without `excludeUrl`: what the tooltip lists under "also in". Reads `limit + 1` articles,
 * however many mention the entity.
 */
export async function alsoIn(db: Database, entityId: string, options: AlsoInOptions = {}): Promise<AlsoIn[]> {
  const limit = Math.max(0, Math.min(1000, Math.floor(options.limit ?? 20)));
  if (limit === 0 || !EntityId.safeParse(entityId).success) return [];
  return runTransaction(db, ['articles', 'readings'], 'readonly', async (tx) => {
    const newest = await tx.objectStore('articles').index('by-entity').getAll(entityRange(entityId), limit + 1);
    const shown = newest.filter((a) => a.url !== options.excludeUrl).slice(0, limit);
    const readings = tx.objectStore('readings');
    const found = (await requestAll(shown, (a) => readings.get(a.url))).map(decodeReadings);
    const out: AlsoIn[] = [];
    shown.forEach((a, i) => {
      const row = rowIn(found[i], entityId);
      if (row) out.push({ url: a.url, title: a.title, site: a.site, lastSeen: a.lastSeen, count: row.count, snippet: row.snippet });
    });
    return out;
  });
}

/** Every recorded article, most recently seen first. */
export async function listArticles(db: Database): Promise<Article[]> {
  const all = await db.getAllFromIndex('articles', 'by-lastSeen');
  return all.reverse().map(fromStoredArticle);
}

/** The mention rows of one article (which entities it mentioned, how often), by entity id. */
export async function listMentionsOfArticle(db: Database, url: string): Promise<Mention[]> {
  const readings = decodeReadings(await db.get('readings', url));
  return readings ? mentionsOf(readings) : [];
}

/** Forget every article and mention (the glossary and notes stay). */
export async function clearReadingHistory(db: Database): Promise<void> {
  await runTransaction(db, ['articles', 'readings', 'statBuckets'], 'readwrite', async (tx) => {
    await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('readings').clear(), tx.objectStore('statBuckets').clear()]);
  });
}

/** Forget one article and its mention rows; the statistics of its entities follow. */
export async function forgetArticle(db: Database, url: string): Promise<boolean> {
  return runTransaction(db, ['articles', 'readings', 'statBuckets'], 'readwrite', async (tx) => {
    const articles = tx.objectStore('articles');
    if ((await articles.getKey(url)) === undefined) return false;
    const readings = tx.objectStore('readings');
    const rows = decodeReadings(await readings.get(url))?.rows ?? [];
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load(rows.map((r) => r.entityId));
    const deleted = Promise.all([articles.delete(url), readings.delete(url)]);
    deleted.catch(() => {});
    // Issued after the deletes: the newest sighting among the articles that remain.
    const index = articles.index('by-entity');
    const newest = await requestAll(rows, (row) => newestSighting(index, row.entityId));
    await deleted;
    rows.forEach((row, i) => {
      const st = stats.get(row.entityId);
      if (st) stats.set(row.entityId, statsWithoutArticle(st, row.count, newest[i]));
    });
    await stats.flush();
    return true;
  });
}

/** One article on the entity page. */
export interface EntityArticle {
  url: string;
  title: string;
  site: string;
  publishedAt: number | null;
  firstSeen: number;
  lastSeen: number;
  count: number;
  snippet: string;
}

export interface CoMention {
  entityId: string;
  name: string;
  type: Entity['type'];
  /** Articles that mention both (among the articles scanned, see EntityReadingOptions.coScan). */
  articles: number;
}

/**
 * Where a page of an entity's articles ended: when the entity was last seen in the last article
 * shown, and its URL. The next page starts right after it.
 */
export interface ReadingCursor {
  lastSeen: number;
  url: string;
}

export interface EntityArticlesPage {
  /** Most recently seen there first. */
  articles: EntityArticle[];
  /** Where the next page starts; null when this page was the last. */
  next: ReadingCursor | null;
}

export interface EntityReading extends EntityArticlesPage {
  /** How many articles in all. */
  total: number;
  /** Mentions in all those articles. */
  mentions: number;
  /** The entities most often mentioned in the same articles, most shared first. */
  coMentioned: CoMention[];
}

export interface EntityReadingOptions {
  /** Articles in the first page (default 100, at most 10,000). */
  limit?: number;
  coLimit?: number;
  /** Co-mentions are counted over the most recent this many articles (bounds the work; default 200). */
  coScan?: number;
}

export const ENTITY_PAGE_SIZE = 100;

/** The articles in the shape the entity page shows, with this entity's count and snippet. */
async function describeArticles(readings: { get(url: string): Promise<StoredReadings | undefined> }, entityId: string, shown: StoredArticle[]): Promise<EntityArticle[]> {
  const found = (await requestAll(shown, (a) => readings.get(a.url))).map(decodeReadings);
  const items: EntityArticle[] = [];
  shown.forEach((a, i) => {
    const row = rowIn(found[i], entityId);
    if (!row) return;
    items.push({
      url: a.url,
      title: a.title,
      site: a.site,
      publishedAt: a.publishedAt ?? null,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      count: row.count,
      snippet: row.snippet,
    });
  });
  return items;
}

function cursorAfter(entityId: string, last: StoredArticle | undefined, more: boolean): ReadingCursor | null {
  return more && last ? { lastSeen: sightingIn(last, entityId), url: last.url } : null;
}

/**
 * "What have I read about X": the first page of the articles that mention the entity, newest
 * first (by when it was last seen there), each with its count and snippet; the totals (from its
 * statistics); and the entities most often mentioned alongside it, counted over its most recent
 * `coScan` articles. One read-only transaction that reads at most max(limit + 1, coScan) article
 * records and `limit` readings records, however many articles mention the entity.
 */
export async function entityReading(db: Database, entityId: string, options: EntityReadingOptions = {}): Promise<EntityReading> {
  const limit = clampInt(options.limit ?? ENTITY_PAGE_SIZE, 0, 10_000);
  const coLimit = clampInt(options.coLimit ?? 12, 0, 100);
  const coScan = clampInt(options.coScan ?? 200, 0, 10_000);
  if (!EntityId.safeParse(entityId).success) return { articles: [], total: 0, mentions: 0, coMentioned: [], next: null };
  return runTransaction(db, ['articles', 'readings', 'entities', 'statBuckets'], 'readonly', async (tx) => {
    const want = Math.max(limit + 1, coLimit > 0 ? coScan : 0);
    const [stats, newest] = await Promise.all([
      readStats(tx.objectStore('statBuckets'), entityId),
      tx.objectStore('articles').index('by-entity').getAll(entityRange(entityId), want),
    ]);
    const shown = newest.slice(0, limit);
    const items = await describeArticles(tx.objectStore('readings'), entityId, shown);

    // Each article record carries the ids of every entity it mentions: no row is read for this.
    const counts = new Map<string, number>();
    if (coLimit > 0) {
      for (const a of newest.slice(0, coScan)) {
        for (const [id] of a.entityKeys) if (id !== entityId) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, coLimit * 2);
    const entities = tx.objectStore('entities');
    const named = await requestAll(top, ([id]) => entities.get(id));
    const coMentioned: CoMention[] = [];
    top.forEach(([id, n], i) => {
      const e = named[i];
      if (e && coMentioned.length < coLimit) coMentioned.push({ entityId: id, name: e.name, type: e.type, articles: n });
    });
    return {
      articles: items,
      total: stats?.articles ?? items.length,
      mentions: stats?.mentions ?? items.reduce((n, a) => n + a.count, 0),
      coMentioned,
      next: cursorAfter(entityId, shown[shown.length - 1], newest.length > limit),
    };
  });
}

/**
 * The next page of an entity's articles, after `after` (from the previous page's `next`): the
 * "show more" of the entity page. Reads about `limit` records whatever the page's position.
 */
export async function entityArticles(db: Database, entityId: string, after: ReadingCursor, limit = ENTITY_PAGE_SIZE): Promise<EntityArticlesPage> {
  const n = clampInt(limit, 1, 10_000);
  if (!EntityId.safeParse(entityId).success) return { articles: [], next: null };
  return runTransaction(db, ['articles', 'readings'], 'readonly', async (tx) => {
    const index = tx.objectStore('articles').index('by-entity');
    // From the cursor's own key on: articles seen at that very time sort by URL, and those up to
    // the cursor's URL were on the previous page. Fetch more should many share that time.
    const range = IDBKeyRange.bound([entityId, 0 - after.lastSeen], [entityId, Infinity]);
    const isShown = (a: StoredArticle) => sightingIn(a, entityId) === after.lastSeen && a.url <= after.url;
    let want = n + 1 + 16;
    let page: StoredArticle[];
    for (;;) {
      const got = await index.getAll(range, want);
      page = got.filter((a) => !isShown(a));
      if (page.length > n || got.length < want) break;
      want *= 4;
    }
    const shown = page.slice(0, n);
    return { articles: await describeArticles(tx.objectStore('readings'), entityId, shown), next: cursorAfter(entityId, shown[shown.length - 1], page.length > n) };
  });
}

/** One line of the articles view. */
export interface ArticleRow {
  article: Article;
  entities: { entityId: string; name: string; type: Entity['type']; count: number }[];
}

export interface ArticlePage {
  items: ArticleRow[];
  /** Articles matching the query, in all. */
  total: number;
}

/**
 * The articles view: most recently read first, `limit` from `offset`, optionally only those
 * whose title, site or URL contains `query` (case and accents ignored). Each with the entities
 * it mentioned, most mentioned first. Without a query only the page's records are read.
 */
export async function listArticlePage(db: Database, options: { offset?: number; limit?: number; query?: string } = {}): Promise<ArticlePage> {
  const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = clampInt(options.limit ?? 50, 0, 500);
  const q = searchKey(options.query ?? '');
  return runTransaction(db, ['articles', 'readings', 'entities'], 'readonly', async (tx) => {
    const byLastSeen = tx.objectStore('articles').index('by-lastSeen');
    let page: StoredArticle[];
    let total: number;
    if (q) {
      const all = (await byLastSeen.getAll()).reverse().filter((a) => searchKey(`${a.title}\n${a.site}\n${a.url}`).includes(q));
      page = all.slice(offset, offset + limit);
      total = all.length;
    } else {
      total = await tx.objectStore('articles').count();
      page = [];
      if (limit > 0 && offset < total) {
        let cursor = await byLastSeen.openCursor(null, 'prev');
        if (cursor && offset > 0) cursor = await cursor.advance(offset);
        for (; cursor && page.length < limit; cursor = page.length < limit ? await cursor.continue() : null) page.push(cursor.value);
      }
    }
    const readings = tx.objectStore('readings');
    const rows = (await requestAll(page, (a) => readings.get(a.url))).map(decodeReadings);
    const ids = [...new Set(rows.flatMap((r) => r?.rows.map((m) => m.entityId) ?? []))];
    const entities = tx.objectStore('entities');
    const found = await requestAll(ids, (id) => entities.get(id));
    const byId = new Map(ids.map((id, i) => [id, found[i]]));
    const items = page.map((stored, i) => ({
      article: fromStoredArticle(stored),
      entities: (rows[i]?.rows ?? [])
        .flatMap((m) => {
          const e = byId.get(m.entityId);
          return e ? [{ entityId: m.entityId, name: e.name, type: e.type, count: m.count }] : [];
        })
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)),
    }));
    return { items, total };
  });
}

function clampInt(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.min(max, Math.floor(n))) : min;
}


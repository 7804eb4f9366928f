/**
 * An entity's page in the options page: "what have I read about X", a page of its articles at
 * a time, and the entities often mentioned with it. Read-only; the shapes are lib/model's.
 */
import { EntityId } from '../model/entity';
import type { CoMention, EntityArticle, EntityArticlesPage, EntityReadingPage, ReadingCursor } from '../model/reading-views';
import { requestAll, runTransaction, type Database } from './db';
import type { StoredArticle, StoredReadings } from './schema';
import { readStats } from './stats';
import { clampInt, decodeReadings, entityRange, rowIn, sightingIn } from './reading-rows';

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
export async function entityReading(db: Database, entityId: string, options: EntityReadingOptions = {}): Promise<EntityReadingPage> {
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

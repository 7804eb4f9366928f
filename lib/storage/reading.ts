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
import { Article, MAX_SNIPPET_LENGTH, MAX_TITLE_LENGTH, Mention, PageMention } from '../model/article';
import { EntityId } from '../model/entity';
import { friendlyMessage } from '../model/glossary-file';
import type { AlsoIn } from '../model/reading-views';
import type { IDBPObjectStore } from 'idb';
import { requestAll, runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { rowOf, toStoredReadings, type NcrSchema, type ReadingRow, type StoreName } from './schema';
import { StatsEditor, statsWithoutArticle } from './stats';
import { clampText, decodeReadings, entityRange, fromStoredArticle, mentionsOf, newestSighting, rowIn, sortRows, toStoredArticle } from './reading-rows';

export { rowOf } from './schema';
// An entity's page and the articles view read the same index (their own files).
export { ENTITY_PAGE_SIZE, entityArticles, entityReading } from './entity-reading';
export { listArticlePage } from './article-list';

export const MAX_SITE_LENGTH = 200;
export const MAX_MENTIONS_PER_VISIT = 10_000;
const MAX_COUNT = 1_000_000;

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
      if (row) out.push({ url: a.url, title: a.title, site: a.site, host: hostOf(a.url), lastSeen: a.lastSeen, count: row.count, snippet: row.snippet });
    });
    return out;
  });
}

/** Whether an article is recorded under this URL (a revisit, not a new record). */
export async function hasArticle(db: Database, url: string): Promise<boolean> {
  return (await db.getKey('articles', url)) !== undefined;
}

/** The host a stored URL really names (shown beside the site name the page claimed). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
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

/**
 * When the reader forgot articles (meta `readingForgotten`): sync's tombstone of a forgotten
 * article says when (docs/sync.md: the deletion wins over what was read before it, not after).
 * `clearedAt`: the whole history cleared; `urls`: single articles forgotten since (bounded).
 */
export const META_READING_FORGOTTEN = 'readingForgotten';
export const Forgotten = z.strictObject({
  clearedAt: z.number().int().nonnegative().nullable().default(null),
  urls: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
export type Forgotten = z.output<typeof Forgotten>;
const MAX_FORGOTTEN_URLS = 10_000;

type MetaStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

export function readForgotten(value: unknown): Forgotten {
  const r = Forgotten.safeParse(value);
  return r.success ? r.data : { clearedAt: null, urls: {} };
}

/** Note that `url` (null: every article) was forgotten at `now`, inside the forgetting transaction. */
async function recordForgotten(meta: MetaStore, url: string | null, now: number): Promise<void> {
  const forgotten = url === null ? { clearedAt: now, urls: {} } : readForgotten(await meta.get(META_READING_FORGOTTEN));
  if (url !== null) {
    delete forgotten.urls[url];
    forgotten.urls[url] = now;
    const keys = Object.keys(forgotten.urls);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_FORGOTTEN_URLS))) delete forgotten.urls[k];
  }
  await meta.put(forgotten, META_READING_FORGOTTEN);
}

/** Forget every article and mention (the glossary and notes stay). */
export async function clearReadingHistory(db: Database, now = Date.now()): Promise<void> {
  await runTransaction(db, ['articles', 'readings', 'statBuckets', 'meta'], 'readwrite', async (tx) => {
    await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('readings').clear(), tx.objectStore('statBuckets').clear(), recordForgotten(tx.objectStore('meta'), null, now)]);
  });
}

/** Forget one article and its mention rows; the statistics of its entities follow. */
export async function forgetArticle(db: Database, url: string, now = Date.now()): Promise<boolean> {
  return runTransaction(db, ['articles', 'readings', 'statBuckets', 'meta'], 'readwrite', async (tx) => {
    const articles = tx.objectStore('articles');
    if ((await articles.getKey(url)) === undefined) return false;
    await recordForgotten(tx.objectStore('meta'), url, now);
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

/** An article as sync writes it: its record and all its rows, or null to delete it. */
export interface SyncedArticle {
  url: string;
  article: Article | null;
  rows: ReadingRow[];
}

/**
 * Write articles pulled from a sync server (lib/storage/sync-records.ts), in one transaction:
 * each article and its rows replace the stored ones (or the article is deleted), and the
 * statistics of every entity whose rows changed follow (counts by difference, the last sighting
 * read back from the index). Rows of entities not in the glossary are kept as they come (an
 * entity not synced yet, or deleted here while the article was read elsewhere): every reader of
 * the index looks its entities up and passes over a missing one, and the entity's own deletion
 * removes its rows.
 */
export async function writeSyncedArticles(db: Database, items: readonly SyncedArticle[]): Promise<void> {
  if (items.length === 0) return;
  await runTransaction(db, ['articles', 'readings', 'statBuckets'], 'readwrite', async (tx) => {
    const articles = tx.objectStore('articles');
    const readings = tx.objectStore('readings');
    const before = (await requestAll(items, (it) => readings.get(it.url))).map(decodeReadings);
    const delta = new Map<string, { articles: number; mentions: number }>();
    const move = (id: string, articlesBy: number, mentionsBy: number) => {
      const d = delta.get(id) ?? { articles: 0, mentions: 0 };
      d.articles += articlesBy;
      d.mentions += mentionsBy;
      delta.set(id, d);
    };
    const writes: Promise<unknown>[] = [];
    items.forEach((item, i) => {
      const rows = item.article ? sortRows(item.rows.map((r) => rowOf(Mention.parse({ ...r, url: item.url })))) : [];
      for (const r of before[i]?.rows ?? []) move(r.entityId, -1, -r.count);
      for (const r of rows) move(r.entityId, 1, r.count);
      if (item.article) {
        writes.push(articles.put(toStoredArticle(Article.parse(item.article), rows)), readings.put(toStoredReadings(item.url, rows)));
      } else {
        writes.push(articles.delete(item.url), readings.delete(item.url));
      }
    });
    for (const w of writes) w.catch(() => {});
    const ids = [...delta.keys()];
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load(ids);
    // Issued after the writes above: each entity's newest sighting as the index now has it.
    const index = articles.index('by-entity');
    const newest = await requestAll(ids, (id) => newestSighting(index, id));
    await Promise.all(writes);
    ids.forEach((id, i) => {
      const base = stats.get(id) ?? { entityId: id, articles: 0, mentions: 0, lastSeen: 0 };
      const d = delta.get(id)!;
      const seen = newest[i];
      stats.set(id, seen === null || seen === undefined ? null : { entityId: id, articles: Math.max(1, base.articles + d.articles), mentions: Math.max(0, base.mentions + d.mentions), lastSeen: seen });
    });
    await stats.flush();
  });
}

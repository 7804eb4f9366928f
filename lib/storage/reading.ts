/**
 * The reading index: articles the reader opened that mention glossary entities, keyed by
 * canonical URL (lib/page/canonical-url.ts), and per article × entity a mention row.
 */
import { z } from 'zod';
import { Article, MAX_SNIPPET_LENGTH, MAX_TITLE_LENGTH, Mention, PageMention } from '../model/article';
import { EntityId, type Entity } from '../model/entity';
import { statsOf } from './entities';
import { friendlyMessage } from '../model/glossary-file';
import type { AlsoIn } from '../messaging/protocol';
import { requestAll, runTransaction, type Database } from './db';
import { ValidationError } from './errors';

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
 *    snippet with this visit's (when non-empty); mention rows of entities not reported this
 *    time are kept (the reader did read about them there);
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

  return runTransaction(db, ['entities', 'articles', 'mentions', 'entityStats'], 'readwrite', async (tx) => {
    const entities = tx.objectStore('entities');
    const articles = tx.objectStore('articles');
    const mentions = tx.objectStore('mentions');
    const statsStore = tx.objectStore('entityStats');
    const ids = [...byEntity.keys()];
    const [exists, previousArticle, previousMentions, previousStats] = await Promise.all([
      requestAll(ids, (id) => entities.getKey(id)),
      articles.get(url),
      requestAll(ids, (id) => mentions.get([id, url])),
      requestAll(ids, (id) => statsStore.get(id)),
    ]);
    const live = ids
      .map((id, i) => ({ id, prev: previousMentions[i], stats: previousStats[i] }))
      .filter((_, i) => exists[i] !== undefined);
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
    const rows = live.map(({ id, prev }) => {
      const seen = byEntity.get(id)!;
      return Mention.parse({
        entityId: id,
        url,
        count: seen.count,
        snippet: seen.snippet || prev?.snippet || '',
        lastSeen: now,
      } satisfies Mention);
    });
    // Statistics move by the difference this visit makes to each row.
    const stats = live.map(({ id, prev, stats: old }, i) => {
      const row = rows[i]!;
      const base = old ?? { entityId: id, articles: 0, mentions: 0, lastSeen: 0 };
      return {
        entityId: id,
        articles: base.articles + (prev ? 0 : 1),
        mentions: Math.max(0, base.mentions + row.count - (prev?.count ?? 0)),
        lastSeen: Math.max(base.lastSeen, row.lastSeen),
      };
    });
    // The report is what the page says now: entities recorded for this URL before but no longer
    // on it (a live page that changed, an app that swapped its article) lose their row here.
    const previousRows = await mentions.index('by-url').getAll(url);
    const gone = previousRows.filter((m) => !byEntity.has(m.entityId));
    const articleWritten = requestAll([article], (a) => articles.put(a));
    const rowsWritten = requestAll(rows, (row) => mentions.put(row));
    const statsWritten = requestAll(stats, (st) => statsStore.put(st));
    const goneDeleted = requestAll(gone, (m) => mentions.delete([m.entityId, m.url]));
    const goneStats = requestAll(gone, (m) => statsStore.get(m.entityId));
    await articleWritten;
    await rowsWritten;
    await statsWritten;
    await goneDeleted;
    const oldStats = await goneStats;
    await requestAll(gone, (m, i): Promise<unknown> => {
      const st = oldStats[i];
      if (!st) return Promise.resolve();
      const articles = Math.max(0, st.articles - 1);
      if (articles === 0) return statsStore.delete(m.entityId);
      return statsStore.put({ ...st, articles, mentions: Math.max(0, st.mentions - m.count) });
    });
    return { recorded: true, mentions: rows.length };
  });
}

export interface AlsoInOptions {
  /** The article being read: left out of the list. */
  excludeUrl?: string;
  /** At most this many (default 20, at most 1000). */
  limit?: number;
}

/**
 * The articles where this entity was seen, newest first (by the article's lastSeen), without
 * `excludeUrl`: what the tooltip lists under "also in".
 */
export async function alsoIn(db: Database, entityId: string, options: AlsoInOptions = {}): Promise<AlsoIn[]> {
  const limit = Math.max(0, Math.min(1000, Math.floor(options.limit ?? 20)));
  if (limit === 0 || !EntityId.safeParse(entityId).success) return [];
  return runTransaction(db, ['mentions', 'articles'], 'readonly', async (tx) => {
    const rows = (await tx.objectStore('mentions').index('by-entity').getAll(entityId)).filter(
      (m) => m.url !== options.excludeUrl,
    );
    const articles = tx.objectStore('articles');
    const found = await requestAll(rows, (m) => articles.get(m.url));
    const out: AlsoIn[] = [];
    rows.forEach((m, i) => {
      const a = found[i];
      if (a) out.push({ url: a.url, title: a.title, site: a.site, lastSeen: a.lastSeen, count: m.count, snippet: m.snippet });
    });
    out.sort((a, b) => b.lastSeen - a.lastSeen || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    return out.slice(0, limit);
  });
}

/** Every recorded article, most recently seen first. */
export async function listArticles(db: Database): Promise<Article[]> {
  const all = await db.getAllFromIndex('articles', 'by-lastSeen');
  return all.reverse();
}

/** The mention rows of one article (which entities it mentioned, how often). */
export async function listMentionsOfArticle(db: Database, url: string): Promise<Mention[]> {
  return db.getAllFromIndex('mentions', 'by-url', url);
}

/** Forget every article and mention (the glossary and notes stay). */
export async function clearReadingHistory(db: Database): Promise<void> {
  await runTransaction(db, ['articles', 'mentions', 'entityStats'], 'readwrite', async (tx) => {
    await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('mentions').clear(), tx.objectStore('entityStats').clear()]);
  });
}

/** Forget one article and its mention rows; the statistics of its entities follow. */
export async function forgetArticle(db: Database, url: string): Promise<boolean> {
  return runTransaction(db, ['articles', 'mentions', 'entityStats'], 'readwrite', async (tx) => {
    const articles = tx.objectStore('articles');
    if ((await articles.getKey(url)) === undefined) return false;
    const mentions = tx.objectStore('mentions');
    const rows = await mentions.index('by-url').getAll(url);
    const byEntity = mentions.index('by-entity');
    const statsStore = tx.objectStore('entityStats');
    await requestAll(rows, (m) => mentions.delete([m.entityId, m.url]));
    await articles.delete(url);
    // Recount each entity from its remaining rows (lastSeen cannot be undone by subtraction).
    const remaining = await requestAll(rows, (m) => byEntity.getAll(m.entityId));
    await requestAll(rows, (m, i): Promise<unknown> => {
      const st = statsOf(m.entityId, remaining[i]!);
      return st ? statsStore.put(st) : statsStore.delete(m.entityId);
    });
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
  /** Articles that mention both. */
  articles: number;
}

export interface EntityReading {
  /** The articles that mentioned it (the first `limit`), most recently read there first. */
  articles: EntityArticle[];
  /** How many articles in all. */
  total: number;
  /** Mentions in all those articles. */
  mentions: number;
  /** The entities most often mentioned in the same articles, most shared first. */
  coMentioned: CoMention[];
}

export interface EntityReadingOptions {
  limit?: number;
  coLimit?: number;
  /** Co-mentions are counted over the most recent this many articles (bounds the work; default 200). */
  coScan?: number;
}

/**
 * "What have I read about X": the articles that mention the entity, newest first (by when the
 * reader last read them), each with its count and snippet, and the entities most often
 * mentioned alongside it. One read-only transaction.
 */
export async function entityReading(db: Database, entityId: string, options: EntityReadingOptions = {}): Promise<EntityReading> {
  const limit = clampInt(options.limit ?? 200, 0, 10_000);
  const coLimit = clampInt(options.coLimit ?? 12, 0, 100);
  const coScan = clampInt(options.coScan ?? 200, 0, 10_000);
  if (!EntityId.safeParse(entityId).success) return { articles: [], total: 0, mentions: 0, coMentioned: [] };
  return runTransaction(db, ['mentions', 'articles', 'entities', 'entityStats'], 'readonly', async (tx) => {
    const mentions = tx.objectStore('mentions');
    // Newest first by when the entity was last seen there (the visit that found it). Only the
    // rows shown (and scanned for co-mentions) are read: the totals come from entityStats, so a
    // page for an entity seen in thousands of articles stays fast.
    const want = Math.max(limit, coScan);
    const stats = await tx.objectStore('entityStats').get(entityId);
    const shown: Mention[] = [];
    if (want > 0) {
      const range = IDBKeyRange.bound([entityId, -Infinity], [entityId, Infinity]);
      for (let c = await mentions.index('by-entity-lastSeen').openCursor(range, 'prev'); c; c = await c.continue()) {
        shown.push(c.value);
        if (shown.length >= want) break;
      }
    }
    const total = stats?.mentions ?? shown.reduce((n, m) => n + m.count, 0);
    const articleCount = stats?.articles ?? shown.length;
    const articles = tx.objectStore('articles');
    const found = await requestAll(shown, (m) => articles.get(m.url));
    const items: EntityArticle[] = [];
    shown.forEach((m, i) => {
      const a = found[i];
      if (!a) return;
      items.push({
        url: a.url,
        title: a.title,
        site: a.site,
        publishedAt: a.publishedAt ?? null,
        firstSeen: a.firstSeen,
        lastSeen: a.lastSeen,
        count: m.count,
        snippet: m.snippet,
      });
    });

    const counts = new Map<string, number>();
    if (coLimit > 0) {
      const scanned = items.slice(0, coScan);
      const byUrl = mentions.index('by-url');
      const others = await requestAll(scanned, (a) => byUrl.getAllKeys(a.url));
      for (const keys of others) {
        for (const key of keys) {
          const id = key[0];
          if (id !== entityId) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
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
    return { articles: items.slice(0, limit), total: articleCount, mentions: total, coMentioned };
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
 * it mentioned, most mentioned first.
 */
export async function listArticlePage(db: Database, options: { offset?: number; limit?: number; query?: string } = {}): Promise<ArticlePage> {
  const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = clampInt(options.limit ?? 50, 0, 500);
  const q = foldText(options.query ?? '');
  return runTransaction(db, ['articles', 'mentions', 'entities'], 'readonly', async (tx) => {
    let all = (await tx.objectStore('articles').index('by-lastSeen').getAll()).reverse();
    if (q) all = all.filter((a) => foldText(`${a.title}\n${a.site}\n${a.url}`).includes(q));
    const page = all.slice(offset, offset + limit);
    const byUrl = tx.objectStore('mentions').index('by-url');
    const rows = await requestAll(page, (a) => byUrl.getAll(a.url));
    const ids = [...new Set(rows.flat().map((m) => m.entityId))];
    const entities = tx.objectStore('entities');
    const found = await requestAll(ids, (id) => entities.get(id));
    const byId = new Map(ids.map((id, i) => [id, found[i]]));
    const items = page.map((article, i) => ({
      article,
      entities: rows[i]!
        .flatMap((m) => {
          const e = byId.get(m.entityId);
          return e ? [{ entityId: m.entityId, name: e.name, type: e.type, count: m.count }] : [];
        })
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)),
    }));
    return { items, total: all.length };
  });
}

function clampInt(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.min(max, Math.floor(n))) : min;
}

function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

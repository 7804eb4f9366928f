/**
 * The reading index: articles the reader opened that mention glossary entities, keyed by
 * canonical URL (lib/page/canonical-url.ts), and per article × entity a mention row.
 */
import { z } from 'zod';
import { Article, MAX_SNIPPET_LENGTH, MAX_TITLE_LENGTH, Mention, PageMention } from '../model/article';
import { EntityId } from '../model/entity';
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

  return runTransaction(db, ['entities', 'articles', 'mentions'], 'readwrite', async (tx) => {
    const entities = tx.objectStore('entities');
    const articles = tx.objectStore('articles');
    const mentions = tx.objectStore('mentions');
    const ids = [...byEntity.keys()];
    const [exists, previousArticle, previousMentions] = await Promise.all([
      requestAll(ids, (id) => entities.getKey(id)),
      articles.get(url),
      requestAll(ids, (id) => mentions.get([id, url])),
    ]);
    const live = ids.map((id, i) => ({ id, prev: previousMentions[i] })).filter((_, i) => exists[i] !== undefined);
    if (live.length === 0) return { recorded: false, mentions: 0 };

    const article = Article.parse({
      url,
      // An empty title this time (page still loading, say) keeps the one we had.
      title: title || previousArticle?.title || '',
      site: site || previousArticle?.site || '',
      firstSeen: previousArticle ? Math.min(previousArticle.firstSeen, now) : now,
      lastSeen: previousArticle ? Math.max(previousArticle.lastSeen, now) : now,
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
    const articleWritten = requestAll([article], (a) => articles.put(a));
    const rowsWritten = requestAll(rows, (row) => mentions.put(row));
    await articleWritten;
    await rowsWritten;
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
  await runTransaction(db, ['articles', 'mentions'], 'readwrite', async (tx) => {
    await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('mentions').clear()]);
  });
}

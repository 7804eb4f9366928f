/**
 * The options page's articles view: the reading index a page at a time, newest first,
 * optionally filtered by title, site or URL.
 */
import type { ArticlePage } from '../model/reading-views';
import { requestAll, runTransaction, type Database } from './db';
import type { StoredArticle } from './schema';
import { clampInt, decodeReadings, fromStoredArticle } from './reading-rows';
import { searchKey } from '../text/fold';

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

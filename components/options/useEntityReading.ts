/**
 * One entity's reading page from the background (entity.reading), and the articles shown so
 * far: the first page, then each page "Show more" (or "Show all") added (entity.articles). A
 * reload — after an edit or a merge, or when the glossary list changed — keeps as many articles
 * as were on screen; a newer load makes an older one's answer moot.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { EntityArticle, EntityReading, GlossaryRow, ReadingCursor } from '../../lib/messaging/knowledge';
import { errorMessage } from '../shared/errors';

/** Articles shown at first, and added by each "Show more"; "Show all" asks for this many at a time. */
export const PAGE = 100;
const ALL_PAGE = 1_000;
/** entity.reading's largest first page (a reload keeps what was shown, up to this many). */
const MAX_FIRST_PAGE = 10_000;

export interface ShownArticles {
  articles: EntityArticle[];
  /** Where the next page starts; null when every article is shown. */
  next: ReadingCursor | null;
}

export function useEntityReading(id: string, rows: GlossaryRow[] | null, onNewEntity: () => void) {
  /** undefined: loading; null: no such entity. */
  const [reading, setReading] = useState<EntityReading | null | undefined>(undefined);
  const [shown, setShown] = useState<ShownArticles>({ articles: [], next: null });
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // How many articles the reader had on screen: a reload (after an edit, a merge) keeps as many.
  const shownCount = useRef(PAGE);
  const loadId = useRef(0);

  const load = useCallback(async () => {
    const mine = ++loadId.current;
    try {
      const r = await ask('entity.reading', { entityId: id, limit: Math.min(MAX_FIRST_PAGE, Math.max(PAGE, shownCount.current)) });
      if (mine !== loadId.current) return;
      setReading(r);
      setShown({ articles: r?.articles ?? [], next: r?.next ?? null });
      setError(null);
    } catch (err) {
      if (mine === loadId.current) setError(errorMessage(err));
    }
  }, [id]);

  // Before the load below (effects run in order): a new entity starts at one page.
  useEffect(() => {
    onNewEntity();
    setMoreError(null);
    shownCount.current = PAGE;
  }, [id]);
  useEffect(() => {
    void load();
  }, [load, rows]);

  /** Add the next page (or every remaining page) to the list. */
  const showMore = async (all: boolean) => {
    const mine = loadId.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      let { articles, next } = shown;
      do {
        const page = await ask('entity.articles', { entityId: id, after: next!, limit: all ? ALL_PAGE : PAGE });
        if (mine !== loadId.current) return;
        articles = [...articles, ...page.articles];
        next = page.next;
        shownCount.current = articles.length;
        setShown({ articles, next });
      } while (all && next);
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return { reading, shown, error, moreError, loadingMore, load, showMore };
}

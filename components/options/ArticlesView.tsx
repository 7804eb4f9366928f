/** Every article read (the reading index), most recent first, with the entities it mentioned. */
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { ArticleRow } from '../../lib/messaging/knowledge';
import { Banner } from '../shared/Banner';
import { TypeBadge } from '../shared/TypeBadge';
import { errorMessage } from '../shared/errors';
import { plural } from '../shared/format';
import { ArticleLink, ArticleSource, DateTime } from './ArticleParts';
import { hrefOf } from './route';

const PAGE = 50;

export function ArticlesView() {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ArticleRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (q: string, offset: number) => {
    try {
      const page = await ask('reading.articles', { offset, limit: PAGE, query: q });
      setItems((prev) => (offset === 0 || !prev ? page.items : [...prev, ...page.items]));
      setTotal(page.total);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    const t = setTimeout(() => void load(query, 0), query ? 150 : 0);
    return () => clearTimeout(t);
  }, [query, load]);

  const forget = async (url: string) => {
    try {
      await ask('reading.forget', { url });
      setItems((list) => list?.filter((i) => i.article.url !== url) ?? null);
      setTotal((n) => Math.max(0, n - 1));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <div class="page-head">
        <div class="page-head__text">
          <h1>Articles</h1>
          <p class="muted">The pages you read that mention something in your glossary, most recent first.</p>
        </div>
      </div>
      {error && (
        <Banner kind="error" title="Could not load the articles." onRetry={() => void load(query, 0)}>
          {error}
        </Banner>
      )}
      <div class="toolbar" role="search">
        <div class="toolbar__search">
          <label for={`${uid}-q`} class="sr-only">
            Search articles
          </label>
          <input id={`${uid}-q`} class="input" type="search" placeholder="Search titles, sites and addresses" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <p class="toolbar__count muted" aria-live="polite" data-testid="article-count">
          {plural(total, 'article')}
        </p>
      </div>
      {items === null ? (
        <p class="loading muted" role="status">
          Loading…
        </p>
      ) : items.length === 0 ? (
        <div class="empty" data-testid="articles-empty">
          <p class="empty__title">{query ? 'No article matches.' : 'No articles yet.'}</p>
          <p class="muted">Articles appear here once you read a page that mentions an entity of your glossary (when recording is on in Settings).</p>
        </div>
      ) : (
        <ol class="reading__list articles" data-testid="articles-list">
          {items.map((row) => (
            <ArticleItem key={row.article.url} row={row} onForget={() => void forget(row.article.url)} />
          ))}
        </ol>
      )}
      {items && items.length < total && (
        <button type="button" class="btn" onClick={() => void load(query, items.length)}>
          Show more
        </button>
      )}
    </>
  );
}

function ArticleItem({ row: { article: a, entities }, onForget }: { row: ArticleRow; onForget: () => void }) {
  return (
    <li class="reading__item" data-testid="article-item">
      <div class="reading__head">
        <ArticleLink url={a.url} title={a.title} />
        <button type="button" class="btn btn--small btn--ghost" aria-label={`Forget ${a.title || a.url}`} onClick={onForget}>
          Forget
        </button>
      </div>
      <p class="reading__meta muted">
        <ArticleSource url={a.url} site={a.site} publishedAt={a.publishedAt} />
        {' · first read '}
        <DateTime at={a.firstSeen} />
        {a.lastSeen !== a.firstSeen && (
          <>
            {', last '}
            <DateTime at={a.lastSeen} />
          </>
        )}
      </p>
      <ul class="article-entities" aria-label="Mentioned">
        {entities.map((e) => (
          <li key={e.entityId}>
            <a href={hrefOf({ page: 'entity', id: e.entityId, edit: false })}>{e.name}</a> <TypeBadge type={e.type} /> <span class="muted">×{e.count}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

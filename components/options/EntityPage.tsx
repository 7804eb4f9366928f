/**
 * One entity: what the reader knows (aliases, notes, tags, references) and "what have I read
 * about it": every article that mentioned it, newest first, with title, site, dates, count,
 * snippet and link, and the entities most often mentioned alongside. Edit, merge and delete
 * from here.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Entity, EntityInput, MatchDefaults } from '../../lib/model/entity';
import type { EntityArticle, EntityReading, GlossaryRow, ReadingCursor } from '../../lib/messaging/knowledge';
import { Banner } from '../shared/Banner';
import { NoteMarkdown } from '../shared/NoteMarkdown';
import { TypeBadge } from '../shared/TypeBadge';
import { errorMessage } from '../shared/errors';
import { formatDate, hostOf, isoDateTime, plural } from '../shared/format';
import { EntityForm } from './EntityForm';
import { fold } from './filter';
import { hrefOf, navigate } from './route';
import { httpHref } from '../shared/links';

/** Articles shown at first, and added by each "Show more"; "Show all" asks for this many at a time. */
const PAGE = 100;
const ALL_PAGE = 1_000;
/** entity.reading's largest first page (a reload keeps what was shown, up to this many). */
const MAX_FIRST_PAGE = 10_000;

interface EntityPageProps {
  id: string;
  edit: boolean;
  rows: GlossaryRow[] | null;
  defaults: MatchDefaults;
  onUpdate: (id: string, input: EntityInput) => Promise<Entity>;
  onDelete: (entity: Entity) => Promise<void>;
  onMerge: (keep: Entity, other: Entity) => Promise<void>;
  /** The merge picker searches the glossary list: make sure it is current. */
  onRefreshRows?: () => void;
}

export function EntityPage({ id, edit, rows, defaults, onUpdate, onDelete, onMerge, onRefreshRows }: EntityPageProps) {
  const [reading, setReading] = useState<EntityReading | null | undefined>(undefined);
  // The articles shown: the first page, then every page "Show more" added, and where the next starts.
  const [shown, setShown] = useState<{ articles: EntityArticle[]; next: ReadingCursor | null }>({ articles: [], next: null });
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [merging, setMerging] = useState(false);
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
    setMerging(false);
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

  if (error) return <Banner kind="error" title="Could not load this entity." onRetry={() => void load()}>{error}</Banner>;
  if (reading === undefined) return <p class="loading muted" role="status">Loading…</p>;
  if (reading === null) {
    return (
      <div class="empty" data-testid="entity-missing">
        <p class="empty__title">This entity is not in your glossary.</p>
        <p class="muted">
          It may have been deleted or merged. <a href={hrefOf({ page: 'glossary' })}>Back to the glossary</a>
        </p>
      </div>
    );
  }
  const { entity } = reading;
  const tagSuggestions = [...new Set((rows ?? []).flatMap((r) => r.entity.tags ?? []))];

  if (edit) {
    return (
      <section class="panel" data-testid="edit-entity">
        <EntityForm
          key={entity.id + entity.updatedAt}
          entity={entity}
          defaults={defaults}
          tagSuggestions={tagSuggestions}
          onSubmit={async (input) => {
            await onUpdate(entity.id, input);
            navigate({ page: 'entity', id: entity.id, edit: false });
          }}
          onCancel={() => navigate({ page: 'entity', id: entity.id, edit: false })}
        />
      </section>
    );
  }

  return (
    <article class="entity-page" aria-labelledby="entity-title" data-testid="entity-page">
      <p class="crumbs">
        <a href={hrefOf({ page: 'glossary' })}>Glossary</a> ›
      </p>
      <div class="page-head">
        <div class="page-head__text">
          <h1 id="entity-title">
            {entity.name} <TypeBadge type={entity.type} />
          </h1>
          {(entity.tags?.length ?? 0) > 0 && (
            <p class="entity-page__tags">
              {entity.tags!.map((t) => (
                <span key={t} class="tag">
                  #{t}
                </span>
              ))}
            </p>
          )}
        </div>
        <div class="page-head__actions">
          <a class="btn" href={hrefOf({ page: 'entity', id: entity.id, edit: true })}>
            Edit
          </a>
          <button
            type="button"
            class="btn"
            onClick={() => {
              if (!merging) onRefreshRows?.();
              setMerging(!merging);
            }}
            aria-expanded={merging ? 'true' : 'false'}
          >
            Merge…
          </button>
          <button type="button" class="btn btn--ghost entity-row__delete" onClick={() => void onDelete(entity)}>
            Delete
          </button>
        </div>
      </div>

      {merging && (
        <MergePicker
          entity={entity}
          rows={rows ?? []}
          onCancel={() => setMerging(false)}
          onMerge={async (other) => {
            await onMerge(entity, other);
            setMerging(false);
            await load();
          }}
        />
      )}

      <div class="entity-page__grid">
        <section class="panel entity-page__about" aria-label="About">
          {entity.aliases.length > 0 && (
            <>
              <h2 class="section-title">Also known as</h2>
              <p class="entity-row__aliases" data-testid="entity-page-aliases">
                {entity.aliases.map((a, i) => (
                  <span key={i} class="alias">
                    {a.text}
                    {a.exactCase && <span class="alias__case" title="Exact capitalisation only"> Aa</span>}
                    {a.diacriticSensitive && <span class="alias__case" title="Accents must match"> é</span>}
                  </span>
                ))}
              </p>
            </>
          )}
          <h2 class="section-title">Notes</h2>
          {entity.notes.trim() ? <NoteMarkdown text={entity.notes} class="note-md" testId="entity-page-notes" /> : <p class="muted">No notes yet.</p>}
          {(entity.links?.length ?? 0) > 0 && (
            <>
              <h2 class="section-title">References</h2>
              <ul class="refs" data-testid="entity-page-links">
                {entity.links!.map((l) => {
                  const href = httpHref(l);
                  return <li key={l}>{href ? <a href={href} target="_blank" rel="noopener noreferrer">{hostOf(l)}</a> : l}</li>;
                })}
              </ul>
            </>
          )}
          <p class="muted entity-page__dates">
            Added {formatDate(entity.createdAt)}
            {entity.updatedAt !== entity.createdAt && <> · edited {formatDate(entity.updatedAt)}</>}
          </p>
        </section>

        <section class="panel" aria-label="Often mentioned with">
          <h2 class="section-title">Often mentioned with</h2>
          {reading.coMentioned.length === 0 ? (
            <p class="muted">No other entity shares an article with it yet.</p>
          ) : (
            <ul class="co-list" data-testid="co-mentioned">
              {reading.coMentioned.map((c) => (
                <li key={c.entityId}>
                  <a href={hrefOf({ page: 'entity', id: c.entityId, edit: false })}>{c.name}</a> <TypeBadge type={c.type} />{' '}
                  <span class="muted">{plural(c.articles, 'article')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section class="reading" aria-labelledby="reading-title">
        <h2 id="reading-title" class="reading__title">
          What you have read about {entity.name}
        </h2>
        <p class="muted" data-testid="reading-summary">
          {reading.total === 0
            ? 'No article you have read mentions it yet. Pages you read that mention it will be listed here.'
            : `${plural(reading.total, 'article')}, ${plural(reading.mentions, 'mention')} in all. Most recently read first.`}
        </p>
        {shown.articles.length > 0 && (
          <ol class="reading__list" data-testid="reading-list">
            {shown.articles.map((a) => {
              const href = httpHref(a.url);
              return (
                <li key={a.url} class="reading__item" data-testid="reading-item">
                  <div class="reading__head">
                    {href ? (
                      <a class="reading__link" href={href} target="_blank" rel="noopener noreferrer">
                        {a.title || a.url}
                      </a>
                    ) : (
                      <span class="reading__link">{a.title || a.url}</span>
                    )}
                    <span class="reading__count" title="Mentions in this article">
                      {plural(a.count, 'mention')}
                    </span>
                  </div>
                  <p class="reading__meta muted">
                    {a.site || hostOf(a.url)}
                    {a.publishedAt !== null && (
                      <>
                        {' · published '}
                        <time dateTime={isoDateTime(a.publishedAt)}>{formatDate(a.publishedAt)}</time>
                      </>
                    )}
                    {' · read '}
                    <time dateTime={isoDateTime(a.lastSeen)}>{formatDate(a.lastSeen)}</time>
                  </p>
                  {a.snippet && <p class="reading__snippet">“{a.snippet}”</p>}
                </li>
              );
            })}
          </ol>
        )}
        {shown.next && (
          <p class="reading__more" data-testid="reading-more">
            <span class="muted">
              Showing {shown.articles.length.toLocaleString()} of {Math.max(reading.total, shown.articles.length).toLocaleString()}.
            </span>{' '}
            <button type="button" class="btn" disabled={loadingMore} onClick={() => void showMore(false)}>
              Show {PAGE} more
            </button>{' '}
            <button type="button" class="btn btn--ghost" disabled={loadingMore} onClick={() => void showMore(true)}>
              Show all {reading.total.toLocaleString()} articles
            </button>
            {loadingMore && <span class="muted" role="status"> Loading…</span>}
          </p>
        )}
        {moreError && (
          <p class="field__error" role="alert">
            Could not load more articles: {moreError}
          </p>
        )}
      </section>
    </article>
  );
}

function MergePicker({ entity, rows, onCancel, onMerge }: { entity: Entity; rows: GlossaryRow[]; onCancel: () => void; onMerge: (other: Entity) => Promise<void> }) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Entity | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(() => {
    const q = fold(query);
    if (!q) return [];
    return rows
      .filter((r) => r.entity.id !== entity.id && fold([r.entity.name, ...r.entity.aliases.map((a) => a.text)].join('\n')).includes(q))
      .slice(0, 8)
      .map((r) => r.entity);
  }, [rows, query, entity.id]);

  return (
    <section class="panel merge" aria-label={`Merge into ${entity.name}`} data-testid="merge-panel">
      <h2 class="section-title">Merge another entity into {entity.name}</h2>
      <p class="field__hint">
        Its name and aliases become aliases of {entity.name}, its notes, tags and references are added, and the articles that
        mentioned it are counted here. It is then removed. All in one step.
      </p>
      <label for={`${uid}-q`}>Find the entity to merge</label>
      <input id={`${uid}-q`} class="input" type="search" autocomplete="off" value={query} onInput={(e) => { setQuery(e.currentTarget.value); setChosen(null); }} />
      {candidates.length > 0 && !chosen && (
        <ul class="merge__candidates" role="listbox" aria-label="Matching entities">
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" class="merge__candidate" role="option" aria-selected="false" onClick={() => setChosen(c)}>
                {c.name} <TypeBadge type={c.type} />
                {c.aliases.length > 0 && <span class="muted"> · {c.aliases.slice(0, 3).map((a) => a.text).join(', ')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <div class="merge__confirm" role="group" aria-label="Confirm merge">
          <p>
            Merge <strong>{chosen.name}</strong> into <strong>{entity.name}</strong>? {chosen.name} will no longer exist on its own.
          </p>
          {error && <p class="field__error" role="alert">{error}</p>}
          <button
            type="button"
            class="btn btn--primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onMerge(chosen);
              } catch (err) {
                setError(errorMessage(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Merging…' : `Merge ${chosen.name}`}
          </button>{' '}
          <button type="button" class="btn btn--ghost" onClick={() => setChosen(null)} disabled={busy}>
            Choose another
          </button>
        </div>
      )}
      <p>
        <button type="button" class="link-button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}

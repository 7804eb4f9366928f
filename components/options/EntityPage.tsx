/**
 * One entity: what the reader knows (aliases, notes, tags, references) and "what have I read
 * about it": every article that mentioned it, newest first, with title, site, dates, count,
 * snippet and link, and the entities most often mentioned alongside. Edit, merge and delete
 * from here (a team glossary's entity: read-only, with "Add my own note"). The data comes from useEntityReading.ts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { shownAliases, type Entity, type EntityInput, type MatchDefaults } from '../../lib/model/entity';
import type { EntityReading, GlossaryRow } from '../../lib/messaging/knowledge';
import { Banner } from '../shared/Banner';
import { NoteMarkdown } from '../shared/NoteMarkdown';
import { TypeBadge } from '../shared/TypeBadge';
import { formatDate, hostOf, plural } from '../shared/format';
import { httpHref } from '../shared/links';
import { ArticleLink, ArticleSource, DateTime } from './ArticleParts';
import { EntityForm } from './EntityForm';
import { EditedOnTwoDevices } from './EditedOnTwoDevices';
import { MergePicker } from './MergePicker';
import { hrefOf, navigate } from './route';
import { nameKey } from '../../lib/text/fold';
import { errorMessage } from '../shared/errors';
import { PAGE, useEntityReading, type ShownArticles } from './useEntityReading';

interface EntityPageProps {
  id: string;
  edit: boolean;
  rows: GlossaryRow[] | null;
  defaults: MatchDefaults;
  onUpdate: (id: string, input: EntityInput, baseVersion: number) => Promise<Entity>;
  onDelete: (entity: Entity) => Promise<void>;
  onMerge: (keep: Entity, other: Entity) => Promise<void>;
  /** "Add my own note" on a team entity: the reader's own entry of the same name. */
  onCreate: (input: EntityInput) => Promise<Entity>;
  /** The merge picker searches the glossary list: make sure it is current. */
  onRefreshRows?: () => void;
}

export function EntityPage({ id, edit, rows, defaults, onUpdate, onDelete, onMerge, onCreate, onRefreshRows }: EntityPageProps) {
  const [merging, setMerging] = useState(false);
  const data = useEntityReading(id, rows, () => setMerging(false));
  const { reading } = data;
  // The entity last shown: a form open on it stays (with the reader's typing) when it is
  // deleted elsewhere meanwhile, and says so (docs/versioning.md).
  const lastShown = useRef<Entity | null>(null);
  if (reading) lastShown.current = reading.entity;
  const deletedWhileEditing = edit && reading === null && lastShown.current?.id === id;

  if (data.error) return <Banner kind="error" title="Could not load this entity." onRetry={() => void data.load()}>{data.error}</Banner>;
  if (reading === undefined) return <p class="loading muted" role="status">Loading…</p>;
  if (reading === null && !deletedWhileEditing) {
    return (
      <div class="empty" data-testid="entity-missing">
        <p class="empty__title">This entity is not in your glossary.</p>
        <p class="muted">
          It may have been deleted or merged. <a href={hrefOf({ page: 'glossary' })}>Back to the glossary</a>
        </p>
      </div>
    );
  }
  const entity = reading ? reading.entity : lastShown.current!;

  // A team glossary's entity is read-only (docs/sync-team-glossary.md): no form, even by its address.
  if (edit && !entity.source) {
    const tagSuggestions = [...new Set((rows ?? []).flatMap((r) => r.entity.tags ?? []))];
    return (
      <section class="panel" data-testid="edit-entity">
        <EntityForm
          key={entity.id}
          entity={entity}
          deleted={deletedWhileEditing}
          defaults={defaults}
          tagSuggestions={tagSuggestions}
          onSubmit={async (input, baseVersion) => {
            await onUpdate(entity.id, input, baseVersion ?? 0);
            navigate({ page: 'entity', id: entity.id, edit: false });
          }}
          onCancel={() => navigate({ page: 'entity', id: entity.id, edit: false })}
        />
      </section>
    );
  }

  // Past the edit form the entity exists (deletedWhileEditing implies edit).
  if (!reading) return null;
  return (
    <article class="entity-page" aria-labelledby="entity-title" data-testid="entity-page">
      <p class="crumbs">
        <a href={hrefOf({ page: 'glossary' })}>Glossary</a> ›
      </p>
      <EntityHead
        entity={entity}
        merging={merging}
        onToggleMerge={() => {
          if (!merging) onRefreshRows?.();
          setMerging(!merging);
        }}
        onDelete={() => void onDelete(entity)}
      />
      {entity.source && <TeamSource entity={entity} rows={rows} onCreate={onCreate} onRefreshRows={onRefreshRows} />}

      <EditedOnTwoDevices key={`${entity.id}:${entity.version ?? 0}`} id={entity.id} onChosen={() => void data.load()} />

      {merging && (
        <MergePicker
          entity={entity}
          rows={rows ?? []}
          onCancel={() => setMerging(false)}
          onMerge={async (other) => {
            await onMerge(entity, other);
            setMerging(false);
            await data.load();
          }}
        />
      )}

      <div class="entity-page__grid">
        <EntityAbout entity={entity} />
        <CoMentioned reading={reading} />
      </div>

      <ReadingSection
        reading={reading}
        shown={data.shown}
        loadingMore={data.loadingMore}
        moreError={data.moreError}
        onMore={(all) => void data.showMore(all)}
      />
    </article>
  );
}

function EntityHead({ entity, merging, onToggleMerge, onDelete }: { entity: Entity; merging: boolean; onToggleMerge: () => void; onDelete: () => void }) {
  return (
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
      {!entity.source && <div class="page-head__actions">
        <a class="btn" href={hrefOf({ page: 'entity', id: entity.id, edit: true })}>
          Edit
        </a>
        <button type="button" class="btn" onClick={onToggleMerge} aria-expanded={merging ? 'true' : 'false'}>
          Merge…
        </button>
        <button type="button" class="btn btn--ghost entity-row__delete" onClick={onDelete}>
          Delete
        </button>
      </div>}
    </div>
  );
}

/**
 * A team glossary's entity: where it comes from, read-only (no Edit, Merge or Delete: the team's
 * editors change it), and the reader's own entry beside it. "Add my own note" creates that entry,
 * an ordinary entity of the reader's with the same name, type and aliases and the note as its
 * notes: it is the reader's (edited, synced, exported as theirs; unsubscribing leaves it), the
 * page's one mark is then its own, and its card shows the team's text under the reader's
 * (docs/sync-team-glossary.md).
 */
function TeamSource({ entity, rows, onCreate, onRefreshRows }: { entity: Entity; rows: GlossaryRow[] | null; onCreate: EntityPageProps['onCreate']; onRefreshRows?: () => void }) {
  // The reader's own entry of this name is looked up in the glossary list: make sure it is current.
  useEffect(() => onRefreshRows?.(), [entity.id]);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = nameKey(entity.name);
  const own = (rows ?? []).find((r) => !r.entity.source && nameKey(r.entity.name) === key)?.entity;
  const create = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const mine = await onCreate({ name: entity.name, type: entity.type, aliases: entity.aliases, notes: text.trim() });
      navigate({ page: 'entity', id: mine.id, edit: false });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <section class="panel team-source" aria-label="Source" data-testid="entity-team-source">
      <p>
        <strong>From {entity.source!.name}</strong> — read-only. The team’s editors change it; your own notes stay yours.
      </p>
      {own ? (
        <p>
          Your own entry: <a href={hrefOf({ page: 'entity', id: own.id, edit: false })}>{own.name}</a> (its notes are yours; its card shows this team’s text below them).
        </p>
      ) : open ? (
        <form onSubmit={(e) => void create(e)}>
          <label class="field">
            <span class="label">Your note about {entity.name} (kept in an entry of your own, with the same name and aliases)</span>
            <textarea class="input" rows={4} maxLength={50_000} value={text} disabled={busy} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          {error && (
            <p class="field__error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn--primary" disabled={busy || !text.trim()}>
            Save my note
          </button>{' '}
          <button type="button" class="btn btn--ghost" disabled={busy} onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" class="btn" onClick={() => setOpen(true)}>
          Add my own note
        </button>
      )}
    </section>
  );
}

/** What the reader knows: aliases, notes, references, dates. */
function EntityAbout({ entity }: { entity: Entity }) {
  return (
    <section class="panel entity-page__about" aria-label="About">
      {shownAliases(entity.aliases).length > 0 && (
        <>
          <h2 class="section-title">Also known as</h2>
          <p class="entity-row__aliases" data-testid="entity-page-aliases">
            {shownAliases(entity.aliases).map((a, i) => (
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
  );
}

function CoMentioned({ reading }: { reading: EntityReading }) {
  return (
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
  );
}

interface ReadingSectionProps {
  reading: EntityReading;
  shown: ShownArticles;
  loadingMore: boolean;
  moreError: string | null;
  onMore: (all: boolean) => void;
}

/** "What you have read about X": the articles, newest first, and "Show more" / "Show all". */
function ReadingSection({ reading, shown, loadingMore, moreError, onMore }: ReadingSectionProps) {
  const { entity } = reading;
  return (
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
          {shown.articles.map((a) => (
            <li key={a.url} class="reading__item" data-testid="reading-item">
              <div class="reading__head">
                <ArticleLink url={a.url} title={a.title} />
                <span class="reading__count" title="Mentions in this article">
                  {plural(a.count, 'mention')}
                </span>
              </div>
              <p class="reading__meta muted">
                <ArticleSource url={a.url} site={a.site} publishedAt={a.publishedAt} />
                {' · read '}
                <DateTime at={a.lastSeen} />
              </p>
              {a.snippet && <p class="reading__snippet">“{a.snippet}”</p>}
            </li>
          ))}
        </ol>
      )}
      {shown.next && (
        <p class="reading__more" data-testid="reading-more">
          <span class="muted">
            Showing {shown.articles.length.toLocaleString()} of {Math.max(reading.total, shown.articles.length).toLocaleString()}.
          </span>{' '}
          <button type="button" class="btn" disabled={loadingMore} onClick={() => onMore(false)}>
            Show {PAGE} more
          </button>{' '}
          <button type="button" class="btn btn--ghost" disabled={loadingMore} onClick={() => onMore(true)}>
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
  );
}

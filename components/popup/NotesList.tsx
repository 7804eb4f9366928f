/**
 * "Notes": every saved note, newest first, with full-text search (quote, comment, tags, entity
 * names, page titles), filters by entity, tag and site, export (Markdown or JSON, of what is
 * listed), and "Save selection" for the current tab. The search runs in the background
 * (lib/notes/search.ts); this component only renders and asks (useNoteActions.ts).
 */
import { Banner, ErrorBanner } from '../shared/Banner';
import { NoteItem } from './NoteItem';
import { NotesFilters } from './NotesFilters';
import { NotesToolbar } from './NotesToolbar';
import { useNoteActions } from './useNoteActions';
import type { FoundEntity } from './usePageEntities';
import { isFiltered, NO_FILTERS, type NotesQueryState, type useNotesQuery } from './useNotesQuery';

interface NotesListProps {
  notes: ReturnType<typeof useNotesQuery>;
  /** The tab the popup is about (for "Save selection"); null when there is none to read. */
  tabId: number | null;
  pageEntities: readonly FoundEntity[];
  /** What the tab found of its own saved quotes just now. */
  live: ReadonlyMap<string, 'found' | 'missing'>;
  /** A note was saved from the selection (the page may now mark it). */
  onSaved?: () => void;
  /** The "Save note" shortcut as the browser set it (null: none). */
  saveKey?: string | null;
}

type Ready = Extract<NotesQueryState, { status: 'ready' }>;

export function NotesList({ notes, tabId, pageEntities, live, onSaved, saveKey }: NotesListProps) {
  const { state, filters, setFilters } = notes;
  const actions = useNoteActions(notes, tabId, onSaved);
  const { flash } = actions;

  const ready = state.status === 'ready' ? state : null;
  const filtered = isFiltered(filters);

  return (
    <section class="section" aria-labelledby="notes-heading">
      <div class="section__head">
        <h2 id="notes-heading">Notes</h2>
        {ready && ready.all > 0 && (
          <span class="section__meta" data-testid="notes-count">
            {filtered ? `${ready.total.toLocaleString()} of ${ready.all.toLocaleString()}` : ready.all.toLocaleString()}
          </span>
        )}
      </div>

      <NotesToolbar
        canSave={tabId !== null}
        canExport={Boolean(ready && ready.all > 0)}
        filtered={filtered}
        busy={actions.busy !== null}
        onSaveSelection={() => void actions.saveSelection()}
        onExport={(format) => void actions.exportAs(format)}
      />

      {flash && (
        <Banner kind={flash.kind} onDismiss={() => actions.setFlash(null)} testId="notes-flash">
          {flash.text}{' '}
          {flash.undo && (
            <button type="button" class="btn btn--small" onClick={() => void actions.undo(flash.undo!)}>
              Undo
            </button>
          )}
        </Banner>
      )}

      {ready && ready.all > 0 && <NotesFilters filters={filters} facets={ready.facets} setFilters={setFilters} />}

      {state.status === 'loading' && (
        <p class="placeholder" role="status">
          Loading notes…
        </p>
      )}
      {state.status === 'error' && (
        <ErrorBanner title="Could not load notes." onRetry={notes.reload} testId="notes-error">
          {state.message}
        </ErrorBanner>
      )}
      {ready &&
        (ready.all === 0 ? (
          <NoNotesYet saveKey={saveKey} />
        ) : ready.total === 0 ? (
          <NoMatch onShowAll={() => setFilters(NO_FILTERS)} />
        ) : (
          <>
            <ul class="note-list" aria-label="Saved notes">
              {ready.items.map((v) => (
                <NoteItem
                  key={v.note.id}
                  view={v}
                  live={live.get(v.note.id) ?? null}
                  open={actions.opened[v.note.id]?.status ?? null}
                  openError={actions.opened[v.note.id]?.error ?? null}
                  pageEntities={pageEntities}
                  onOpen={() => void actions.openNote(v.note.id)}
                  onSave={(patch, baseVersion) => actions.update(v.note.id, patch, baseVersion)}
                  onDelete={() => void actions.remove(v.note)}
                  onFilterEntity={(id) => setFilters({ ...filters, entityId: id })}
                  onFilterTag={(tag) => setFilters({ ...filters, tag })}
                />
              ))}
            </ul>
            <ShowMore ready={ready} onMore={() => void notes.more()} />
          </>
        ))}
    </section>
  );
}

function NoNotesYet({ saveKey }: { saveKey?: string | null }) {
  return (
    <div class="empty" data-testid="notes-empty">
      <p>No saved notes yet. Quotes you keep while reading will appear here, newest first.</p>
      <p>
        Select text on a page, then right-click › Save note
        {saveKey ? (
          <>
            {' '}
            (or press <kbd class="kbd">{saveKey}</kbd>)
          </>
        ) : null}
        .
      </p>
    </div>
  );
}

function NoMatch({ onShowAll }: { onShowAll: () => void }) {
  return (
    <div class="empty" data-testid="notes-none">
      <p>No note matches.</p>
      <p>
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            onShowAll();
          }}
        >
          Show all notes
        </a>
      </p>
    </div>
  );
}

function ShowMore({ ready, onMore }: { ready: Ready; onMore: () => void }) {
  if (ready.items.length >= ready.total) return null;
  return (
    <button type="button" class="btn btn--small notes-more" onClick={onMore} disabled={ready.loadingMore}>
      {ready.loadingMore ? 'Loading…' : `Show more (${(ready.total - ready.items.length).toLocaleString()} left)`}
    </button>
  );
}

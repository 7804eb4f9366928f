/**
 * "Notes": every saved note, newest first, with full-text search (quote, comment, tags, entity
 * names, page titles), filters by entity, tag and site, export (Markdown or JSON, of what is
 * listed), and "Save selection" for the current tab. The search runs in the background
 * (lib/notes/search.ts); this component only renders and asks.
 */
import { useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Note } from '../../lib/model/note';
import { Banner, ErrorBanner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { plural } from '../shared/format';
import { download } from '../shared/download';
import { NoteItem, type OpenStatus } from './NoteItem';
import type { FoundEntity } from './usePageEntities';
import { isFiltered, NO_FILTERS, type useNotesQuery } from './useNotesQuery';

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

type Flash = { kind: 'info' | 'success' | 'error'; text: string; undo?: Note } | null;

export function NotesList({ notes, tabId, pageEntities, live, onSaved, saveKey }: NotesListProps) {
  const { state, filters, setFilters } = notes;
  const [opened, setOpened] = useState<Record<string, { status: OpenStatus; error?: string }>>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState<'save' | 'export' | null>(null);

  const openNote = async (id: string) => {
    setOpened((o) => ({ ...o, [id]: { status: 'opening' } }));
    try {
      const r = await ask('note.open', { id });
      if (r.note) notes.replace(r.note);
      setOpened((o) => ({ ...o, [id]: { status: r.status } }));
    } catch (err) {
      setOpened((o) => ({ ...o, [id]: { status: 'error', error: errorMessage(err) } }));
    }
  };

  const saveSelection = async () => {
    if (tabId === null) return;
    setBusy('save');
    try {
      const r = await ask('note.saveSelection', { tabId });
      if (r.status === 'saved') {
        setFlash({ kind: 'success', text: 'Saved. Add a comment in the page, or edit the note here.' });
        notes.reload();
        onSaved?.();
      } else if (r.status === 'no-selection') {
        setFlash({ kind: 'info', text: 'Select some text on the page first.' });
      } else {
        setFlash({
          kind: 'info',
          text: r.reason === 'site-off' ? 'The extension is switched off for this site.' : 'Notes can only be saved from web pages the extension reads.',
        });
      }
    } catch (err) {
      setFlash({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: 'markdown' | 'json', e: Event) => {
    // The menu folds away once a format is chosen.
    const menu = (e.currentTarget as HTMLElement).closest('details');
    if (menu) menu.open = false;
    setBusy('export');
    try {
      const r = await ask('notes.export', { ...filters, format });
      download(r.text, r.filename, r.mime);
      setFlash({ kind: 'success', text: `Exported ${plural(r.count, 'note')} as ${format === 'markdown' ? 'Markdown' : 'JSON'}.` });
    } catch (err) {
      setFlash({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (id: string) => {
    try {
      const r = await ask('note.delete', { id });
      notes.reload();
      if (r.note) setFlash({ kind: 'info', text: 'Note deleted.', undo: r.note });
    } catch (err) {
      setFlash({ kind: 'error', text: errorMessage(err) });
    }
  };

  const undo = async (note: Note) => {
    try {
      await ask('note.restore', { note });
      setFlash(null);
      notes.reload();
    } catch (err) {
      setFlash({ kind: 'error', text: errorMessage(err) });
    }
  };

  const ready = state.status === 'ready' ? state : null;
  const facets = ready?.facets;
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

      <div class="notes-toolbar">
        {tabId !== null && (
          <button type="button" class="btn btn--small" onClick={saveSelection} disabled={busy !== null} data-testid="save-selection" title="Save the text selected on the page as a note">
            Save selection
          </button>
        )}
        {ready && ready.all > 0 && (
          <details class="export">
            <summary class="btn btn--small" data-testid="export">
              Export{filtered ? ' these' : ''}
            </summary>
            <div class="export__menu">
              <button type="button" class="btn btn--small btn--ghost" disabled={busy !== null} onClick={(e) => void exportAs('markdown', e)} data-testid="export-markdown">
                Markdown (by article)
              </button>
              <button type="button" class="btn btn--small btn--ghost" disabled={busy !== null} onClick={(e) => void exportAs('json', e)} data-testid="export-json">
                JSON
              </button>
            </div>
          </details>
        )}
      </div>

      {flash && (
        <Banner kind={flash.kind} onDismiss={() => setFlash(null)} testId="notes-flash">
          {flash.text}{' '}
          {flash.undo && (
            <button type="button" class="btn btn--small" onClick={() => undo(flash.undo!)}>
              Undo
            </button>
          )}
        </Banner>
      )}

      {ready && ready.all > 0 && (
        <div class="notes-search">
          <input
            class="input"
            type="search"
            placeholder="Search notes"
            title="Searches quotes, comments, tags, entity names and page titles"
            aria-label="Search notes"
            value={filters.query}
            onInput={(e) => setFilters({ ...filters, query: (e.currentTarget as HTMLInputElement).value })}
            data-testid="notes-search"
          />
          <div class="notes-filters">
            {facets && facets.entities.length > 0 && (
              <select
                class="select"
                aria-label="Filter by entity"
                value={filters.entityId ?? ''}
                onChange={(e) => setFilters({ ...filters, entityId: (e.currentTarget as HTMLSelectElement).value || null })}
                data-testid="filter-entity"
              >
                <option value="">All entities</option>
                {facets.entities.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name} ({e.count})
                  </option>
                ))}
              </select>
            )}
            {facets && facets.tags.length > 0 && (
              <select
                class="select"
                aria-label="Filter by tag"
                value={filters.tag ?? ''}
                onChange={(e) => setFilters({ ...filters, tag: (e.currentTarget as HTMLSelectElement).value || null })}
                data-testid="filter-tag"
              >
                <option value="">All tags</option>
                {facets.tags.map((t) => (
                  <option key={t.tag} value={t.tag}>
                    #{t.tag} ({t.count})
                  </option>
                ))}
              </select>
            )}
            {facets && facets.sites.length > 1 && (
              <select
                class="select"
                aria-label="Filter by site"
                value={filters.site ?? ''}
                onChange={(e) => setFilters({ ...filters, site: (e.currentTarget as HTMLSelectElement).value || null })}
                data-testid="filter-site"
              >
                <option value="">All sites</option>
                {facets.sites.map((s) => (
                  <option key={s.site} value={s.site}>
                    {s.site} ({s.count})
                  </option>
                ))}
              </select>
            )}
          </div>
        </div>
      )}

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
        ) : ready.total === 0 ? (
          <div class="empty" data-testid="notes-none">
            <p>No note matches.</p>
            <p>
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  setFilters(NO_FILTERS);
                }}
              >
                Show all notes
              </a>
            </p>
          </div>
        ) : (
          <>
            <ul class="note-list" aria-label="Saved notes">
              {ready.items.map((v) => (
                <NoteItem
                  key={v.note.id}
                  view={v}
                  live={live.get(v.note.id) ?? null}
                  open={opened[v.note.id]?.status ?? null}
                  openError={opened[v.note.id]?.error ?? null}
                  pageEntities={pageEntities}
                  onOpen={() => void openNote(v.note.id)}
                  onSave={async (patch) => {
                    const view = await ask('note.update', { id: v.note.id, patch });
                    notes.replace(view);
                  }}
                  onDelete={() => void remove(v.note.id)}
                  onFilterEntity={(id) => setFilters({ ...filters, entityId: id })}
                  onFilterTag={(tag) => setFilters({ ...filters, tag })}
                />
              ))}
            </ul>
            {ready.items.length < ready.total && (
              <button type="button" class="btn btn--small notes-more" onClick={() => void notes.more()} disabled={ready.loadingMore}>
                {ready.loadingMore ? 'Loading…' : `Show more (${(ready.total - ready.items.length).toLocaleString()} left)`}
              </button>
            )}
          </>
        ))}
    </section>
  );
}

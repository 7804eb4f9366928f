/**
 * The popup's notes: one page at a time from the background's search index (notes.query),
 * newest first, with the search text and filters; "Show more" appends the next page.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { NoteView, NotesFacets } from '../../lib/messaging/notes';
import { errorMessage } from '../shared/errors';

export const PAGE_SIZE = 30;
/** Typing pauses this long before the search runs. */
export const SEARCH_DEBOUNCE_MS = 120;
/** How long to wait before asking again for the filters' choices when the first answer had none. */
const FACETS_RETRY_MS = 700;

export interface NotesFilters {
  query: string;
  entityId: string | null;
  tag: string | null;
  site: string | null;
}

export const NO_FILTERS: NotesFilters = { query: '', entityId: null, tag: null, site: null };

export function isFiltered(f: NotesFilters): boolean {
  return f.query.trim() !== '' || f.entityId !== null || f.tag !== null || f.site !== null;
}

export type NotesQueryState =
  | { status: 'loading' }
  | { status: 'ready'; items: NoteView[]; total: number; all: number; facets: NotesFacets | null; loadingMore: boolean }
  | { status: 'error'; message: string };

export function useNotesQuery() {
  const [filters, setFilters] = useState<NotesFilters>(NO_FILTERS);
  const [state, setState] = useState<NotesQueryState>({ status: 'loading' });
  const facets = useRef<NotesFacets | null>(null);
  const seq = useRef(0);

  const loadFacets = useCallback(async () => {
    try {
      const r = await ask('notes.query', { query: '', limit: 1, facets: true });
      if (r.facets) {
        facets.current = r.facets;
        setState((s) => (s.status === 'ready' ? { ...s, facets: r.facets } : s));
      }
    } catch {
      /* the list works without filters */
    }
  }, []);

  const run = useCallback(async (f: NotesFilters, withFacets: boolean) => {
    const mine = ++seq.current;
    try {
      const r = await ask('notes.query', { ...f, offset: 0, limit: PAGE_SIZE, facets: withFacets || facets.current === null });
      if (mine !== seq.current) return;
      if (r.facets) facets.current = r.facets;
      setState({ status: 'ready', items: r.items, total: r.total, all: r.all, facets: facets.current, loadingMore: false });
      // Just after the browser started the extension, the filters' choices come a moment later.
      if (!facets.current && r.all > 0) setTimeout(() => void loadFacets(), FACETS_RETRY_MS);
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', message: errorMessage(err) });
    }
  }, [loadFacets]);

  // The search text waits for a pause in typing; filters apply at once.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      void run(filters, true);
      return;
    }
    const t = setTimeout(() => void run(filters, false), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [filters.query]);
  useEffect(() => {
    if (!first.current) void run(filters, false);
  }, [filters.entityId, filters.tag, filters.site]);

  const more = useCallback(async () => {
    if (state.status !== 'ready' || state.loadingMore || state.items.length >= state.total) return;
    const mine = ++seq.current;
    setState({ ...state, loadingMore: true });
    try {
      const r = await ask('notes.query', { ...filters, offset: state.items.length, limit: PAGE_SIZE });
      if (mine !== seq.current) return;
      setState({ ...state, items: [...state.items, ...r.items], total: r.total, all: r.all, loadingMore: false });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', message: errorMessage(err) });
    }
  }, [state, filters]);

  /** After a change (save, edit, delete): the list and the filters' choices again. */
  const reload = useCallback(() => void run(filters, true), [filters, run]);

  /** Replace one note in place (an edit, or an open that found the quote missing). */
  const replace = useCallback((view: NoteView) => {
    setState((s) => (s.status === 'ready' ? { ...s, items: s.items.map((v) => (v.note.id === view.note.id ? view : v)) } : s));
  }, []);

  return { filters, setFilters, state, more, reload, replace };
}

/** Saved notes, newest first. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Note } from '../../lib/model/note';
import { errorMessage } from '../shared/errors';

export type NotesState =
  | { status: 'loading' }
  | { status: 'ready'; notes: Note[] }
  | { status: 'error'; message: string };

export function newestFirst(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => b.createdAt - a.createdAt);
}

export function useNotes(): NotesState & { reload: () => void } {
  const [state, setState] = useState<NotesState>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', notes: newestFirst(await ask('note.list', {})) });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  return { ...state, reload };
}

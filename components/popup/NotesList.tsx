/** "Notes": what the reader saved, newest first. Search and filters come with the notes issue. */
import type { Note } from '../../lib/model/note';
import { ErrorBanner } from '../shared/Banner';
import { formatDateTime, hostOf, isoDateTime } from '../shared/format';
import type { NotesState } from './useNotes';

interface NotesListProps {
  state: NotesState;
  onRetry: () => void;
}

export function NotesList({ state, onRetry }: NotesListProps) {
  return (
    <section class="section" aria-labelledby="notes-heading">
      <div class="section__head">
        <h2 id="notes-heading">Notes</h2>
        {state.status === 'ready' && state.notes.length > 0 && (
          <span class="section__meta" data-testid="notes-count">
            {state.notes.length.toLocaleString()}
          </span>
        )}
      </div>
      {state.status === 'loading' && (
        <p class="placeholder" role="status">
          Loading notes…
        </p>
      )}
      {state.status === 'error' && (
        <ErrorBanner title="Could not load notes." onRetry={onRetry} testId="notes-error">
          {state.message}
        </ErrorBanner>
      )}
      {state.status === 'ready' &&
        (state.notes.length === 0 ? (
          <div class="empty" data-testid="notes-empty">
            <p>No saved notes yet. Quotes you keep while reading will appear here, newest first.</p>
          </div>
        ) : (
          <ul class="note-list" aria-label="Saved notes">
            {state.notes.map((n) => (
              <NoteItem key={n.id} note={n} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function NoteItem({ note }: { note: Note }) {
  return (
    <li class="note" data-testid="note-item">
      {note.quote && <blockquote class="note__quote">{note.quote}</blockquote>}
      {note.comment && <p class="note__comment">{note.comment}</p>}
      <p class="note__meta">
        {/* Note.url is validated as http(s) by the protocol before it gets here. */}
        <a class="note__link" href={note.url} target="_blank" rel="noopener noreferrer" title={note.url}>
          {note.title.trim() || hostOf(note.url)}
        </a>
        <time class="note__date" dateTime={isoDateTime(note.createdAt)}>
          {formatDateTime(note.createdAt)}
        </time>
      </p>
    </li>
  );
}

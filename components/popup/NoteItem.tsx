/**
 * One saved note in the popup: its quote, comment, entities and tags, the page it came from
 * (opening it goes to the page, scrolled to the quote, highlighted), and Edit / Delete. A quote
 * that could not be found on its page says so; the note is never dropped for it.
 */
import { useState } from 'preact/hooks';
import type { NoteView } from '../../lib/messaging/notes';
import { parseTagList, type Note } from '../../lib/model/note';
import { versionOf } from '../../lib/model/version';
import { ProtocolError } from '../../lib/messaging/client';
import { ChangedElsewhereNotice } from '../shared/ChangedElsewhereNotice';
import { formatDateTime, hostOf, isoDateTime } from '../shared/format';
import type { FoundEntity } from './usePageEntities';
import { ErrorLine } from '../shared/ErrorLine';

export type OpenStatus = 'opening' | 'found' | 'missing' | 'no-quote' | 'site-off' | 'unreachable' | 'error';

interface NoteItemProps {
  view: NoteView;
  /** What this tab's content script says of the quote right now (it is on this page). */
  live: 'found' | 'missing' | null;
  open: OpenStatus | null;
  openError?: string | null;
  pageEntities: readonly FoundEntity[];
  onOpen(): void;
  /** `baseVersion`: the note's version the editor loaded (docs/versioning.md). */
  onSave(patch: { comment: string; tags: string[]; entityIds: string[] }, baseVersion: number): Promise<void>;
  onDelete(): void;
  onFilterEntity(id: string): void;
  onFilterTag(tag: string): void;
}

const OPEN_MESSAGES: Partial<Record<OpenStatus, string>> = {
  opening: 'Opening the page…',
  'site-off': 'The extension is switched off for this site, so the quote is not highlighted.',
  unreachable: 'The page could not be opened, or the extension cannot run in it.',
};

export function NoteItem({ view, live, open, openError, pageEntities, onOpen, onSave, onDelete, onFilterEntity, onFilterTag }: NoteItemProps) {
  const { note, entities } = view;
  const [editing, setEditing] = useState(false);
  const missing = live ? live === 'missing' : open === 'missing' || (open !== 'found' && note.anchor?.status === 'missing');
  const title = note.title.trim() || hostOf(note.url);

  return (
    <li class={`note${missing ? ' note--missing' : ''}`} data-testid="note-item" data-note-id={note.id}>
      {note.quote && <blockquote class="note__quote">{note.quote}</blockquote>}
      {missing && (
        <p class="note__missing" data-testid="note-missing">
          Quote not found on the page
          <span class="note__missing-why"> — the article may have changed. The note is kept.</span>
        </p>
      )}
      {editing ? (
        <NoteEditor
          view={view}
          pageEntities={pageEntities}
          onCancel={() => setEditing(false)}
          onSave={async (patch, baseVersion) => {
            await onSave(patch, baseVersion);
            setEditing(false);
          }}
        />
      ) : (
        <>
          {note.comment && <p class="note__comment">{note.comment}</p>}
          {(entities.length > 0 || note.tags.length > 0) && (
            <p class="note__chips">
              {entities.map((e) => (
                <button type="button" key={e.id} class={`chip chip--${e.type}`} title={`Notes about ${e.name}`} onClick={() => onFilterEntity(e.id)}>
                  {e.name}
                </button>
              ))}
              {note.tags.map((t) => (
                <button type="button" key={t} class="chip chip--tag" title={`Notes tagged ${t}`} onClick={() => onFilterTag(t)}>
                  #{t}
                </button>
              ))}
            </p>
          )}
        </>
      )}
      <p class="note__meta">
        {/* Note.url is validated as http(s) by the protocol before it gets here. */}
        <a
          class="note__link"
          href={note.url}
          target="_blank"
          rel="noopener noreferrer"
          title={`Open ${note.url} at the quote`}
          onClick={(e) => {
            // A plain click opens the page at the quote; modified clicks are the browser's.
            if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            onOpen();
          }}
        >
          {title}
        </a>
        <time class="note__date" dateTime={isoDateTime(note.createdAt)}>
          {formatDateTime(note.createdAt)}
        </time>
      </p>
      {(open && OPEN_MESSAGES[open]) || openError ? (
        <p class="note__status" role="status" data-testid="note-status">
          {openError ?? OPEN_MESSAGES[open!]}
        </p>
      ) : null}
      {!editing && (
        <div class="note__actions">
          <button type="button" class="btn btn--small btn--ghost" onClick={onOpen} data-testid="note-open">
            Open
          </button>
          <button type="button" class="btn btn--small btn--ghost" onClick={() => setEditing(true)} data-testid="note-edit">
            Edit
          </button>
          <button type="button" class="btn btn--small btn--ghost" onClick={onDelete} data-testid="note-delete">
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

function NoteEditor({
  view,
  pageEntities,
  onCancel,
  onSave,
}: {
  view: NoteView;
  pageEntities: readonly FoundEntity[];
  onCancel(): void;
  onSave(patch: { comment: string; tags: string[]; entityIds: string[] }, baseVersion: number): Promise<void>;
}) {
  const { note } = view;
  const [comment, setComment] = useState(note.comment);
  const [tags, setTags] = useState(note.tags.join(', '));
  const [linked, setLinked] = useState(view.entities);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The version the reader's text is based on, and the other one when the save was refused as
  // "changed elsewhere" (null: deleted elsewhere). The fields are never reset under the reader.
  const [base, setBase] = useState(versionOf(note));
  const [other, setOther] = useState<Note | null | undefined>(undefined);
  const addable = pageEntities.filter((f) => !linked.some((l) => l.id === f.entity.id));
  // Links to entities deleted since are not shown, and stay as they are.
  const hidden = note.entityIds.filter((id) => !view.entities.some((e) => e.id === id));

  const submit = (e: Event) => {
    e.preventDefault();
    void save(base);
  };

  const save = async (over: number) => {
    setBusy(true);
    setError(null);
    try {
      await onSave({ comment: comment.trim(), tags: parseTagList(tags), entityIds: [...linked.map((l) => l.id), ...hidden] }, over);
    } catch (err) {
      if (err instanceof ProtocolError && err.conflict?.kind === 'note') {
        setBase(over);
        setOther(err.conflict.current);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
      setBusy(false);
    }
  };

  const takeTheirs = (theirs: Note) => {
    setComment(theirs.comment);
    setTags(theirs.tags.join(', '));
    // Linked entities: the other version's that this list can name; the rest stay hidden links.
    const names = new Map([...view.entities, ...pageEntities.map((f) => ({ id: f.entity.id, name: f.entity.name, type: f.entity.type }))].map((e) => [e.id, e]));
    setLinked(theirs.entityIds.flatMap((id) => names.get(id) ?? []));
    setBase(versionOf(theirs));
    setOther(undefined);
  };

  return (
    <form class="note-editor" onSubmit={submit} data-testid="note-editor">
      <label class="note-editor__field">
        <span>Comment</span>
        <textarea class="textarea" rows={3} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <label class="note-editor__field">
        <span>Tags</span>
        <input class="input" type="text" value={tags} placeholder="comma separated" onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div class="note-editor__field">
        <span>About</span>
        <p class="note__chips">
          {linked.length === 0 && <span class="muted">No entity linked.</span>}
          {linked.map((l) => (
            <span key={l.id} class={`chip chip--${l.type}`}>
              {l.name}
              <button type="button" class="chip__remove" aria-label={`Unlink ${l.name}`} onClick={() => setLinked(linked.filter((x) => x.id !== l.id))}>
                ×
              </button>
            </span>
          ))}
        </p>
        {addable.length > 0 && (
          <select
            class="select"
            aria-label="Link an entity on this page"
            value=""
            onChange={(e) => {
              const id = (e.currentTarget as HTMLSelectElement).value;
              const f = pageEntities.find((x) => x.entity.id === id);
              if (f) setLinked([...linked, { id: f.entity.id, name: f.entity.name, type: f.entity.type }]);
            }}
          >
            <option value="">Link an entity on this page…</option>
            {addable.map((f) => (
              <option key={f.entity.id} value={f.entity.id}>
                {f.entity.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {other !== undefined && (
        <ChangedElsewhereNotice
          kind="note"
          other={other}
          busy={busy}
          onKeepMine={other ? () => void save(versionOf(other)) : undefined}
          onTakeTheirs={other ? () => takeTheirs(other) : undefined}
        >
          {other && (
            <dl class="other-version" data-testid="other-version">
              <dt>Comment</dt>
              <dd class="other-version__notes">{other.comment || '(none)'}</dd>
              <dt>Tags</dt>
              <dd>{other.tags.join(', ') || '(none)'}</dd>
            </dl>
          )}
        </ChangedElsewhereNotice>
      )}
      <ErrorLine class="note-editor__error" error={error} />
      <div class="note-editor__buttons">
        <button type="button" class="btn btn--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}

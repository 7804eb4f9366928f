/**
 * The in-page composer shown after "Save note" (lib/inpage/ui/note-composer.ts owns its place in
 * the page): the note is already saved; the reader may add a comment and tags, once, within a
 * few minutes. Renders only; everything is text (never markup). Only real clicks and key
 * presses act (`isTrusted`).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { parseTagList } from '../../lib/model/note';
import type { NoteEntity } from '../../lib/messaging/notes';
import { isSaveShortcut, saveShortcutLabel } from '../shared/keys';
import { ErrorLine } from '../shared/ErrorLine';
import { TagsField } from './TagsField';

export type ComposerModel =
  | {
      kind: 'saved';
      quote: string;
      entities: NoteEntity[];
      expiresAt: number;
    }
  | { kind: 'no-selection'; shortcut: string | null };

export interface ComposerProps {
  model: ComposerModel;
  /** Send the comment and tags; rejects with a message for the reader. */
  annotate(comment: string, tags: string[]): Promise<void>;
  close(): void;
}

/** How long "Comment saved" shows before the composer goes away. */
export const CLOSE_AFTER_SAVE_MS = 1_400;

function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function NoteComposer({ model, annotate, close }: ComposerProps) {
  if (model.kind === 'no-selection') {
    return (
      <div class="composer composer--hint" role="status">
        <p>
          Select some text first, then use <strong>Save note</strong> from the right-click menu
          {model.shortcut ? (
            <>
              {' '}
              or press <kbd>{model.shortcut}</kbd>
            </>
          ) : null}
          .
        </p>
        <button type="button" class="icon" aria-label="Close" onClick={(e) => e.isTrusted && close()}>
          ×
        </button>
      </div>
    );
  }
  return <SavedComposer model={model} annotate={annotate} close={close} />;
}

function SavedComposer({ model, annotate, close }: ComposerProps & { model: Extract<ComposerModel, { kind: 'saved' }> }) {
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<'editing' | 'saving' | 'saved' | 'expired'>('editing');
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  /** The grant is good for one use: one request at a time. */
  const busy = useRef(false);

  // Focused in the same task as the render: the first keystrokes are not lost.
  useLayoutEffect(() => {
    area.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const t = setTimeout(() => setState((s) => (s === 'editing' ? 'expired' : s)), Math.max(0, model.expiresAt - Date.now()));
    return () => clearTimeout(t);
  }, [model.expiresAt]);

  const dirty = comment.trim() !== '' || tags.trim() !== '';
  const save = async (e: Event) => {
    e.preventDefault();
    if (!e.isTrusted || state !== 'editing' || busy.current) return;
    if (!dirty) return close();
    busy.current = true;
    setState('saving');
    setError(null);
    try {
      await annotate(comment.trim(), parseTagList(tags));
      setState('saved');
      setTimeout(close, CLOSE_AFTER_SAVE_MS);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('editing');
    } finally {
      busy.current = false;
    }
  };

  return (
    <div class="composer" role="dialog" aria-label="Note saved">
      {/* Ctrl+Enter (Cmd+Enter) saves from any field, as the hint says. */}
      <form class="composer__form" onSubmit={save} onKeyDown={(e) => isSaveShortcut(e) && void save(e)}>
      <header>
        <span class="tick" aria-hidden="true">
          ✓
        </span>
        <strong>Note saved</strong>
        <button type="button" class="icon" aria-label="Close" onClick={(e) => e.isTrusted && close()}>
          ×
        </button>
      </header>
      <blockquote class="quote">{excerpt(model.quote)}</blockquote>
      {model.entities.length > 0 && (
        <p class="about">
          <span class="label">About </span>
          {model.entities.map((e) => (
            <span key={e.id} class={`chip chip--${e.type}`}>
              {e.name}
            </span>
          ))}
        </p>
      )}
      {state === 'saved' ? (
        <p class="done" role="status">
          Comment saved.
        </p>
      ) : state === 'expired' ? (
        <p class="done" role="status">
          {dirty ? 'Too late to add this here: edit the note in the extension’s popup.' : 'Add comments and tags to it in the extension’s popup.'}
        </p>
      ) : (
        <>
          <label class="field">
            <span class="label">Comment</span>
            <textarea
              ref={area}
              rows={3}
              maxLength={10_000}
              value={comment}
              disabled={state === 'saving'}
              placeholder="Why does this matter? (optional)"
              onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <TagsField value={tags} disabled={state === 'saving'} onInput={setTags} />
          <ErrorLine class="error" error={error} />
          <footer>
            <span class="hint">{saveShortcutLabel()} saves · Esc closes</span>
            <button type="submit" class="primary" disabled={state === 'saving'}>
              {state === 'saving' ? 'Saving…' : dirty ? 'Save' : 'Done'}
            </button>
          </footer>
        </>
      )}
      </form>
    </div>
  );
}

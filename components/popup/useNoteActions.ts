/**
 * What the popup's notes list does with the background: open a note's page, save the tab's
 * selection, export what is listed, delete (with undo) and edit. Each outcome becomes the
 * list's one flash message, or a per-note "opening…" state.
 */
import { useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { RequestOf, ToBackground } from '../../lib/messaging/protocol';
import type { Note } from '../../lib/model/note';
import type { NotesExportFormat } from '../../lib/messaging/notes';
import { errorMessage } from '../shared/errors';
import { versionOf } from '../../lib/model/version';
import { plural } from '../shared/format';
import { download } from '../shared/download';
import type { OpenStatus } from './NoteItem';
import type { useNotesQuery } from './useNotesQuery';

export type Flash = { kind: 'info' | 'success' | 'error'; text: string; undo?: Note } | null;
export type ExportFormat = NotesExportFormat;

const FORMAT_LABEL: Record<ExportFormat, string> = { markdown: 'Markdown', json: 'JSON', 'web-annotation': 'Web Annotations', 'readwise-csv': 'Readwise CSV' };

export function useNoteActions(notes: ReturnType<typeof useNotesQuery>, tabId: number | null, onSaved?: () => void) {
  const [opened, setOpened] = useState<Record<string, { status: OpenStatus; error?: string }>>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState<'save' | 'export' | null>(null);

  /** Runs `action`; a failure becomes the flash. */
  const flashing = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      setFlash({ kind: 'error', text: errorMessage(err) });
    }
  };

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
    await flashing(async () => {
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
    });
    setBusy(null);
  };

  const exportAs = async (format: ExportFormat) => {
    setBusy('export');
    await flashing(async () => {
      const r = await ask('notes.export', { ...notes.filters, format });
      download(r.text, r.filename, r.mime);
      setFlash({ kind: 'success', text: `Exported ${plural(r.count, 'note')} as ${FORMAT_LABEL[format]}.` });
    });
    setBusy(null);
  };

  /** Deletes the version listed: a note changed elsewhere meanwhile is not deleted (the list reloads). */
  const remove = (note: Note) =>
    flashing(async () => {
      const r = await ask('note.delete', { id: note.id, baseVersion: versionOf(note) }).finally(() => notes.reload());
      notes.reload();
      if (r.note) setFlash({ kind: 'info', text: 'Note deleted.', undo: r.note });
    });

  const undo = (note: Note) =>
    flashing(async () => {
      await ask('note.restore', { note });
      setFlash(null);
      notes.reload();
    });

  /** Saves over `baseVersion` (the version the editor loaded); "changed elsewhere" rejects with the stored note. */
  const update = async (id: string, patch: RequestOf<ToBackground, 'note.update'>['patch'], baseVersion: number) => {
    notes.replace(await ask('note.update', { id, patch, baseVersion }));
  };

  return { opened, flash, setFlash, busy, openNote, saveSelection, exportAs, remove, undo, update };
}

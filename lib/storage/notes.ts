/** Saved notes (a quote from a page and the reader's comment). Basic; the notes issue deepens it. */
import { Note } from '../model/note';
import { friendlyMessage } from '../model/glossary-file';
import { runTransaction, type Database } from './db';
import { newId } from './ids';
import { ValidationError } from './errors';

/** What the reader saves; the store adds id and createdAt. */
export const NoteInput = Note.omit({ id: true, createdAt: true });
export type NoteInput = import('zod').input<typeof NoteInput>;

/** Every note, newest first. */
export async function listNotes(db: Database): Promise<Note[]> {
  const all = await db.getAllFromIndex('notes', 'by-createdAt');
  return all.reverse();
}

export async function addNote(db: Database, input: NoteInput, now: number): Promise<Note> {
  const fields = NoteInput.safeParse(input, { error: friendlyMessage });
  if (!fields.success) throw ValidationError.fromZod('note', fields.error);
  const r = Note.safeParse({ ...fields.data, id: newId(), createdAt: now }, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod('note', r.error);
  const note = r.data;
  await runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    await tx.objectStore('notes').add(note);
  });
  return note;
}

/** False when there was no such note. */
export async function deleteNote(db: Database, id: string): Promise<boolean> {
  if (typeof id !== 'string' || id === '') return false;
  return runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    const store = tx.objectStore('notes');
    if ((await store.getKey(id)) === undefined) return false;
    await store.delete(id);
    return true;
  });
}

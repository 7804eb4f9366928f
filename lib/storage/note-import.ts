/**
 * Importing notes from another tool's file (Web Annotations: lib/formats/web-annotation.ts) in
 * two steps, as the glossary's import does: what it would do (which notes are already here),
 * then one transaction with the reader's choice per duplicate — skip or keep both. All or
 * nothing.
 *
 * A duplicate is a stored note with the file's note id (a file this extension exported), or on
 * the same page with the same quote and the same comment. Imported notes get new ids, no entity
 * links (the format has no entities) and no anchor state (their page checks them when opened).
 */
import { Note } from '../model/note';
import type { PortableNote } from '../formats/web-annotation';
import { friendlyMessage } from '../model/glossary-file';
import { runTransaction, requestAll, type Database, type Tx } from './db';
import { newId } from './ids';
import { ValidationError } from './errors';
import { readNote } from './notes';

export interface NoteToImport {
  index: number;
  sourceId: string | null;
  note: PortableNote;
}

export type NoteImportChoice = 'skip' | 'keep';

export interface NoteImportOutcome {
  added: number;
  skipped: number;
}

type NotesTx = Tx<['notes'], 'readonly' | 'readwrite'>;

const sameNote = (a: Pick<Note, 'url' | 'quote' | 'comment'>, b: Pick<Note, 'url' | 'quote' | 'comment'>) =>
  a.url === b.url && a.quote === b.quote && a.comment.trim() === b.comment.trim();

/** For each item, the id of the stored note it duplicates, or null. */
async function duplicatesIn(tx: NotesTx, items: readonly NoteToImport[]): Promise<(string | null)[]> {
  const store = tx.objectStore('notes');
  const urls = [...new Set(items.map((i) => i.note.url))];
  const withId = items.filter((i) => i.sourceId !== null).length;
  const [byUrl, ids] = await Promise.all([
    requestAll(urls, (url) => store.index('by-url').getAll(url)),
    // Many ids: every stored key at once (keys only) beats one request per note.
    withId > 100 ? store.getAllKeys().then((keys) => new Set(keys.map(String))) : requestAll(items, (i) => (i.sourceId ? store.getKey(i.sourceId) : Promise.resolve(undefined))).then((keys) => new Set(keys.filter((k) => k !== undefined).map(String))),
  ]);
  const onPage = new Map(urls.map((u, k) => [u, (byUrl[k] ?? []).map(readNote)]));
  return items.map((item) => {
    if (item.sourceId !== null && ids.has(item.sourceId)) return item.sourceId;
    const same = onPage.get(item.note.url)?.find((n) => sameNote(n, item.note));
    return same ? same.id : null;
  });
}

export async function findNoteDuplicates(db: Database, items: readonly NoteToImport[]): Promise<(string | null)[]> {
  return runTransaction(db, ['notes'], 'readonly', (tx) => duplicatesIn(tx, items));
}

/**
 * Add the items as notes: a duplicate is skipped or kept (as a new note) by its choice, else by
 * `defaultChoice`. Every note is checked before the transaction writes anything.
 */
export async function importNotes(
  db: Database,
  items: readonly NoteToImport[],
  choices: { default: NoteImportChoice; byIndex?: Record<string, NoteImportChoice> },
): Promise<NoteImportOutcome> {
  const records = items.map((item) => {
    const r = Note.safeParse({ ...item.note, id: newId(), version: 1, entityIds: [], anchor: null, updatedAt: Math.max(item.note.updatedAt ?? item.note.createdAt, item.note.createdAt) }, { error: friendlyMessage });
    if (!r.success) throw ValidationError.fromZod(`annotation ${item.index}`, r.error);
    return r.data;
  });
  return runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    const dupes = await duplicatesIn(tx, items);
    const store = tx.objectStore('notes');
    let added = 0;
    const writes: Promise<unknown>[] = [];
    items.forEach((item, k) => {
      const choice = dupes[k] ? (choices.byIndex?.[String(item.index)] ?? choices.default) : 'keep';
      if (choice === 'skip') return;
      writes.push(store.add(records[k]!));
      added++;
    });
    await Promise.all(writes);
    return { added, skipped: items.length - added };
  });
}

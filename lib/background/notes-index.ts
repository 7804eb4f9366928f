/**
 * The background's one full-text index of the saved notes, in memory (lib/notes/search.ts):
 * updated in place by each write the note handlers make, rebuilt when the store changed behind
 * its back (an import: the note count or the latest update differ) or an entity's name changed
 * (the index holds names; the glossary revision says when to look).
 */
import type { Database } from '../storage/db';
import { listNotes, notesSignature } from '../storage/notes';
import { NotesIndex } from '../notes/search';
import type { Note } from '../model/note';
import type { NoteEntity, NoteView } from '../messaging/notes';
import type { EntityName, GlossaryCache } from './glossary-cache';

/**
 * While the reader types, the index is checked against the store (note count, last update,
 * glossary revision) at most this often. Writes made here update it at once; the list without
 * search text (the popup opening) always checks, so an import made elsewhere shows at once.
 */
const FRESH_MS = 2_000;

export class NotesIndexCache {
  private index: NotesIndex | null = null;
  private indexed: { count: number; lastUpdate: number; revision: number } | null = null;
  /** The glossary's entities by id, as the index was built with (names and types for views). */
  private names = new Map<string, EntityName>();
  private building: Promise<NotesIndex> | null = null;
  /** When the index was last checked against the store: a burst of keystrokes checks once. */
  private checkedAt = -Infinity;

  constructor(
    private readonly db: () => Promise<Database>,
    private readonly glossary: GlossaryCache,
  ) {}

  /** Whether an index exists yet (the popup's first look after the worker started has none). */
  get ready(): boolean {
    return this.index !== null;
  }

  /** An entity's name and type as the index knows them. */
  entity(id: string): EntityName | undefined {
    return this.names.get(id);
  }

  /** The index, checked against the store unless it was just now (`recheck`: check anyway). */
  async current(recheck = true): Promise<NotesIndex> {
    if (this.index && !recheck && performance.now() - this.checkedAt < FRESH_MS) return this.index;
    const d = await this.db();
    this.checkedAt = performance.now();
    const [sig, snap] = await Promise.all([notesSignature(d), this.glossary.current()]);
    if (this.index && this.indexed && this.indexed.count === sig.count && this.indexed.lastUpdate === sig.lastUpdate) {
      if (this.indexed.revision === snap.revision) return this.index;
      // The glossary changed: rebuild only when a name changed (the index holds names).
      const map = new Map((await snap.entities()).map((e) => [e.id, e]));
      const same = map.size === this.names.size && [...map].every(([id, e]) => this.names.get(id)?.name === e.name);
      this.names = map;
      if (same) {
        this.indexed = { ...this.indexed, revision: snap.revision };
        return this.index;
      }
    }
    this.building ??= (async () => {
      const [notes, entities] = await Promise.all([listNotes(d), snap.entities()]);
      const map = new Map(entities.map((e) => [e.id, e]));
      // The list needs no search index: it is built in slices meanwhile, for the first search.
      const built = new NotesIndex(notes, (id) => map.get(id)?.name, { eager: false });
      void built.build();
      this.names = map;
      this.index = built;
      this.indexed = { ...(await notesSignature(d)), revision: snap.revision };
      return built;
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /**
   * After a write made here: update the index in place and remember the store's new state (so
   * the next query needs no rebuild); then make sure an index (and the entity names) exist.
   */
  async reindex(changes: { put?: Note[]; removed?: string[] }): Promise<void> {
    if (this.index && this.indexed) {
      for (const n of changes.put ?? []) this.index.put(n);
      for (const id of changes.removed ?? []) this.index.remove(id);
      const sig = await notesSignature(await this.db());
      this.indexed = { ...this.indexed, ...sig };
    }
    await this.current();
  }

  /** A note with the names and types of its entities, as the index knows them. */
  view(note: Note): NoteView {
    return { note, entities: entitiesOf(note, (id) => this.names.get(id)) };
  }

  /** view(), once the names are known. */
  async viewOf(note: Note): Promise<NoteView> {
    await this.current();
    return this.view(note);
  }
}

/** A note's entities that exist, with their names and types. */
export function entitiesOf(note: Note, lookup: (id: string) => EntityName | undefined): NoteEntity[] {
  return note.entityIds.flatMap((id) => {
    const e = lookup(id);
    return e ? [{ id: e.id, name: e.name, type: e.type }] : [];
  });
}

/**
 * Saved notes: a quote from a page with the reader's comment, tags and entity links (see
 * docs/notes.md). Every write is one transaction.
 *
 * Content scripts never write notes through here directly. The background saves a note when the
 * reader asks in the browser's own UI (context menu, shortcut, popup), and may hand the tab a
 * one-time *grant* to add a comment and tags to the note it just saved (`annotateWithGrant`).
 * Grants live in the `meta` store, so they survive the service worker being stopped while the
 * reader types.
 */
import { z } from 'zod';
import { Note, NotePatch, NoteAnchor, noteUpdatedAt, type NotePatch as NotePatchInput } from '../model/note';
import { EntityId, MAX_NOTES_LENGTH, uniqueTags } from '../model/entity';
import { friendlyMessage } from '../model/glossary-file';
import { runTransaction, requestAll, type Database } from './db';
import { newId } from './ids';
import { NotFoundError, StorageError, ValidationError } from './errors';
import { checkEntityVersion, checkNoteVersion } from './versions';
import { nextVersion } from '../model/version';
import { bumpRevision, checkedEntity, fromStored, toStored } from './entities';
import { escapeMarkdown, markdownUrl } from '../notes/export';

/** What the reader saves; the store adds id, createdAt, updatedAt, anchor and version. */
export const NoteInput = Note.omit({ id: true, createdAt: true, updatedAt: true, anchor: true, version: true });
export type NoteInput = z.input<typeof NoteInput>;

/** Keys of the `meta` store used here. */
export const META_NOTE_GRANTS = 'noteGrants';

/** How long the tab that saved a note may add its comment and tags. */
export const ANNOTATE_GRANT_MS = 5 * 60 * 1000;
/** At most this many grants are kept (one per save; older ones are dropped). */
const MAX_GRANTS = 50;

export interface NoteGrant {
  noteId: string;
  tabId: number;
  expiresAt: number;
}

const GrantRecord = z.record(
  z.string(),
  z.strictObject({ noteId: z.string(), tabId: z.number().int(), expiresAt: z.number() }),
);

function readGrants(value: unknown, now: number): Record<string, NoteGrant> {
  const parsed = GrantRecord.safeParse(value);
  if (!parsed.success) return {};
  const out: Record<string, NoteGrant> = {};
  const live = Object.entries(parsed.data).filter(([, g]) => g.expiresAt > now);
  live.sort((a, b) => b[1].expiresAt - a[1].expiresAt);
  for (const [k, g] of live.slice(0, MAX_GRANTS)) out[k] = g;
  return out;
}

/** The canonical stored shape: tags and entity ids without repeats, updatedAt always set. */
function canonicalNote(note: Note): Note {
  return {
    ...note,
    tags: uniqueTags(note.tags),
    entityIds: [...new Set(note.entityIds)],
    updatedAt: noteUpdatedAt(note),
  };
}

function checkedNote(record: unknown, what = 'note'): Note {
  const r = Note.safeParse(record, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod(what, r.error);
  return canonicalNote(r.data);
}

/**
 * A record as read: every field a note has (a record written by other code — an old version, a
 * restore — may lack some; the defaults are those of the model). Cheap: no validation.
 */
export function readNote(raw: Note): Note {
  const r = raw as Partial<Note> & Pick<Note, 'id' | 'quote' | 'url' | 'title' | 'createdAt'>;
  if (Array.isArray(r.tags) && Array.isArray(r.entityIds) && r.selector !== undefined && r.anchor !== undefined && typeof r.site === 'string' && typeof r.comment === 'string') {
    return raw;
  }
  return {
    ...r,
    comment: typeof r.comment === 'string' ? r.comment : '',
    site: typeof r.site === 'string' ? r.site : '',
    selector: r.selector ?? null,
    tags: Array.isArray(r.tags) ? r.tags : [],
    entityIds: Array.isArray(r.entityIds) ? r.entityIds : [],
    anchor: r.anchor ?? null,
  };
}

/** Every note, newest first. */
export async function listNotes(db: Database): Promise<Note[]> {
  const all = await db.getAllFromIndex('notes', 'by-createdAt');
  return all.reverse().map(readNote);
}

export async function getNote(db: Database, id: string): Promise<Note | undefined> {
  if (typeof id !== 'string' || id === '') return undefined;
  const n = await db.get('notes', id);
  return n && readNote(n);
}

/** One page of the newest notes, read with a cursor (without reading every note), and how many there are. */
export async function newestNotes(db: Database, offset: number, limit: number): Promise<{ notes: Note[]; total: number }> {
  return runTransaction(db, ['notes'], 'readonly', async (tx) => {
    const store = tx.objectStore('notes');
    const total = await store.count();
    const notes: Note[] = [];
    let cursor = await store.index('by-createdAt').openCursor(null, 'prev');
    if (cursor && offset > 0) cursor = await cursor.advance(offset);
    for (; cursor && notes.length < limit; cursor = await cursor.continue()) notes.push(readNote(cursor.value));
    return { notes, total };
  });
}

/** The notes saved on one page (by canonical URL), oldest first. */
export async function notesForUrl(db: Database, url: string): Promise<Note[]> {
  const notes = await db.getAllFromIndex('notes', 'by-url', url);
  return notes.map(readNote).sort((a, b) => a.createdAt - b.createdAt);
}

/** The notes linked to an entity. */
export async function notesOfEntity(db: Database, entityId: string): Promise<Note[]> {
  return db.getAllFromIndex('notes', 'by-entity', entityId);
}

/**
 * How many notes there are and when the last one changed: enough to tell whether an in-memory
 * search index still mirrors the store (an import or another writer changes one or the other).
 */
export async function notesSignature(db: Database): Promise<{ count: number; lastUpdate: number }> {
  return runTransaction(db, ['notes'], 'readonly', async (tx) => {
    const store = tx.objectStore('notes');
    const [count, last] = await Promise.all([store.count(), store.index('by-updatedAt').openCursor(null, 'prev')]);
    return { count, lastUpdate: last?.value.updatedAt ?? 0 };
  });
}

export interface AddNoteOptions {
  /** Let this tab add a comment and tags to the new note, once, for ANNOTATE_GRANT_MS. */
  grantTab?: number;
}

/** Save a note. With `grantTab`, also returns the one-time grant token for that tab. */
export async function addNote(db: Database, input: NoteInput, now: number): Promise<Note>;
export async function addNote(db: Database, input: NoteInput, now: number, options: AddNoteOptions): Promise<Note & { grant?: string }>;
export async function addNote(db: Database, input: NoteInput, now: number, options: AddNoteOptions = {}): Promise<Note & { grant?: string }> {
  const fields = NoteInput.safeParse(input, { error: friendlyMessage });
  if (!fields.success) throw ValidationError.fromZod('note', fields.error);
  const note = checkedNote({ ...fields.data, id: newId(), createdAt: now, updatedAt: now, version: 1 });
  return runTransaction(db, ['notes', 'meta'], 'readwrite', async (tx) => {
    await tx.objectStore('notes').add(note);
    if (options.grantTab === undefined) return note;
    const meta = tx.objectStore('meta');
    const grants = readGrants(await meta.get(META_NOTE_GRANTS), now);
    const token = newId();
    grants[token] = { noteId: note.id, tabId: options.grantTab, expiresAt: now + ANNOTATE_GRANT_MS };
    await meta.put(readGrants(grants, now), META_NOTE_GRANTS);
    return { ...note, grant: token };
  });
}

/**
 * Change a note's comment, tags or entity links. With `baseVersion` (the version the editor
 * loaded), a note changed since is not overwritten: ChangedElsewhereError (docs/versioning.md).
 */
export async function updateNote(db: Database, id: string, patch: NotePatchInput, now: number, baseVersion?: number): Promise<Note> {
  const p = NotePatch.safeParse(patch, { error: friendlyMessage });
  if (!p.success) throw ValidationError.fromZod('note', p.error);
  return runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    const store = tx.objectStore('notes');
    const stored = await store.get(id);
    checkNoteVersion(id, stored && readNote(stored), baseVersion);
    if (!stored) throw new NotFoundError('notes', id);
    const existing = readNote(stored);
    const next = checkedNote({ ...existing, ...stripUndefined(p.data), updatedAt: Math.max(now, noteUpdatedAt(existing)), version: nextVersion(existing) });
    await store.put(next);
    return next;
  });
}

/**
 * Add a comment and tags to the note a tab was just allowed to (see addNote's `grantTab`): the
 * grant must exist, be for this tab, not have expired; it is used up either way.
 */
export async function annotateWithGrant(
  db: Database,
  request: { grant: string; tabId: number | undefined; comment: string; tags: string[] },
  now: number,
): Promise<Note> {
  const p = NotePatch.pick({ comment: true, tags: true }).safeParse({ comment: request.comment, tags: request.tags }, { error: friendlyMessage });
  if (!p.success) throw ValidationError.fromZod('note', p.error);
  return runTransaction(db, ['notes', 'meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const grants = readGrants(await meta.get(META_NOTE_GRANTS), now);
    const grant = Object.prototype.hasOwnProperty.call(grants, request.grant) ? grants[request.grant] : undefined;
    if (!grant || request.tabId === undefined || grant.tabId !== request.tabId) {
      throw new StorageError('This note can no longer be changed from the page. Edit it in the popup.');
    }
    delete grants[request.grant];
    await meta.put(grants, META_NOTE_GRANTS);
    const store = tx.objectStore('notes');
    const stored = await store.get(grant.noteId);
    if (!stored) throw new NotFoundError('notes', grant.noteId);
    const existing = readNote(stored);
    const next = checkedNote({ ...existing, comment: p.data.comment ?? '', tags: p.data.tags ?? [], updatedAt: Math.max(now, noteUpdatedAt(existing)), version: nextVersion(existing) });
    await store.put(next);
    return next;
  });
}

/**
 * A note about one entity, on one page, without a quote (the tooltip's "Add note"). With
 * `appendToEntity`, the comment is also appended to the entity's background notes (after a
 * blank line, with where it came from), in the same transaction.
 */
export async function attachNote(
  db: Database,
  input: { entityId: string; comment: string; tags: string[]; url: string; title: string; site: string; appendToEntity: boolean; entityVersion?: number },
  now: number,
): Promise<{ note: Note; appended: boolean }> {
  if (!EntityId.safeParse(input.entityId).success) throw new NotFoundError('entities', input.entityId);
  const comment = input.comment.trim();
  if (!comment) throw new ValidationError('note', ['comment: must not be empty']);
  const fields = NoteInput.safeParse(
    { quote: '', comment, url: input.url, title: input.title, site: input.site, tags: input.tags, entityIds: [input.entityId] },
    { error: friendlyMessage },
  );
  if (!fields.success) throw ValidationError.fromZod('note', fields.error);
  const note = checkedNote({ ...fields.data, id: newId(), createdAt: now, updatedAt: now, version: 1 });
  return runTransaction(db, ['notes', 'entities', 'meta'], 'readwrite', async (tx) => {
    const entities = tx.objectStore('entities');
    const stored = await entities.get(input.entityId);
    if (!stored) throw new NotFoundError('entities', input.entityId);
    let appended = false;
    if (input.appendToEntity) {
      const entity = fromStored(stored);
      // Appended to notes the reader did not see (changed elsewhere since the card loaded): refused, nothing written.
      checkEntityVersion(input.entityId, entity, input.entityVersion);
      const addition = `${comment}\n\n*From* ${markdownLink(input.title || input.url, input.url)}, ${new Date(now).toISOString().slice(0, 10)}`;
      const notes = entity.notes.trim() ? `${entity.notes.replace(/\s+$/, '')}\n\n${addition}` : addition;
      if (notes.length > MAX_NOTES_LENGTH) {
        throw new ValidationError('note', [`the entity's notes would pass ${MAX_NOTES_LENGTH.toLocaleString('en')} characters`]);
      }
      await entities.put(toStored(checkedEntity({ ...entity, notes, updatedAt: now, version: nextVersion(entity) })));
      await bumpRevision(tx.objectStore('meta'));
      appended = true;
    }
    await tx.objectStore('notes').add(note);
    return { note, appended };
  });
}

/** A Markdown link whose text and address cannot break out of it. */
export function markdownLink(text: string, url: string): string {
  return `[${escapeMarkdown(text.replace(/\s+/g, ' ').trim())}](${markdownUrl(url)})`;
}

/** Record where quotes were found (or not); writes only notes whose status changed, and returns them. */
export async function setAnchors(db: Database, updates: { id: string; status: NoteAnchor['status'] }[], now: number): Promise<Note[]> {
  if (!updates.length) return [];
  return runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    const store = tx.objectStore('notes');
    const existing = await requestAll(updates, (u) => store.get(u.id));
    const changed: Note[] = [];
    const writes: Promise<unknown>[] = [];
    updates.forEach((u, i) => {
      const note = existing[i] && readNote(existing[i]);
      if (!note || note.anchor?.status === u.status) return;
      // Not a change the reader made: updatedAt stays.
      const next = { ...note, anchor: { status: u.status, checkedAt: now } };
      changed.push(next);
      writes.push(store.put(next));
    });
    await Promise.all(writes);
    return changed;
  });
}

/** False when there was no such note. */
export async function deleteNote(db: Database, id: string, baseVersion?: number): Promise<boolean> {
  return (await removeNote(db, id, baseVersion)) !== null;
}

/** Delete a note; returns it (for undo), or null when there was none. */
export async function removeNote(db: Database, id: string, baseVersion?: number): Promise<Note | null> {
  if (typeof id !== 'string' || id === '') return null;
  return runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    const store = tx.objectStore('notes');
    const note = await store.get(id);
    if (!note) return null;
    checkNoteVersion(id, readNote(note), baseVersion);
    await store.delete(id);
    return note;
  });
}

/** Put back a deleted note exactly (undo). */
export async function restoreNote(db: Database, note: unknown): Promise<Note> {
  // Exactly as it was, version included: an editor still open on it holds the same text.
  const checked = checkedNote(note);
  await runTransaction(db, ['notes'], 'readwrite', async (tx) => {
    await tx.objectStore('notes').put(checked);
  });
  return checked;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

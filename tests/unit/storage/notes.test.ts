import { describe, expect, it } from 'vitest';
import { T0, freshDb, input } from './helpers';
import {
  ANNOTATE_GRANT_MS,
  addNote,
  annotateWithGrant,
  attachNote,
  deleteNote,
  getNote,
  listNotes,
  notesForUrl,
  notesOfEntity,
  notesSignature,
  removeNote,
  restoreNote,
  setAnchors,
  updateNote,
} from '../../../lib/storage/notes';
import { createEntity, getGlossaryRevision, listEntities } from '../../../lib/storage/entities';
import { ValidationError } from '../../../lib/storage/errors';

describe('notes', () => {
  it('adds, lists newest first, deletes', async () => {
    const { db } = await freshDb();
    const a = await addNote(db, { quote: 'q1', url: 'https://example.com/1', title: 'One' }, T0);
    const b = await addNote(db, { quote: 'q2', comment: 'mine', url: 'https://example.com/2', title: 'Two' }, T0 + 1);
    expect(a).toMatchObject({ quote: 'q1', comment: '', createdAt: T0 });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await listNotes(db)).toEqual([b, a]);
    expect(await deleteNote(db, a.id)).toBe(true);
    expect(await deleteNote(db, a.id)).toBe(false);
    expect(await listNotes(db)).toEqual([b]);
  });

  it('validates notes', async () => {
    const { db } = await freshDb();
    await expect(addNote(db, { quote: 'q', url: 'javascript:alert(1)', title: 't' }, T0)).rejects.toBeInstanceOf(ValidationError);
    await expect(addNote(db, { quote: 'q', url: 'https://e.com/', title: 't', id: 'x' } as never, T0)).rejects.toThrow(/id: unknown field/);
    expect(await listNotes(db)).toEqual([]);
  });
});

describe('notes (v3)', () => {
  const sel = { exact: 'quoted words', prefix: 'some ', suffix: ' here', position: 5, textLength: 40 };

  it('keeps selector, site, tags (no repeats) and entity links; updates only what is patched', async () => {
    const { db } = await freshDb();
    const n = await addNote(db, { quote: 'quoted words', url: 'https://example.com/1', title: 'One', site: 'Example', selector: sel, tags: ['Iran', 'iran', ' protests '], entityIds: ['e1', 'e1'] }, T0);
    expect(n).toMatchObject({ selector: sel, site: 'Example', tags: ['Iran', 'protests'], entityIds: ['e1'], updatedAt: T0, anchor: null });
    const u = await updateNote(db, n.id, { comment: 'why it matters' }, T0 + 5);
    expect(u).toEqual({ ...n, comment: 'why it matters', updatedAt: T0 + 5, version: 2 });
    await expect(updateNote(db, 'nope', { comment: 'x' }, T0)).rejects.toThrow(/does not exist/);
    await expect(updateNote(db, n.id, { tags: ['a,b'] }, T0)).rejects.toBeInstanceOf(ValidationError);
    expect(await getNote(db, n.id)).toEqual(u);
  });

  it('finds the notes of a page and of an entity', async () => {
    const { db } = await freshDb();
    const a = await addNote(db, { quote: 'a', url: 'https://example.com/1', title: 'One', entityIds: ['e1'] }, T0);
    const b = await addNote(db, { quote: 'b', url: 'https://example.com/1', title: 'One' }, T0 + 1);
    await addNote(db, { quote: 'c', url: 'https://example.com/2', title: 'Two', entityIds: ['e2'] }, T0 + 2);
    expect((await notesForUrl(db, 'https://example.com/1')).map((n) => n.id)).toEqual([a.id, b.id]);
    expect((await notesOfEntity(db, 'e1')).map((n) => n.id)).toEqual([a.id]);
    expect(await notesSignature(db)).toEqual({ count: 3, lastUpdate: T0 + 2 });
  });

  it('a grant lets one tab annotate the note it saved, once, for a few minutes', async () => {
    const { db } = await freshDb();
    const saved = await addNote(db, { quote: 'q', url: 'https://example.com/1', title: 'One', selector: sel }, T0, { grantTab: 4 });
    expect(saved.grant).toMatch(/^[0-9a-f]{32}$/);
    const grant = saved.grant!;
    // Another tab may not.
    await expect(annotateWithGrant(db, { grant, tabId: 5, comment: 'x', tags: [] }, T0 + 1)).rejects.toThrow(/can no longer be changed/);
    // ... and trying used the grant up? No: a refused attempt from another tab leaves it (it was never this tab's).
    const { grant: other } = await addNote(db, { quote: 'q2', url: 'https://example.com/1', title: 'One' }, T0, { grantTab: 4 });
    const done = await annotateWithGrant(db, { grant, tabId: 4, comment: 'mine', tags: ['a', 'A'] }, T0 + 2);
    expect(done).toMatchObject({ id: saved.id, comment: 'mine', tags: ['a'], updatedAt: T0 + 2 });
    // Once only.
    await expect(annotateWithGrant(db, { grant, tabId: 4, comment: 'again', tags: [] }, T0 + 3)).rejects.toThrow(/can no longer be changed/);
    // Not after it expired.
    await expect(annotateWithGrant(db, { grant: other!, tabId: 4, comment: 'late', tags: [] }, T0 + ANNOTATE_GRANT_MS + 1)).rejects.toThrow(/can no longer/);
    expect((await getNote(db, saved.id))!.comment).toBe('mine');
  });

  it('a note about an entity can be appended to its notes, in one transaction', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('Maryam Rajavi', { notes: 'Leader of the NCRI.' }), T0);
    const rev = await getGlossaryRevision(db);
    const r = await attachNote(db, { entityId: e.id, comment: 'Spoke in *Paris*', tags: [], url: 'https://example.com/a', title: 'A [title]', site: 'Example', appendToEntity: true }, T0 + 10);
    expect(r.appended).toBe(true);
    expect(r.note).toMatchObject({ quote: '', selector: null, entityIds: [e.id], comment: 'Spoke in *Paris*' });
    const after = (await listEntities(db))[0]!;
    expect(after.notes).toBe('Leader of the NCRI.\n\nSpoke in *Paris*\n\n*From* [A \\[title\\]](https://example.com/a), 2024-05-01');
    expect(await getGlossaryRevision(db)).toBe(rev + 1);
    // Without appending, the entity is untouched.
    await attachNote(db, { entityId: e.id, comment: 'second', tags: [], url: 'https://example.com/a', title: 'A', site: 'Example', appendToEntity: false }, T0 + 11);
    expect((await listEntities(db))[0]!.notes).toBe(after.notes);
    // An unknown entity: nothing written.
    await expect(attachNote(db, { entityId: 'nope', comment: 'x', tags: [], url: 'https://example.com/a', title: 'A', site: '', appendToEntity: true }, T0)).rejects.toThrow(/does not exist/);
    expect(await notesOfEntity(db, e.id)).toHaveLength(2);
    expect((await listNotes(db)).length).toBe(2);
  });

  it('records where quotes were found, writing only changes, and restores a deleted note exactly', async () => {
    const { db } = await freshDb();
    const n = await addNote(db, { quote: 'q', url: 'https://example.com/1', title: 'One', selector: sel }, T0);
    expect((await setAnchors(db, [{ id: n.id, status: 'missing' }], T0 + 1)).map((x) => x.anchor)).toEqual([{ status: 'missing', checkedAt: T0 + 1 }]);
    expect(await setAnchors(db, [{ id: n.id, status: 'missing' }], T0 + 2)).toEqual([]);
    const kept = (await getNote(db, n.id))!;
    expect(kept.updatedAt).toBe(T0);
    const removed = await removeNote(db, n.id);
    expect(removed).toEqual(kept);
    expect(await listNotes(db)).toEqual([]);
    expect(await restoreNote(db, removed)).toEqual(kept);
    expect(await listNotes(db)).toEqual([kept]);
  });
});

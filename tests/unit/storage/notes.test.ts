import { describe, expect, it } from 'vitest';
import { T0, freshDb } from './helpers';
import { addNote, deleteNote, listNotes } from '../../../lib/storage/notes';
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

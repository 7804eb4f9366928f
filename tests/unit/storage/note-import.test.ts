import { describe, expect, it } from 'vitest';
import { T0, freshDb } from './helpers';
import { addNote, listNotes, notesForUrl } from '../../../lib/storage/notes';
import { findNoteDuplicates, importNotes } from '../../../lib/storage/note-import';
import { readAnnotationFile } from '../../../lib/background/note-format-handlers';
import { notesToWebAnnotation } from '../../../lib/formats/web-annotation';
import type { Note } from '../../../lib/model/note';

const portable = (n: Note) => ({ quote: n.quote, comment: n.comment, url: n.url, title: n.title, site: n.site, selector: n.selector, tags: n.tags, createdAt: n.createdAt, updatedAt: n.updatedAt });

async function saved() {
  const { db } = await freshDb();
  await addNote(db, { quote: 'שלום עולם, "quoted"', comment: 'line one\nline two', url: 'https://example.com/a', title: 'RTL', site: 'Example', tags: ['iran', 'elections 2024'], selector: { exact: 'שלום עולם, "quoted"', prefix: 'before ', suffix: ' after', position: 12, textLength: 400 } }, T0);
  await addNote(db, { quote: 'plain', url: 'https://example.com/b', title: 'B', site: 'Example' }, T0 + 1);
  return db;
}

describe('importing Web Annotations into the store', () => {
  it('ours → Web Annotation file → a fresh store: the same notes, found by their page', async () => {
    const notes = await listNotes(await saved());
    const file = notesToWebAnnotation(notes, T0 + 10);
    const { db } = await freshDb();
    const read = readAnnotationFile(file, T0 + 20);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(await findNoteDuplicates(db, read.items)).toEqual([null, null]);
    expect(await importNotes(db, read.items, { default: 'skip' })).toEqual({ added: 2, skipped: 0 });
    const back = await listNotes(db);
    expect(back.map(portable)).toEqual(notes.map(portable));
    expect(back.every((n) => n.version === 1 && n.entityIds.length === 0 && n.anchor === null)).toBe(true);
    expect((await notesForUrl(db, 'https://example.com/a')).map((n) => n.quote)).toEqual(['שלום עולם, "quoted"']);
  });

  it('a note already here is a duplicate (by id, or same page, quote and comment): skip or keep both', async () => {
    const db = await saved();
    const file = notesToWebAnnotation(await listNotes(db), T0 + 10);
    const read = readAnnotationFile(file, T0);
    if (!read.ok) throw new Error(read.errors.join());
    expect((await findNoteDuplicates(db, read.items)).every((d) => typeof d === 'string')).toBe(true);
    expect(await importNotes(db, read.items, { default: 'skip' })).toEqual({ added: 0, skipped: 2 });
    expect(await importNotes(db, read.items, { default: 'skip', byIndex: { '1': 'keep' } })).toEqual({ added: 1, skipped: 1 });
    expect((await listNotes(db)).length).toBe(3);
    // Without our id (a Hypothesis file): the same page, quote and comment still match.
    const hyp = JSON.stringify([{ uri: 'https://example.com/b#frag', text: '', target: [{ source: 'https://example.com/b#frag', selector: [{ type: 'TextQuoteSelector', exact: 'plain' }] }] }]);
    const r = readAnnotationFile(hyp, T0);
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.items[0]!.note.url).toBe('https://example.com/b');
    expect((await findNoteDuplicates(db, r.items))[0]).toEqual(expect.any(String));
  });

  it('a bad file is refused with its problems named, and nothing is written', async () => {
    const db = await saved();
    const before = await listNotes(db);
    for (const text of ['', '{not json', '{"format":"news-context-reader/glossary"}', JSON.stringify([{ type: 'Annotation', created: 'soon', target: { source: 'https://e.com/', selector: { type: 'TextQuoteSelector', exact: 'x' } } }])]) {
      const r = readAnnotationFile(text, T0);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }
    const r = readAnnotationFile(JSON.stringify([{ type: 'Annotation', created: 'soon', target: 'https://e.com/' }]), T0);
    expect(r).toEqual({ ok: false, errors: [expect.stringMatching(/^\[0\]\.created: expected a date/)] });
    // A record the model refuses makes the whole import fail before the transaction writes.
    await expect(
      importNotes(db, [
        { index: 0, sourceId: null, note: { quote: 'ok', comment: '', url: 'https://e.com/1', title: '', site: '', selector: null, tags: [], createdAt: T0, updatedAt: T0 } },
        { index: 1, sourceId: null, note: { quote: 'x'.repeat(20_000), comment: '', url: 'https://e.com/2', title: '', site: '', selector: null, tags: [], createdAt: T0, updatedAt: T0 } },
      ], { default: 'keep' }),
    ).rejects.toThrow(/annotation 1/);
    expect(await listNotes(db)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { READWISE_COLUMNS, notesToReadwiseCsv, readwiseRows } from '../../../lib/formats/readwise-csv';
import { noteArb } from './note-arbitraries';
import type { Note } from '../../../lib/model/note';

const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe('Readwise CSV export', () => {
  it('parses back with papaparse to the same rows, every cell as written (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 8 }), (notes) => {
        const { text, count } = notesToReadwiseCsv(notes);
        const parsed = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { header: false });
        expect(parsed.errors).toEqual([]);
        const [header, ...rows] = parsed.data;
        expect(header).toEqual([...READWISE_COLUMNS]);
        expect(rows).toEqual(readwiseRows(notes));
        expect(count).toBe(notes.length);
        // Each row is its note: the quote, title, site, URL, comment (lone surrogates as U+FFFD).
        rows.forEach((row, i) => {
          const n = notes[i]!;
          expect(row.slice(0, 5)).toEqual([n.quote, n.title, n.site, n.url, n.comment].map(wellFormed));
          expect(row[5]).toBe(n.selector ? String(n.selector.position) : '');
          expect(Date.parse(row[6]!)).toBe(Math.floor(n.createdAt / 1000) * 1000);
          expect(row[7]).toBe(n.tags.join(', '));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('quotes what needs quoting, and leaves out notes without a quote', () => {
    const base: Note = { id: 'a', quote: 'He said, "no"\nand left', comment: '', url: 'https://e.com/a', title: 'T', site: 'S', selector: null, tags: ['x', 'y z'], entityIds: [], createdAt: Date.UTC(2024, 0, 2, 3, 4, 5), updatedAt: undefined, anchor: null, version: 1 };
    const { text, count } = notesToReadwiseCsv([base, { ...base, id: 'b', quote: '', comment: 'about an entity' }]);
    expect(count).toBe(1);
    expect(text).toBe('Highlight,Title,Author,URL,Note,Location,Date,Tags\r\n"He said, ""no""\nand left",T,S,https://e.com/a,,,2024-01-02T03:04:05Z,"x, y z"\r\n');
  });
});

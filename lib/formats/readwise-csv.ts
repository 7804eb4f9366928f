/**
 * Saved quotes as a Readwise CSV import file (Readwise's documented columns: Highlight, Title,
 * Author, URL, Note, Location, Date; plus Tags). Pure.
 *
 * - One row per note with a quote (a note about an entity has no highlight to review: left out).
 * - Author is the site's name (a news page's author is not something a note records).
 * - Location is where the quote starts in the page's text (a character offset): Readwise orders a
 *   document's highlights by it.
 * - Date is ISO 8601 in UTC; Tags are the note's tags, comma-separated.
 * - Quoting is papaparse's: a cell with a comma, a quote, a line break or outer spaces is quoted.
 *   Cells are written as they are (no "'" before "=" or "-" as the glossary's spreadsheet CSV
 *   does): the file is for Readwise, where that mark would show on every such highlight.
 * - A lone surrogate (half an emoji) has no UTF-8 form: it is written as U+FFFD, as the download
 *   would do anyway.
 */
import Papa from 'papaparse';
import type { Note } from '../model/note';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date', 'Tags'] as const;

const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The rows the file holds, in READWISE_COLUMNS order (what papaparse reads back). */
export function readwiseRows(notes: readonly Note[]): string[][] {
  return notes
    .filter((n) => n.quote.trim() !== '')
    .map((n) =>
      [
        n.quote,
        n.title,
        n.site,
        n.url,
        n.comment,
        n.selector ? String(n.selector.position) : '',
        new Date(n.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        n.tags.join(', '),
      ].map(wellFormed),
    );
}

export function notesToReadwiseCsv(notes: readonly Note[]): { text: string; count: number } {
  const rows = readwiseRows(notes);
  // One line end after the last row (papaparse ends a header-only file with one already).
  const text = `${Papa.unparse({ fields: [...READWISE_COLUMNS], data: rows }, { newline: '\r\n', quotes: false }).replace(/(?:\r\n)+$/, '')}\r\n`;
  return { text, count: rows.length };
}

export function readwiseFileName(now: number): string {
  return `notes-${new Date(now).toISOString().slice(0, 10)}.readwise.csv`;
}

import { describe, expect, it } from 'vitest';
import { Marked } from 'marked';
import { escapeMarkdown, groupByArticle, notesFileName, notesToJson, notesToMarkdown } from '../../../lib/notes/export';
import type { Note } from '../../../lib/model/note';

const T0 = Date.UTC(2025, 2, 12, 10, 0);
const base: Omit<Note, 'id' | 'createdAt'> = {
  quote: '',
  comment: '',
  url: 'https://news.example/a',
  title: 'Article A',
  site: 'News',
  selector: null,
  tags: [],
  entityIds: [],
  anchor: null,
};
const n = (id: string, createdAt: number, f: Partial<Note>): Note => ({ ...base, id, createdAt, updatedAt: createdAt, ...f });
const sel = (position: number) => ({ exact: 'x', prefix: '', suffix: '', position, textLength: 1000 });
const names: Record<string, { name: string }> = { mek: { name: 'MEK' }, rajavi: { name: 'Maryam Rajavi' } };
const lookup = (id: string) => names[id];

describe('Markdown export', () => {
  const notes = [
    n('a2', T0 + 2, { quote: 'Second paragraph quote.', comment: 'Later in the text.', selector: sel(500), entityIds: ['mek', 'gone'], tags: ['iran'] }),
    n('a1', T0 + 1, { quote: 'First paragraph quote.\nOn two lines.', comment: 'My comment', selector: sel(100) }),
    n('b1', T0 + 5, { url: 'https://other.example/b?x=(1)', title: 'Article B', site: 'Other', quote: 'Quote from B', anchor: { status: 'missing', checkedAt: T0 + 6 } }),
    n('b2', T0 + 3, { url: 'https://other.example/b?x=(1)', title: '', site: 'Other', comment: 'About Rajavi, no quote', entityIds: ['rajavi'] }),
  ];

  it('groups by article (most recent first), notes in reading order: quote, comment, link', () => {
    const md = notesToMarkdown(notes, lookup, T0 + 10);
    expect(md).toBe(
      [
        '# Notes',
        '',
        'Exported from News Context Reader on 2025-03-12: 4 notes from 2 articles.',
        '',
        '## [Article B](https://other.example/b?x=%281%29)',
        '',
        'Other · <https://other.example/b?x=%281%29>',
        '',
        // Neither has a position on the page: in the order they were saved.
        'About Rajavi, no quote',
        '',
        '*About: Maryam Rajavi · Saved 2025-03-12*',
        '',
        '> Quote from B',
        '',
        '*Quote not found on the page when last checked · Saved 2025-03-12*',
        '',
        '## [Article A](https://news.example/a)',
        '',
        'News · <https://news.example/a>',
        '',
        '> First paragraph quote.',
        '> On two lines.',
        '',
        'My comment',
        '',
        '*Saved 2025-03-12*',
        '',
        '> Second paragraph quote.',
        '',
        'Later in the text.',
        '',
        '*About: MEK · Tags: \\#iran · Saved 2025-03-12*',
        '',
      ].join('\n'),
    );
    expect(groupByArticle(notes).map((g) => g.notes.map((x) => x.id))).toEqual([['b2', 'b1'], ['a1', 'a2']]);
  });

  it('never lets a quote, comment or title become markup', async () => {
    const evil = n('x', T0, {
      title: 'Evil](javascript:alert(1)) <img src=x onerror=alert(1)>',
      quote: '<script>alert(1)</script> **bold** [link](javascript:alert(2)) # heading\n- item\n1. one',
      comment: '&lt;b&gt; `code` ~~strike~~ | table |\n> quote',
    });
    const md = notesToMarkdown([evil], lookup, T0);
    const html = await new Marked({ gfm: true }).parse(md);
    expect(html).not.toMatch(/<script|<img|<strong|<code|<del|<table|<li|<ol|<ul|<h[2-6]>(?!<a)|href="javascript/i);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    // The one emphasis is the line of details the export writes itself.
    expect(html.match(/<em>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; **bold** [link](javascript:alert(2)) # heading');
    expect(html).toContain('&amp;lt;b&amp;gt;');
    // The only links are to the article itself (its heading and its address).
    expect(html.match(/<a [^>]*>/g)).toEqual(['<a href="https://news.example/a">', '<a href="https://news.example/a">']);
  });

  it('escapes only what Markdown would act on', () => {
    expect(escapeMarkdown('Iran–Iraq war, 1988. Mojahedin-e Khalq (MEK)!')).toBe('Iran–Iraq war, 1988. Mojahedin-e Khalq (MEK)!');
    expect(escapeMarkdown('1988. It began')).toBe('1988\\. It began');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
  });
});

describe('JSON export', () => {
  it('has every field, entity names next to ids, ISO dates', () => {
    const note = n('a', T0, { quote: 'q', comment: 'c', tags: ['t'], entityIds: ['mek', 'gone'], selector: sel(3), anchor: { status: 'found', checkedAt: T0 + 1 } });
    const doc = JSON.parse(notesToJson([note], lookup, T0 + 9));
    expect(doc).toEqual({
      format: 'news-context-reader/notes',
      version: 1,
      exportedAt: new Date(T0 + 9).toISOString(),
      count: 1,
      notes: [
        {
          id: 'a',
          url: 'https://news.example/a',
          title: 'Article A',
          site: 'News',
          createdAt: new Date(T0).toISOString(),
          updatedAt: new Date(T0).toISOString(),
          quote: 'q',
          comment: 'c',
          tags: ['t'],
          entities: [
            { id: 'mek', name: 'MEK' },
            { id: 'gone', name: null },
          ],
          selector: sel(3),
          anchor: { status: 'found', checkedAt: new Date(T0 + 1).toISOString() },
        },
      ],
    });
    expect(notesFileName('markdown', T0)).toBe('notes-2025-03-12.md');
    expect(notesFileName('json', T0)).toBe('notes-2025-03-12.json');
  });
});

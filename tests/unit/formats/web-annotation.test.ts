import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAnnotationDocument, notesToWebAnnotation, parseWebAnnotations } from '../../../lib/formats/web-annotation';
import { noteArb } from './note-arbitraries';
import type { Note } from '../../../lib/model/note';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

/** What the format holds of a note: everything but local links (entities) and state (anchor, version). */
const portable = (n: Note) => ({
  quote: n.quote,
  comment: n.comment,
  url: n.url,
  title: n.title,
  site: n.site,
  selector: n.selector,
  tags: n.tags,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt ?? n.createdAt,
});

describe('Web Annotation export and import', () => {
  it('round trip: ours → Web Annotation JSON-LD → ours keeps every field the format holds (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 6 }), (notes) => {
        const text = notesToWebAnnotation(notes, NOW);
        const r = parseWebAnnotations(JSON.parse(text), NOW);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.skipped).toEqual([]);
        expect(r.annotations.map((a) => a.note)).toEqual(notes.map(portable));
        expect(r.annotations.map((a) => a.sourceId)).toEqual(notes.map((n) => n.id));
      }),
      { numRuns: 200 },
    );
  });

  it('writes an AnnotationCollection with W3C selectors, bodies and dates', () => {
    const note: Note = {
      id: 'abc',
      quote: 'the quote',
      comment: 'my comment',
      url: 'https://example.com/a',
      title: 'A title',
      site: 'Example',
      selector: { exact: 'the quote', prefix: 'before ', suffix: ' after', position: 10, textLength: 100 },
      tags: ['iran', 'elections 2024'],
      entityIds: ['e1'],
      createdAt: Date.UTC(2024, 4, 1),
      updatedAt: Date.UTC(2024, 4, 2),
      anchor: null,
      version: 3,
    };
    const doc = JSON.parse(notesToWebAnnotation([note], NOW));
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(1);
    const a = doc.first.items[0];
    expect(a).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-05-01T00:00:00.000Z',
      modified: '2024-05-02T00:00:00.000Z',
      target: {
        source: 'https://example.com/a',
        selector: [
          { type: 'TextQuoteSelector', exact: 'the quote', prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: 10, end: 19 },
        ],
      },
    });
    expect(a.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: 'my comment' },
      { type: 'TextualBody', purpose: 'tagging', value: 'iran' },
      { type: 'TextualBody', purpose: 'tagging', value: 'elections 2024' },
    ]);
  });

  it('lone surrogates travel as JSON escapes and come back exactly', () => {
    const text = notesToWebAnnotation(
      [{ id: 'x', quote: 'half \uD83D emoji', comment: '\uDE00', url: 'https://e.com/', title: '', site: '', selector: null, tags: [], entityIds: [], createdAt: 1, updatedAt: 1, anchor: null, version: 1 }],
      NOW,
    );
    expect(text).toContain('\\ud83d');
    const r = parseWebAnnotations(JSON.parse(text), NOW);
    expect(r.ok && r.annotations[0]!.note.quote).toBe('half \uD83D emoji');
    expect(r.ok && r.annotations[0]!.note.comment).toBe('\uDE00');
  });

  /** An annotation as Hypothesis's API documents it (its search reply wraps them in `rows`). */
  const hypothesis = (extra: Record<string, unknown> = {}) => ({
    id: 'Zx3m8qA1EeyW',
    created: '2024-03-01T10:20:30.123456+00:00',
    updated: '2024-03-02T08:00:00.000000+00:00',
    user: 'acct:reader@hypothes.is',
    uri: 'https://news.example.org/world/story?utm_source=x',
    text: 'Worth a second look.',
    tags: ['iran', 'a,b'],
    group: '__world__',
    permissions: { read: ['group:__world__'] },
    target: [
      {
        source: 'https://news.example.org/world/story?utm_source=x',
        selector: [
          { type: 'RangeSelector', startContainer: '/div[1]/p[2]', startOffset: 0, endContainer: '/div[1]/p[2]', endOffset: 20 },
          { type: 'TextPositionSelector', start: 1200, end: 1220 },
          { type: 'TextQuoteSelector', exact: 'the minister resigned', prefix: 'On Tuesday, ', suffix: ' after the vote' },
        ],
      },
    ],
    document: { title: ['World news — a story'] },
    links: { html: 'https://hypothes.is/a/Zx3m8qA1EeyW' },
    ...extra,
  });

  it("reads Hypothesis's annotations: quote, comment, tags, dates, title", () => {
    for (const root of [{ total: 1, rows: [hypothesis()] }, [hypothesis()], { export_date: '2024-05-01', annotations: [hypothesis()] }, hypothesis()]) {
      expect(isAnnotationDocument(root)).toBe(true);
      const r = parseWebAnnotations(root, NOW);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.annotations).toHaveLength(1);
      expect(r.annotations[0]).toEqual({
        index: 0,
        sourceId: null,
        note: {
          quote: 'the minister resigned',
          comment: 'Worth a second look.',
          url: 'https://news.example.org/world/story?utm_source=x',
          title: 'World news — a story',
          site: 'news.example.org',
          selector: { exact: 'the minister resigned', prefix: 'On Tuesday, ', suffix: ' after the vote', position: 1200, textLength: 0 },
          // "a,b": a comma is not a tag character here; it becomes a space.
          tags: ['iran', 'a b'],
          createdAt: Date.parse('2024-03-01T10:20:30.123Z'),
          updatedAt: Date.parse('2024-03-02T08:00:00Z'),
        },
      });
    }
  });

  it('lists what it cannot hold (replies, PDFs, nothing said) without refusing the file', () => {
    const root = {
      rows: [
        hypothesis(),
        hypothesis({ references: ['Zx3m8qA1EeyW'], target: [{ source: 'https://news.example.org/world/story' }] }),
        hypothesis({ uri: 'urn:x-pdf:abc', target: [{ source: 'urn:x-pdf:abc', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }] }),
        hypothesis({ text: '', target: [{ source: 'https://e.com/' }] }),
        // A page note: a comment, no quote.
        hypothesis({ target: [{ source: 'https://e.com/page' }] }),
      ],
    };
    const r = parseWebAnnotations(root, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.annotations.map((a) => a.index)).toEqual([0, 4]);
    expect(r.annotations[1]!.note).toMatchObject({ quote: '', selector: null, comment: 'Worth a second look.' });
    expect(r.skipped.map((s) => s.index)).toEqual([1, 2, 3]);
    expect(r.skipped[0]!.reason).toMatch(/reply/);
    expect(r.skipped[1]!.reason).toMatch(/not a web page/);
    expect(r.skipped[2]!.reason).toMatch(/neither a quote nor a comment/);
  });

  it('names each problem by its place in the file, and returns nothing to store', () => {
    const bad = {
      rows: [
        hypothesis(),
        hypothesis({ created: 'yesterday' }),
        hypothesis({ target: [{ source: 'https://e.com/', selector: [{ type: 'TextQuoteSelector', exact: 42 }] }] }),
        'not an annotation',
        hypothesis({ text: 'x'.repeat(10_001) }),
        hypothesis({ tags: 'iran' }),
      ],
    };
    const r = parseWebAnnotations(bad, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.stringMatching(/^rows\[1\]\.created: expected a date/),
      expect.stringMatching(/^rows\[2\]\.target\.selector\.exact: /),
      expect.stringMatching(/^rows\[3\]: expected an annotation/),
      expect.stringMatching(/^rows\[4\]\.body: must be at most 10000 characters/),
      expect.stringMatching(/^rows\[5\]\.tags: expected a list of text/),
    ]);
    expect(parseWebAnnotations({ format: 'news-context-reader/glossary' }, NOW)).toMatchObject({ ok: false, errors: [expect.stringMatching(/not a file of Web Annotations/)] });
    expect(isAnnotationDocument({ hello: 1 })).toBe(false);
  });

  it('reads W3C shapes from other tools: bodyValue, a single target, an AnnotationPage', () => {
    const page = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        { type: 'Annotation', bodyValue: 'short comment', target: { source: 'https://e.com/x', selector: { type: 'TextQuoteSelector', exact: 'words' } } },
        { type: 'Annotation', body: { type: 'TextualBody', value: 'tagged', purpose: 'tagging' }, target: { source: 'https://e.com/y', selector: { type: 'TextQuoteSelector', exact: 'more' } } },
      ],
    };
    const r = parseWebAnnotations(page, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.annotations.map((a) => [a.note.quote, a.note.comment, a.note.tags, a.note.createdAt])).toEqual([
      ['words', 'short comment', [], NOW],
      ['more', '', ['tagged'], NOW],
    ]);
  });
});

/** Generated notes and entities for the formats' round trips: hard text, valid records. */
import fc from 'fast-check';
import { Note } from '../../../lib/model/note';
import { uniqueTags } from '../../../lib/model/entity';

/** Characters that break formats: quotes, separators, line ends, RTL, bidi controls, emoji, lone surrogates. */
const hardChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', "'", '\n', '\r\n', '\t', '\\', '|', '[', ']', '#', '*', '<', '>', '&', '-', '=', ':', '/', '.') },
  { weight: 2, arbitrary: fc.constantFrom('\u05D0', '\u05E9', '\u0627', '\u0644', '\u202E', '\u200F', 'é', 'ß', '中', '😀', '\u2028', '\u0085', '\uFEFF') },
  { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF') },
  { weight: 1, arbitrary: fc.integer({ min: 0x20, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);

export const hardText = (maxLength: number) => fc.string({ unit: hardChar, maxLength });
export const hardNonEmpty = (maxLength: number) => fc.string({ unit: hardChar, minLength: 1, maxLength }).filter((s) => s.trim() !== '');

/** A tag our model accepts (no , ; | { } < >), as the store keeps it. */
const tag = fc
  .string({ unit: fc.constantFrom('a', 'b', 'é', '中', ' ', '-', '\u05D0', '😀', '#', '"', "'"), minLength: 1, maxLength: 20 })
  .map((s) => s.replace(/\s+/g, ' ').trim())
  .filter((s) => s.length > 0);

const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) });

const url = fc
  .tuple(fc.constantFrom('https://example.com', 'http://news.example.org', 'https://www.lemonde.fr'), fc.stringMatching(/^[a-z0-9/-]{0,30}$/))
  .map(([base, path]) => `${base}/${path}`);

export const noteArb: fc.Arbitrary<Note> = fc
  .record({
    id: fc.stringMatching(/^[0-9a-f]{32}$/),
    quote: hardNonEmpty(300),
    comment: hardText(300),
    url,
    title: hardText(80),
    site: hardText(40),
    prefix: hardText(32),
    suffix: hardText(32),
    position: fc.nat({ max: 100_000 }),
    textLength: fc.nat({ max: 200_000 }),
    tags: fc.array(tag, { maxLength: 5 }),
    createdAt: time,
    later: fc.nat({ max: 1e9 }),
    withSelector: fc.boolean(),
  })
  .map((r) =>
    Note.parse({
      id: r.id,
      quote: r.quote,
      comment: r.comment,
      url: r.url,
      title: r.title,
      site: r.site,
      selector: r.withSelector ? { exact: r.quote, prefix: r.prefix, suffix: r.suffix, position: r.position, textLength: r.textLength } : null,
      tags: uniqueTags(r.tags),
      entityIds: [],
      createdAt: r.createdAt,
      updatedAt: r.createdAt + r.later,
      anchor: null,
      version: 1,
    }),
  );

/**
 * Issue 15, attack 9c: a lone surrogate has no UTF-8 form; the CSV writes it as an escape and
 * reads it back (docs/glossary-format.md, CSV). Without the escape the name came back with
 * U+FFFD once the file was written as UTF-8 (the e2e test downloads the real file).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLoneSurrogates, parseGlossaryCsv, serializeGlossaryCsv, unescapeLoneSurrogates } from '../../../lib/model/glossary-csv';
import type { Entity } from '../../../lib/model/entity';

/** What writing the file as UTF-8 and reading it back does (TextEncoder replaces lone surrogates). */
const throughUtf8 = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));

const entity = (name: string, notes = ''): Entity => ({ id: 'e1', name, type: 'person', aliases: [{ text: `${name} alias` }], notes, createdAt: 0, updatedAt: 0 });

describe('CSV and lone surrogates', () => {
  it('a name, alias and notes with lone surrogates survive the file', () => {
    const e = entity('Lone \uD800 surrogate', 'cut \uDC00 here; \uD83D\uDE00 whole');
    const parsed = parseGlossaryCsv(throughUtf8(serializeGlossaryCsv([e])));
    expect(parsed.ok && parsed.entities[0]).toMatchObject({ name: e.name, notes: e.notes, aliases: [{ text: `${e.name} alias` }] });
  });

  it('text that reads like the escape comes back as it was', () => {
    for (const s of ['\\u{D800}', '\\\\u{DFFF} x', 'C:\\users\\u{d9ab}', '\uDBFF\\u{D800}']) {
      expect(unescapeLoneSurrogates(escapeLoneSurrogates(s))).toBe(s);
    }
  });

  it('escape then unescape is the identity on any string, and the escaped text is well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\\', 'u', '{', '}', 'D', '8', '0', 'F', '\uD800', '\uDC00', '\uDBFF'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) }), (s) => {
        const escaped = escapeLoneSurrogates(s);
        expect(escaped.isWellFormed()).toBe(true);
        expect(unescapeLoneSurrogates(escaped)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves text without surrogates or escapes untouched', () => {
    for (const s of ['plain', 'a \\| b', 'back\\slash', '\uD83D\uDE00']) expect(escapeLoneSurrogates(s)).toBe(s);
  });
});

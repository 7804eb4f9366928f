/**
 * Mentions come back in chunk coordinates (like TermMatch) and map back exactly to the page's
 * text, however the text is cut into chunks; discovery is deterministic, never throws, and uses
 * no DOM or browser API (it must run in a worker).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverEntities, type Candidate } from '../../../../lib/text/discovery/index';
import type { TextChunk } from '../../../../lib/text/types';
import { chunksOf, SEED_ARTICLE, textAt } from './helpers';

/** Cut each block into chunks at the given fractions (a DOM block made of several text nodes). */
function split(blocks: TextChunk[], cuts: number[]): TextChunk[] {
  const out: TextChunk[] = [];
  let c = 0;
  for (const b of blocks) {
    const n = 1 + (cuts[c++ % cuts.length]! % 4);
    const points = new Set<number>();
    for (let k = 0; k < n; k++) points.add(Math.floor(((cuts[c++ % cuts.length]! % 997) / 997) * b.text.length));
    const sorted = [...points].sort((x, y) => x - y);
    let prev = 0;
    let first = true;
    for (const p of [...sorted, b.text.length]) {
      // Empty chunks are allowed (an empty text node).
      out.push({ text: b.text.slice(prev, p), blockStart: first && b.blockStart });
      first = false;
      prev = p;
    }
  }
  return out;
}

const summary = (cs: Candidate[]) => cs.map((c) => `${c.key}|${c.name}|${c.aliases.join(',')}|${c.count}|${c.confidence}`);

describe('offsets', () => {
  const blocks = chunksOf(SEED_ARTICLE);
  const whole = discoverEntities(blocks);

  it('every mention reads back exactly from the chunks (one chunk a block)', () => {
    expect(whole.length).toBeGreaterThan(20);
    for (const c of whole) for (const m of c.mentions) expect(textAt(blocks, m)).toBe(m.text);
  });

  it('mentions are in reading order, inside their chunks, and do not overlap', () => {
    const all = whole.flatMap((c) => c.mentions).sort((a, b) => a.start.chunk - b.start.chunk || a.start.offset - b.start.offset);
    for (let k = 0; k < all.length; k++) {
      const m = all[k]!;
      expect(m.start.offset).toBeGreaterThanOrEqual(0);
      expect(m.start.offset).toBeLessThan(blocks[m.start.chunk]!.text.length);
      expect(m.end.offset).toBeGreaterThan(0);
      expect(m.end.offset).toBeLessThanOrEqual(blocks[m.end.chunk]!.text.length);
      const next = all[k + 1];
      if (next && next.start.chunk === m.end.chunk) expect(next.start.offset).toBeGreaterThanOrEqual(m.end.offset);
    }
    for (const c of whole) {
      expect(c.count).toBe(c.mentions.length);
      const sorted = [...c.mentions].sort((a, b) => a.start.chunk - b.start.chunk || a.start.offset - b.start.offset);
      expect(c.mentions).toEqual(sorted);
    }
  });

  it('a mention can span chunks ("<em>Maryam</em> <em>Rajavi</em>")', () => {
    const chunks: TextChunk[] = [
      { text: 'The speech by ', blockStart: true },
      { text: 'Maryam', blockStart: false },
      { text: ' ', blockStart: false },
      { text: 'Rajavi', blockStart: false },
      { text: ' was applauded. Later Mrs. Maryam Rajavi left.', blockStart: false },
    ];
    const c = discoverEntities(chunks).find((x) => x.name === 'Maryam Rajavi')!;
    expect(c.mentions[0]).toEqual({ start: { chunk: 1, offset: 0 }, end: { chunk: 3, offset: 6 }, text: 'Maryam Rajavi' });
    for (const m of c.mentions) expect(textAt(chunks, m)).toBe(m.text);
  });

  it('the same candidates and exact offsets however the blocks are cut into chunks (property)', () => {
    const reference = summary(whole);
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 3, maxLength: 40 }), (cuts) => {
        const chunks = split(blocks, cuts);
        const got = discoverEntities(chunks);
        expect(summary(got)).toEqual(reference);
        for (const c of got) for (const m of c.mentions) expect(textAt(chunks, m)).toBe(m.text);
      }),
      { numRuns: 25 },
    );
  });

  it('a block boundary stops a name ("Maryam" | "Rajavi" in two paragraphs)', () => {
    const c = discoverEntities([
      { text: 'Statement by Maryam', blockStart: true },
      { text: 'Rajavi Foundation officials said nothing.', blockStart: true },
    ]);
    expect(c.map((x) => x.name)).not.toContain('Maryam Rajavi');
  });
});

describe('robustness', () => {
  it('never throws and is deterministic on arbitrary text (property)', () => {
    const word = fc.constantFrom(
      'The', 'the', 'of', 'and', 'President', 'Mr.', 'Council', 'War', '2009', 'protests', '(', ')', 'NCRI', '/', '’s', ',', '.',
      'Maryam', 'Rajavi', 'Ministry', 'for', 'on', 'U.S.', 'al-Qaeda', 'L.A.-based', '“', '”', '-', 'Inc.', 'de', 'Kim', '\u00AD', 'É', '北京', '',
    );
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 30 }), { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 8 }), (blocks, starts) => {
        const chunks: TextChunk[] = blocks.map((ws, i) => ({ text: ws.join(i % 2 ? '' : ' '), blockStart: starts[i] ?? true }));
        const a = discoverEntities(chunks);
        const b = discoverEntities(chunks);
        expect(b).toEqual(a);
        for (const c of a) for (const m of c.mentions) expect(textAt(chunks, m)).toBe(m.text);
      }),
      { numRuns: 300 },
    );
  });

  it('handles no chunks, empty chunks, and text without names', () => {
    expect(discoverEntities([])).toEqual([]);
    expect(discoverEntities([{ text: '', blockStart: true }, { text: '', blockStart: false }])).toEqual([]);
    expect(discoverEntities([{ text: 'nothing here is named, only lower case words.', blockStart: true }])).toEqual([]);
  });

  it('handles scripts without capitals and right-to-left text', () => {
    expect(() => discoverEntities([{ text: '宇航员在太空中喝酒会怎么样？后果很严重', blockStart: true }, { text: 'مرحبا بالعالم', blockStart: true }])).not.toThrow();
  });
});

describe('purity', () => {
  it('lib/text/discovery uses no DOM or browser API', () => {
    const dir = fileURLToPath(new URL('../../../../lib/text/discovery/', import.meta.url));
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(dir + f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (f.endsWith('-data.ts')) {
        // Generated word lists ("document", "window" are words): data only, no code, no import.
        for (const line of src.split('\n').filter((l) => l.trim())) expect(line, f).toMatch(/^export const [A-Z_]+(?:: [^=]+)? = (?:"(?:[^"\\]|\\.)*"|\[.*\]);$/);
        continue;
      }
      expect(src, f).not.toMatch(/\b(?:document|window|navigator|localStorage|sessionStorage|indexedDB|chrome|browser|fetch|XMLHttpRequest|HTMLElement|Node\.|Range)\b/);
      for (const m of src.matchAll(/from '([^']+)'/g)) expect(m[1], f).toMatch(/^(?:\.\/|\.\.\/types$|\.\.\/fold$|\.\.\/offsets$|\.\.\/common-words$|\.\.\/sorted-list$|\.\.\/\.\.\/model\/discovery-languages$|compromise$)/); // common-words and sorted-list: pure word-list code (lib/text); the languages list (lib/model)
    }
  });
});

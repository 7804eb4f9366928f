/**
 * Property-based tests (fast-check): offsets map back exactly to the original text of every
 * match; the fast path and the general path agree; the trie walk agrees with a brute-force
 * oracle; planted mentions are found.
 */
import { inWebAddress } from '../../../lib/text/context';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import { isBoundary, normalizeBlock, normalizeText, NormBuffer } from '../../../lib/text/normalize';
import type { GlossaryTerm, TermMatch, TextChunk } from '../../../lib/text/types';
import { textOf } from './helpers';

/** Runs per property; raise with FC_RUNS=5000 for a long hunt. */
const RUNS = Number(process.env.FC_RUNS ?? 300);

const WORDS = [
  'Maryam', 'Rajavi', 'Ali', 'Khamenei', 'Khāmeneʾi', 'People’s', "People's", 'Mojahedin', 'of', 'Iran', 'New', 'York',
  'Times', 'Müller', 'Mu\u0308ller', 'Łódź', 'Lodz', '東京', '腾讯', '公司', 'Путин', 'Путина', 'São', 'Paulo', 'O’Brien',
  'Jean-Pierre', 'Jean–Pierre', 'Strauß', 'Strauss', 'ﬁat', 'Fiat', 'the', 'and', 'Guard', 'Corps', 'Revolutionary',
  'กรุงเทพ', 'ไป', 'İstanbul', 'ISTANBUL', '𠮷野家', 'x', 'a',
];
const SEPARATORS = [' ', ' ', ' ', '\u00a0', '\n', ', ', '-', '’s ', "'s ", '/', '(', ')', '\u00ad', '\u200d', '', '. ', '\u0301', '\u3000'];

/** Mixed-case aliases only, set to "any case" (case-insensitive), so the oracle needs no case rules. */
const aliasArb = fc
  .array(fc.constantFrom(...WORDS.filter((w) => w !== 'x' && w !== 'a')), { minLength: 1, maxLength: 3 })
  .map((ws) => ws.join(' '))
  .filter((t) => t.toUpperCase() !== t || t.toLowerCase() === t);

const glossaryArb = fc
  .array(fc.tuple(fc.constantFrom('e1', 'e2', 'e3', 'e4'), aliasArb), { minLength: 1, maxLength: 8 })
  .map((pairs) => pairs.map(([entityId, text]): GlossaryTerm => ({ entityId, text, anyCase: true })));

const tokenArb = (aliases: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...aliases) },
    { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 4, arbitrary: fc.constantFrom(...SEPARATORS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );

/** A glossary and a text made of its aliases, words, separators and random code points, cut into chunks. */
const caseArb = glossaryArb.chain((glossary) =>
  fc.record({
    glossary: fc.constant(glossary),
    tokens: fc.array(tokenArb(glossary.map((t) => t.text)), { maxLength: 40 }),
    cuts: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 8 }),
  }),
);

function toChunks(text: string, cuts: [number, boolean][]): TextChunk[] {
  const points = new Map<number, boolean>();
  for (const [p, block] of cuts) points.set(p % (text.length + 1), block);
  const sorted = [...points.keys()].sort((a, b) => a - b);
  const chunks: TextChunk[] = [];
  let prev = 0;
  let blockStart = true;
  for (const p of sorted) {
    chunks.push({ text: text.slice(prev, p), blockStart });
    blockStart = points.get(p)!;
    prev = p;
  }
  chunks.push({ text: text.slice(prev), blockStart });
  return chunks;
}

const RE_LN = /^[\p{L}\p{Nd}\p{Nl}\p{Pc}]$/u;
const RE_M = /^\p{M}$/u;
/** Scripts written without spaces between words (docs/matching.md). */
const RE_SPACELESS =
  /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Bopomofo}\p{scx=Yi}\p{scx=Tai_Le}\p{scx=New_Tai_Lue}\p{scx=Tai_Tham}\p{scx=Tai_Viet}\p{scx=Balinese}\p{scx=Javanese}]$/u;
/** Invisible to matching: default-ignorables, format and control characters except white space. */
const RE_IGNORABLE = /^(?!\s)[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}]$/u;

/** Block text and the block offset of each chunk. */
function blockOf(chunks: TextChunk[], chunk: number): { from: number; to: number; text: string; base: number[] } {
  let from = chunk;
  while (from > 0 && !chunks[from]!.blockStart) from--;
  let to = chunk + 1;
  while (to < chunks.length && !chunks[to]!.blockStart) to++;
  const base: number[] = [];
  let text = '';
  for (let k = from; k < to; k++) {
    base.push(text.length);
    text += chunks[k]!.text;
  }
  return { from, to, text, base };
}

function checkMatches(chunks: TextChunk[], matches: TermMatch[]): void {
  let prevEnd: { chunk: number; offset: number } | null = null;
  for (const m of matches) {
    // Positions are inside their chunks, in order, not overlapping.
    expect(m.start.offset).toBeGreaterThanOrEqual(0);
    expect(m.start.offset).toBeLessThanOrEqual(chunks[m.start.chunk]!.text.length);
    expect(m.end.offset).toBeLessThanOrEqual(chunks[m.end.chunk]!.text.length);
    if (prevEnd) {
      const after = m.start.chunk > prevEnd.chunk || (m.start.chunk === prevEnd.chunk && m.start.offset >= prevEnd.offset);
      expect(after).toBe(true);
    }
    prevEnd = m.end;
    // Never across a block boundary.
    for (let k = m.start.chunk + 1; k <= m.end.chunk; k++) expect(chunks[k]!.blockStart).toBe(false);
    // The original text of the match normalises to the alias's normalised form.
    const original = textOf(chunks, m);
    expect(original.length).toBeGreaterThan(0);
    expect(normalizeText(original)).toBe(normalizeText(m.alias));
    // Whole words: no spaced-script letter/digit glued on either side, no mark right after.
    const b = blockOf(chunks, m.start.chunk);
    const s = b.base[m.start.chunk - b.from]! + m.start.offset;
    const e = b.base[m.end.chunk - b.from]! + m.end.offset;
    expect(b.text.slice(s, e)).toBe(original);
    // The base character before (marks belong to their base; ignorables are invisible).
    const before = [...b.text.slice(0, s)].filter((c) => !RE_IGNORABLE.test(c) && !RE_M.test(c)).pop();
    const after = [...b.text.slice(e)].find((c) => !RE_IGNORABLE.test(c));
    const first = [...original][0]!;
    const lastBase = [...original].filter((c) => !RE_M.test(c)).pop()!;
    const spacedWord = (c: string | undefined) => c !== undefined && RE_LN.test(c) && !RE_SPACELESS.test(c);
    expect({ before, first, glued: spacedWord(before) && spacedWord(first) }).toMatchObject({ glued: false });
    expect({ after, markAfter: after !== undefined && RE_M.test(after) }).toMatchObject({ markAfter: false });
    expect({ lastBase, after, glued: spacedWord(lastBase) && spacedWord(after) }).toMatchObject({ glued: false });
  }
}

/** Brute force over the normalised block: leftmost, then longest, then first alias in the glossary. */
function oracle(glossary: GlossaryTerm[], chunks: TextChunk[]): { entityId: string; start: number; end: number; block: number }[] {
  const keys = glossary.map((t) => normalizeText(t.text.trim()));
  const buf = new NormBuffer(16);
  const out: { entityId: string; start: number; end: number; block: number }[] = [];
  let k = 0;
  while (k < chunks.length) {
    let to = k + 1;
    while (to < chunks.length && !chunks[to]!.blockStart) to++;
    normalizeBlock(buf, chunks, k, to);
    const n = buf.length;
    const blockText = chunks.slice(k, to).map((c) => c.text).join('');
    for (let i = 0; i < n; i++) {
      if (buf.start[i]! < 0 || buf.cls[i] === 3 || (i > 0 && !isBoundary(buf.cls[i - 1]!, buf.cls[i]!))) continue;
      let best = -1;
      let bestLen = 0;
      keys.forEach((key, a) => {
        const len = key.length;
        if (len === 0 || len <= bestLen || i + len > n) return;
        for (let d = 0; d < len; d++) if (buf.units[i + d] !== key.charCodeAt(d)) return;
        if (buf.end[i + len - 1]! < 0) return;
        if (i + len < n && !isBoundary(buf.cls[i + len - 1]!, buf.cls[i + len]!)) return;
        // Never inside a web address written in the text (docs/matching.md, "Names, not words").
        if (!glossary[a]!.text.includes('.') && inWebAddress(blockText, 0, blockText.length, buf.start[i]!, buf.end[i + len - 1]!)) return;
        best = a;
        bestLen = len;
      });
      if (best >= 0) {
        out.push({ entityId: glossary[best]!.entityId, start: buf.start[i]!, end: buf.end[i + bestLen - 1]!, block: k });
        i += bestLen - 1;
      }
    }
    k = to;
  }
  return out;
}

describe('properties', () => {
  it('every match maps back exactly to original text that normalises to its alias', () => {
    fc.assert(
      fc.property(caseArb, ({ glossary, tokens, cuts }) => {
        const chunks = toChunks(tokens.join(''), cuts);
        const compiled = JSON.parse(JSON.stringify(compileGlossary(glossary)));
        checkMatches(chunks, createMatcher(compiled).findMatches(chunks));
      }),
      { numRuns: RUNS },
    );
  });

  it('the fast path and the general path agree', () => {
    fc.assert(
      fc.property(caseArb, ({ glossary, tokens, cuts }) => {
        const chunks = toChunks(tokens.join(''), cuts);
        const compiled = compileGlossary(glossary);
        expect(createMatcher(compiled).findMatches(chunks)).toEqual(createMatcher(compiled, { fastPath: false }).findMatches(chunks));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with a brute-force oracle (leftmost-longest, whole words)', () => {
    fc.assert(
      fc.property(caseArb, ({ glossary, tokens, cuts }) => {
        const chunks = toChunks(tokens.join(''), cuts);
        const got = createMatcher(compileGlossary(glossary)).findMatches(chunks);
        const expected = oracle(glossary, chunks);
        const asBlock = got.map((m) => {
          const b = blockOf(chunks, m.start.chunk);
          return {
            entityId: m.entityId,
            start: b.base[m.start.chunk - b.from]! + m.start.offset,
            end: b.base[m.end.chunk - b.from]! + m.end.offset,
            block: b.from,
          };
        });
        expect(asBlock).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('a mention planted between spaces is found (or overlapped by a longer match)', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ glossary, tokens }, pick) => {
        const alias = glossary[pick % glossary.length]!.text;
        const before = tokens.join('');
        const text = `${before} ${alias} `;
        const start = before.length + 1;
        const end = start + alias.length;
        const chunks: TextChunk[] = [{ text, blockStart: true }];
        const matches = createMatcher(compileGlossary(glossary)).findMatches(chunks);
        expect(matches.some((m) => m.start.offset < end && m.end.offset > start)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

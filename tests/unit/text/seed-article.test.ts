/**
 * The reference article (tests/fixtures/seed-article.txt): one block per line, as paragraphs
 * and the headline would be on the page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import type { TermMatch, TextChunk } from '../../../lib/text/types';
import { textOf } from './helpers';

const article = readFileSync(fileURLToPath(new URL('../../fixtures/seed-article.txt', import.meta.url)), 'utf8');
const lines = article.split('\n');
const blocks: TextChunk[] = lines.map((text) => ({ text, blockStart: true }));

const glossary = compileGlossary([
  { entityId: 'mek', text: 'MEK' },
  { entityId: 'mek', text: 'PMOI' },
  { entityId: 'mek', text: 'Mujahedin-e Khalq' },
  { entityId: 'mek', text: "People's Mojahedin Organization of Iran" },
  { entityId: 'rajavi', text: 'Maryam Rajavi' },
  { entityId: 'khamenei', text: 'Khāmeneʾi' },
  { entityId: 'irgc', text: 'IRGC' },
  { entityId: 'irgc', text: 'Islamic Revolutionary Guard Corps' },
  { entityId: 'ncri', text: 'NCRI' },
  { entityId: 'ncri', text: 'National Council of Resistance of Iran' },
]);
const matcher = createMatcher(JSON.parse(JSON.stringify(glossary)));
const matches = matcher.findMatches(blocks);
const mek = matches.filter((m) => m.entityId === 'mek');
const forms = (ms: TermMatch[]) => {
  const counts: Record<string, number> = {};
  for (const m of ms) {
    const t = textOf(blocks, m);
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
};

describe('seed article, MEK entity', () => {
  it('finds every form, and only those', () => {
    // Counted independently in the fixture: 57 "MEK" (5 of them in "MEK’s"), 6 "PMOI",
    // "Mek" and "Pmoi" in the headline, 9 curly "People’s Mojahedin Organization of Iran",
    // 1 "Mujahedin-e Khalq". "MEKO" (a typo) is not a mention.
    expect(forms(mek)).toEqual({
      MEK: 57,
      PMOI: 6,
      Mek: 1,
      Pmoi: 1,
      'People’s Mojahedin Organization of Iran': 9,
      'Mujahedin-e Khalq': 1,
    });
    expect(mek).toHaveLength(75);
  });

  it('finds the curly-apostrophe form with the straight-apostrophe alias', () => {
    const m = mek.find((x) => textOf(blocks, x).startsWith('People’s'));
    expect(m?.alias).toBe("People's Mojahedin Organization of Iran");
  });

  it('finds the possessive "MEK’s" as a mention of MEK (the name only)', () => {
    const possessives = mek.filter((m) => blocks[m.end.chunk]!.text.slice(m.end.offset, m.end.offset + 2) === '’s');
    expect(possessives).toHaveLength(5);
    for (const m of possessives) expect(textOf(blocks, m)).toBe('MEK');
  });

  it('finds "Mek/ Pmoi" in the Title-Cased headline', () => {
    const headline = lines.findIndex((l) => l.includes('Mek/ Pmoi'));
    expect(headline).toBeGreaterThanOrEqual(0);
    const inHeadline = mek.filter((m) => m.start.chunk === headline).map((m) => textOf(blocks, m));
    expect(inHeadline).toEqual(['Mek', 'Pmoi']);
  });

  it('finds both names in "(PMOI/MEK)"', () => {
    const line = lines.findIndex((l) => l.includes('(PMOI/MEK)'));
    const at = lines[line]!.indexOf('(PMOI/MEK)');
    const here = mek.filter((m) => m.start.chunk === line && m.start.offset > at && m.end.offset <= at + 10);
    expect(here.map((m) => textOf(blocks, m))).toEqual(['PMOI', 'MEK']);
  });

  it('does not find "MEKO"', () => {
    const line = lines.findIndex((l) => l.includes('(MEKO'));
    const at = lines[line]!.indexOf('MEKO');
    expect(mek.some((m) => m.start.chunk === line && m.start.offset <= at + 4 && m.end.offset > at)).toBe(false);
  });

  it('does not find "Mek" when the headline is lower-cased into prose', () => {
    const prose: TextChunk[] = [{ text: 'yesterday the Mek and the Pmoi said nothing, according to sources close to them.', blockStart: true }];
    expect(matcher.findMatches(prose)).toEqual([]);
  });

  it('finds the other entities of the article', () => {
    const byEntity: Record<string, number> = {};
    for (const m of matches) byEntity[m.entityId] = (byEntity[m.entityId] ?? 0) + 1;
    const count = (re: RegExp) => (article.match(re) ?? []).length;
    expect(byEntity.rajavi).toBe(count(/Maryam Rajavi/g));
    expect(byEntity.khamenei).toBe(count(/(?<![\p{L}\p{N}])Khamenei(?![\p{L}\p{N}])/gu));
    expect(byEntity.irgc).toBe(count(/(?<![\p{L}\p{N}])IRGC(?![\p{L}\p{N}])/gu) + count(/Islamic Revolutionary Guard Corps/g));
    expect(byEntity.khamenei).toBeGreaterThan(5);
  });

  it('finds the same matches however the lines are split into chunks', () => {
    const reference = matches.map((m) => ({ ...m, text: textOf(blocks, m) }));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }), (cuts) => {
        // Split every line at the same relative cut points; map matches back to line offsets.
        const chunks: TextChunk[] = [];
        const lineOf: number[] = [];
        const baseOf: number[] = [];
        lines.forEach((line, li) => {
          const points = [...new Set(cuts.map((c) => c % (line.length + 1)))].sort((a, b) => a - b);
          let prev = 0;
          let first = true;
          for (const p of [...points, line.length]) {
            if (p < prev) continue;
            chunks.push({ text: line.slice(prev, p), blockStart: first });
            lineOf.push(li);
            baseOf.push(prev);
            first = false;
            prev = p;
          }
        });
        const got = matcher.findMatches(chunks).map((m) => ({
          entityId: m.entityId,
          alias: m.alias,
          start: { chunk: lineOf[m.start.chunk]!, offset: baseOf[m.start.chunk]! + m.start.offset },
          end: { chunk: lineOf[m.end.chunk]!, offset: baseOf[m.end.chunk]! + m.end.offset },
          text: textOf(chunks, m),
        }));
        expect(got).toEqual(reference);
      }),
      { numRuns: 40 },
    );
  });
});

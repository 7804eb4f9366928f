import { describe, expect, it } from 'vitest';
import { matchPageText, toChunks } from '../../../lib/background/page-matching';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import { glossaryKey } from '../../../lib/model/entity';

const matcher = createMatcher(
  compileGlossary([
    { entityId: glossaryKey('organization', 'mek'), text: 'MEK' },
    { entityId: glossaryKey('organization', 'mek'), text: 'People’s Mojahedin Organization of Iran' },
    { entityId: glossaryKey('person', 'rajavi'), text: 'Maryam Rajavi' },
  ]),
);

/** The text each match covers, read back from the texts the way the tab does. */
function covered(texts: string[], matches: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < matches.length; i += 5) {
    const [, sc, so, ec, eo] = matches.slice(i, i + 5) as [number, number, number, number, number];
    if (sc === ec) out.push(texts[sc]!.slice(so, eo));
    else out.push(texts[sc]!.slice(so) + texts.slice(sc + 1, ec).join('') + texts[ec]!.slice(0, eo));
  }
  return out;
}

describe('matchPageText', () => {
  it('finds mentions across the texts of one block, with entity, type, offsets and a snippet per entity', () => {
    const texts = ['Opening. ', 'Maryam', ' Rajavi', ' leads the MEK. The MEK’s rally.', 'Next paragraph about the MEK.'];
    const r = matchPageText(matcher, texts, [0, 4]);
    expect(r.entities).toEqual([
      { id: 'rajavi', type: 'person' },
      { id: 'mek', type: 'organization' },
    ]);
    expect(covered(texts, r.matches)).toEqual(['Maryam Rajavi', 'MEK', 'MEK', 'MEK']);
    // Entity index first: Rajavi is 0, the MEK 1.
    expect(r.matches.filter((_, i) => i % 5 === 0)).toEqual([0, 1, 1, 1]);
    expect(r.snippets).toEqual(['Maryam Rajavi leads the MEK.', 'Maryam Rajavi leads the MEK.']);
  });

  it('never matches across a break (a block boundary)', () => {
    expect(matchPageText(matcher, ['Maryam', ' Rajavi'], [0]).matches.length).toBe(5);
    expect(matchPageText(matcher, ['Maryam', ' Rajavi'], [0, 1]).matches).toEqual([]);
  });

  it('returns nothing without a glossary or text, and ignores out-of-range breaks', () => {
    expect(matchPageText(null, ['MEK'], [0])).toEqual({ entities: [], matches: [], snippets: [] });
    expect(matchPageText(matcher, [], [])).toEqual({ entities: [], matches: [], snippets: [] });
    expect(toChunks(['a', 'b'], [5, 1]).map((c) => c.blockStart)).toEqual([true, true]);
  });

  it('keeps snippets short in a huge block', () => {
    const filler = 'word '.repeat(20_000);
    const r = matchPageText(matcher, [filler, 'the MEK said', filler], [0]);
    expect(r.snippets[0]!.length).toBeLessThanOrEqual(242);
    expect(r.snippets[0]).toContain('MEK');
  });
});

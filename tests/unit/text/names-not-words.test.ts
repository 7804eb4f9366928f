/**
 * "Names, not words" (issue 13 §3; docs/matching.md): capitals, common words, months, web
 * addresses, shared aliases. Every case runs through JSON and both matcher paths (helpers.find).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { find, found, textOf, chunksOf } from './helpers';
import { isCommonWord, isMonthName } from '../../../lib/text/common-words';
import { aliasFlags } from '../../../lib/text/compile';
import { FLAG_COMMON, FLAG_MONTH, MODE_CAPS } from '../../../lib/text/compiled';
import { capitalsMatch, inWebAddress, isMonthUse, isSentenceStart } from '../../../lib/text/context';
import type { GlossaryTerm } from '../../../lib/text/types';

const e = (entityId: string, text: string, extra: Partial<GlossaryTerm> = {}): GlossaryTerm => ({ entityId, text, ...extra });
const MAY = [e('may', 'Theresa May'), e('may', 'May')];

/** "text=entity" plus "~" for a weak common-word match. */
function judged(specs: GlossaryTerm[], text: string): string[] {
  const chunks = chunksOf(text);
  return find(specs, chunks).map((m) => `${textOf(chunks, m)}=${m.entityId}${m.weak ? '~' : ''}${m.common ? '' : '!'}`);
}

describe('the common-word list', () => {
  it('holds words that are words first, not names first', () => {
    for (const w of ['May', 'Apple', 'Bush', 'Reading', 'will', 'Green']) expect(isCommonWord(w), w).toBe(true);
    // Names first (SUBTLEX writes them capitalised), countries deliberately, multi-word never.
    for (const w of ['China', 'Jordan', 'Bill', 'Turkey', 'Chad', 'Theresa May', 'Obama', 'x']) expect(isCommonWord(w), w).toBe(false);
    // Other languages, accents optional.
    for (const w of ['voiture', 'Mai', 'casa', 'gefährlich', 'gefahrlich']) expect(isCommonWord(w), w).toBe(true);
  });
  it('knows the months of the supported languages', () => {
    for (const w of ['May', 'mai', 'Mayo', 'Maio', 'Maggio', 'März', 'Sept.', 'Août']) expect(isMonthName(w), w).toBe(true);
    expect(isMonthName('Theresa')).toBe(false);
  });
  it('flags a capitalised one-word alias only', () => {
    expect(aliasFlags({ text: 'May' }) & FLAG_COMMON).toBe(FLAG_COMMON);
    expect(aliasFlags({ text: 'May' }) & 3).toBe(MODE_CAPS);
    expect(aliasFlags({ text: 'May' }) & FLAG_MONTH).toBe(FLAG_MONTH);
    expect(aliasFlags({ text: 'may' }) & FLAG_COMMON).toBe(0); // the reader asked for any case
    expect(aliasFlags({ text: 'May', anyCase: true }) & FLAG_COMMON).toBe(0);
    expect(aliasFlags({ text: 'MAY' }) & (FLAG_COMMON | FLAG_MONTH)).toBe(0); // an acronym
    expect(aliasFlags({ text: 'Apple', exactCase: true }) & FLAG_COMMON).toBe(FLAG_COMMON);
    expect(aliasFlags({ text: 'Theresa May' }) & FLAG_COMMON).toBe(0);
  });
});

describe('capitals: an alias written with capitals matches only capitalised text', () => {
  it.each([
    ['Apple', 'an apple a day, Apple said, APPLE SHARES', ['Apple=a', 'APPLE=a']],
    ['Reading', 'reading the paper; police in Reading', ['Reading=a']],
    ['McDonald', 'MCDONALD, Mcdonald, mcdonald, McDonald', ['MCDONALD=a', 'McDonald=a']],
  ])('%s', (alias, text, expected) => {
    expect(found([e('a', alias)], text)).toEqual(expected);
  });
  it('an exact-case alias still needs its exact capitalisation', () => {
    expect(found([e('a', 'Apple', { exactCase: true })], 'APPLE Apple apple')).toEqual(['Apple=a']);
  });
  it('property: a lower-case common word is never matched by its capitalised alias', () => {
    const words = ['may', 'apple', 'bush', 'reading', 'turkey', 'will', 'green', 'march'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.array(fc.constantFrom('the', 'a', 'of', 'said', '.', ',', 'and', '\n'), { maxLength: 8 }), fc.array(fc.constantFrom('it', 'was', 'good', '.', 'we'), { maxLength: 8 }), (w, before, after) => {
        const alias = w[0]!.toUpperCase() + w.slice(1);
        const text = [...before, w, ...after].join(' ');
        expect(find([e('x', alias)], text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
  it('property: capitalsMatch never accepts text with a capital of the alias in lower case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), (alias) => {
        expect(capitalsMatch(alias, alias.toLowerCase())).toBe(false);
        expect(capitalsMatch(alias, alias.toUpperCase())).toBe(true);
        expect(capitalsMatch(alias, alias)).toBe(true);
      }),
    );
  });
});

describe('common words: weak at a sentence start, in a headline, in capitals', () => {
  it.each([
    ['sentence start', 'May I ask a question?', ['May=may~']],
    ['after a full stop', 'It rained. May said nothing.', ['May=may~']],
    ['inside a sentence', 'The prime minister, May, said', ['May=may']],
    ['after an initial', 'George W. May said', ['May=may']],
    ['after a title', 'Mrs. May said', ['May=may']],
    ['after an opening quote', 'He said: “May we go?”', ['May=may~']],
    ['in capitals', 'the words MAY CHANGE in', ['MAY=may~']],
    ['full name is never weak', 'Theresa May said', ['Theresa May=may!']],
  ])('%s', (_name, text, expected) => {
    expect(judged(MAY, text)).toEqual(expected);
  });
  it('a title-cased headline makes it weak', () => {
    expect(judged([e('a', 'Apple')], 'Shares Of Apple Tumble After Weak Results')).toEqual(['Apple=a~']);
  });
  it('"Bush" the plant in lower case never matches; after "George W." it is a name', () => {
    expect(judged([e('b', 'Bush'), e('b', 'George W. Bush')], 'a rose bush. Bush fires burned. President George W. Bush and Bush said')).toEqual([
      'Bush=b~',
      'George W. Bush=b!',
      'Bush=b',
    ]);
  });
  it('"Reading" at a sentence start is weak, in the middle of one it is the town', () => {
    expect(judged([e('r', 'Reading')], 'Reading the report, we smiled. Fans in Reading cheered.')).toEqual(['Reading=r~', 'Reading=r']);
  });
  it('a country that is also a word is not a common word: "Turkey" is the country', () => {
    expect(judged([e('t', 'Turkey')], 'Turkey said. Eat turkey at home in Turkey.')).toEqual(['Turkey=t!', 'Turkey=t!']);
  });
});

describe('months: never before or after a day or a year', () => {
  it.each([
    ['May 5', []],
    ['on May 5th the vote', []],
    ['5 May 2024', []],
    ['the 5th of May', []],
    ['May 2024', []],
    ['in May, the vote', []],
    ['since May', []],
    ['mid-May', []],
    ['April and May', []],
    ['May–June', []],
    ['Mrs May said', ['May=may']],
    ["in May's cabinet", ['May=may']],
    ['Theresa May 2024 campaign', ['Theresa May=may!']],
  ])('%s', (text, expected) => {
    expect(judged(MAY, text).map((s) => s.replace('~', ''))).toEqual(expected);
  });
  it('isMonthUse sees a day or a year on either side', () => {
    const t = 'on 12 May 2019';
    expect(isMonthUse(t, 0, t.length, 6, 9)).toBe(true);
  });
});

describe('web addresses are not mentions', () => {
  const G = [e('tw', 'Twitter'), e('nyt', 'New York Times'), e('r', 'Reuters'), e('a', 'Amazon.com')];
  it.each([
    ['pic.twitter.com/abc123', []],
    ['see nytimes.com and www.reuters.com/world today', []],
    ['https://www.reuters.com/world/', []],
    ['write to press@reuters.com.', []],
    ['Twitter said. (Reuters) -', ['Twitter=tw', 'Reuters=r']],
    ['Reuters.', ['Reuters=r']],
    ['"Twitter/X"', ['Twitter=tw']],
    ['shop at Amazon.com today', ['Amazon.com=a']],
  ])('%s', (text, expected) => {
    expect(found(G, text)).toEqual(expected);
  });
  it('sentence boundaries are not addresses', () => {
    const t = 'at the U.S. border';
    expect(inWebAddress(t, 0, t.length, 7, 11)).toBe(false);
    expect(isSentenceStart('Mr. Smith', 0, 4)).toBe(false);
  });
});

describe('shared aliases', () => {
  it('reports the other entities that accept the text', () => {
    const m = find([e('theresa', 'May'), e('brian', 'May'), e('theresa', 'Theresa May')], 'Mrs May spoke');
    expect(m.map((x) => [x.entityId, x.others])).toEqual([['theresa', ['brian']]]);
  });
  it('across the base and the delta of an incremental compile', async () => {
    const { GlossaryCompiler } = await import('../../../lib/text/compile');
    const { createMatcher } = await import('../../../lib/text/matcher');
    const c = new GlossaryCompiler([e('theresa', 'May')]);
    c.compile();
    c.setEntity('brian', [{ text: 'May' }]);
    const m = createMatcher(c.compile()).findMatches([{ text: 'Mrs May', blockStart: true }]);
    expect(m.map((x) => [x.entityId, x.others])).toEqual([['theresa', ['brian']]]);
  });
});

describe('the committed list', () => {
  it('is what scripts/common-words.ts makes from the packages', async () => {
    const { buildCommonWords, renderDataFile, DATA_FILE } = await import('../../../scripts/common-words');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(DATA_FILE, 'utf8') === renderDataFile(buildCommonWords())).toBe(true);
  });
});

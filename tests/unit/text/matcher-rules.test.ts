/**
 * Table-driven tests of every matching rule (issue 3; decisions in docs/matching.md).
 * Each row: glossary, text, and the expected matches as "original text=entityId", in order.
 * Every row runs through JSON and through both the fast and the general path (helpers.find).
 */
import { describe, expect, it } from 'vitest';
import type { GlossaryTerm, TextChunk } from '../../../lib/text/types';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import { find, found, terms, textOf, type TermSpec } from './helpers';

interface Row {
  name: string;
  glossary: TermSpec[];
  text: string | TextChunk[];
  expect: string[];
}

const MEK: GlossaryTerm[] = [
  { entityId: 'mek', text: 'MEK' },
  { entityId: 'mek', text: 'PMOI' },
  { entityId: 'mek', text: 'Mujahedin-e Khalq' },
  { entityId: 'mek', text: "People's Mojahedin Organization of Iran" },
];
const e = (entityId: string, text: string, extra: Partial<GlossaryTerm> = {}): GlossaryTerm => ({ entityId, text, ...extra });

function table(title: string, rows: Row[]) {
  describe(title, () => {
    it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, r) => {
      expect(found(r.glossary, r.text)).toEqual(r.expect);
    });
  });
}

table('normalisation: apostrophes', [
  { name: 'straight alias finds curly ’', glossary: MEK, text: 'the People’s Mojahedin Organization of Iran said', expect: ['People’s Mojahedin Organization of Iran=mek'] },
  { name: 'left quote ‘', glossary: MEK, text: 'People‘s Mojahedin Organization of Iran', expect: ['People‘s Mojahedin Organization of Iran=mek'] },
  { name: 'modifier letter ʼ', glossary: MEK, text: 'Peopleʼs Mojahedin Organization of Iran', expect: ['Peopleʼs Mojahedin Organization of Iran=mek'] },
  { name: 'backtick', glossary: MEK, text: 'People`s Mojahedin Organization of Iran', expect: ['People`s Mojahedin Organization of Iran=mek'] },
  { name: 'curly alias finds straight', glossary: [e('o', 'O’Brien')], text: "Mr O'Brien left", expect: ["O'Brien=o"] },
  { name: 'apostrophe is not optional', glossary: MEK, text: 'Peoples Mojahedin Organization of Iran', expect: [] },
]);

table('normalisation: hyphens and dashes', [
  { name: 'hyphen-minus', glossary: MEK, text: 'Mujahedin-e Khalq', expect: ['Mujahedin-e Khalq=mek'] },
  { name: 'en dash', glossary: MEK, text: 'Mujahedin–e Khalq', expect: ['Mujahedin–e Khalq=mek'] },
  { name: 'em dash', glossary: MEK, text: 'Mujahedin—e Khalq', expect: ['Mujahedin—e Khalq=mek'] },
  { name: 'non-breaking hyphen U+2011', glossary: MEK, text: 'Mujahedin\u2011e Khalq', expect: ['Mujahedin\u2011e Khalq=mek'] },
  { name: 'hyphen U+2010', glossary: MEK, text: 'Mujahedin\u2010e Khalq', expect: ['Mujahedin\u2010e Khalq=mek'] },
  { name: 'minus sign U+2212', glossary: MEK, text: 'Mujahedin\u2212e Khalq', expect: ['Mujahedin\u2212e Khalq=mek'] },
  { name: 'a space is not a hyphen', glossary: MEK, text: 'Mujahedin e Khalq', expect: [] },
]);

table('normalisation: white space', [
  { name: 'NBSP', glossary: ['Maryam Rajavi'], text: 'Maryam\u00a0Rajavi', expect: ['Maryam\u00a0Rajavi=Maryam Rajavi'] },
  { name: 'run of spaces, tab, newline', glossary: ['Maryam Rajavi'], text: 'Maryam \n\t  Rajavi', expect: ['Maryam \n\t  Rajavi=Maryam Rajavi'] },
  { name: 'thin space, ideographic space', glossary: ['Maryam Rajavi'], text: 'Maryam\u2009Rajavi; Maryam\u3000Rajavi', expect: ['Maryam\u2009Rajavi=Maryam Rajavi', 'Maryam\u3000Rajavi=Maryam Rajavi'] },
  { name: 'alias with a double space', glossary: [e('mr', 'Maryam   Rajavi')], text: 'Maryam Rajavi', expect: ['Maryam Rajavi=mr'] },
  { name: 'no space is not a space', glossary: ['Maryam Rajavi'], text: 'MaryamRajavi', expect: [] },
]);

table('normalisation: ignorable characters', [
  { name: 'soft hyphen inside', glossary: ['Rajavi'], text: 'Raja\u00advi', expect: ['Raja\u00advi=Rajavi'] },
  { name: 'ZWJ and ZWNJ inside', glossary: ['Rajavi'], text: 'Ra\u200dja\u200cvi', expect: ['Ra\u200dja\u200cvi=Rajavi'] },
  { name: 'zero-width space inside', glossary: ['Rajavi'], text: 'Raj\u200bavi', expect: ['Raj\u200bavi=Rajavi'] },
  { name: 'ignorables around are not part of the match', glossary: ['Rajavi'], text: '\u200bRajavi\u00ad', expect: ['Rajavi=Rajavi'] },
  { name: 'alias with a soft hyphen', glossary: [e('r', 'Raja\u00advi')], text: 'Rajavi', expect: ['Rajavi=r'] },
]);

table('normalisation: NFKC and case folding', [
  { name: 'fullwidth capitals', glossary: MEK, text: 'ＭＥＫ said', expect: ['ＭＥＫ=mek'] },
  { name: 'ligature ﬁ', glossary: ['fiat'], text: 'the ﬁat deal', expect: ['ﬁat=fiat'] },
  { name: 'all capitals text, mixed-case alias', glossary: ['Maryam Rajavi'], text: 'MARYAM RAJAVI and maryam rajavi', expect: ['MARYAM RAJAVI=Maryam Rajavi'] },
  {
    name: 'all capitals text, mixed-case alias in any case',
    glossary: [e('m', 'Maryam Rajavi', { anyCase: true })],
    text: 'MARYAM RAJAVI and maryam rajavi',
    expect: ['MARYAM RAJAVI=m', 'maryam rajavi=m'],
  },
  { name: 'ß folds to ss', glossary: [e('s', 'Strauß')], text: 'STRAUSS and Strauss', expect: ['STRAUSS=s', 'Strauss=s'] },
  { name: 'final sigma', glossary: [e('o', 'Οδυσσευς')], text: 'ΟΔΥΣΣΕΥΣ', expect: ['ΟΔΥΣΣΕΥΣ=o'] },
  { name: 'Greek with tonos, any case', glossary: [e('s', 'Σωκράτης')], text: 'ΣΩΚΡΆΤΗΣ', expect: ['ΣΩΚΡΆΤΗΣ=s'] },
  { name: 'Turkish dotted İ is locale-independent', glossary: [e('i', 'İstanbul', { anyCase: true })], text: 'ISTANBUL, istanbul', expect: ['ISTANBUL=i', 'istanbul=i'] },
  { name: 'Turkish dotted İ needs a capital', glossary: [e('i', 'İstanbul')], text: 'ISTANBUL, Istanbul, istanbul', expect: ['ISTANBUL=i', 'Istanbul=i'] },
  { name: 'Cyrillic any case', glossary: [e('p', 'Путин', { anyCase: true })], text: 'ПУТИН и путин', expect: ['ПУТИН=p', 'путин=p'] },
  { name: 'Cyrillic capitals', glossary: [e('p', 'Путин')], text: 'ПУТИН и путин', expect: ['ПУТИН=p'] },
]);

table('normalisation: diacritics (insensitive for Latin by default)', [
  { name: 'Khāmeneʾi finds Khamenei', glossary: [e('k', 'Khāmeneʾi')], text: 'Ayatollah Khamenei said', expect: ['Khamenei=k'] },
  { name: 'Khamenei finds Khāmeneʾi', glossary: [e('k', 'Khamenei')], text: 'Ayatollah Khāmeneʾi said', expect: ['Khāmeneʾi=k'] },
  { name: 'precomposed and decomposed', glossary: [e('m', 'Müller')], text: 'Muller, MÜLLER, Mu\u0308ller', expect: ['Muller=m', 'MÜLLER=m', 'Mu\u0308ller=m'] },
  { name: 'a trailing combining mark stays in the match', glossary: [e('j', 'Jose')], text: 'Jose\u0301 said', expect: ['Jose\u0301=j'] },
  { name: 'letters without decomposition (ł ø đ)', glossary: [e('l', 'Łódź'), e('o', 'Søren'), e('d', 'Đoković')], text: 'Lodz, Soren and Djokovic... Dokovic', expect: ['Lodz=l', 'Soren=o', 'Dokovic=d'] },
  { name: 'São Paulo', glossary: [e('sp', 'São Paulo')], text: 'Sao Paulo', expect: ['Sao Paulo=sp'] },
  { name: 'Cyrillic й is not и', glossary: [e('y', 'Йошкар')], text: 'Иошкар Йошкар', expect: ['Йошкар=y'] },
  { name: 'kana: か is not inside が', glossary: [e('ka', 'か')], text: 'がか', expect: ['か=ka'] },
  { name: 'diacriticSensitive alias', glossary: [e('m', 'Müller', { diacriticSensitive: true })], text: 'Muller MÜLLER Mu\u0308ller Müller', expect: ['MÜLLER=m', 'Mu\u0308ller=m', 'Müller=m'] },
  {
    name: 'sensitive and insensitive aliases of the same key',
    glossary: [e('umlaut', 'Müller', { diacriticSensitive: true }), e('plain', 'Muller')],
    text: 'Müller Muller',
    expect: ['Müller=umlaut', 'Muller=plain'],
  },
]);

table('boundaries: whole words', [
  { name: 'not inside a longer word (MEKO)', glossary: MEK, text: 'They (MEKO managed', expect: [] },
  { name: 'not after letters', glossary: MEK, text: 'XMEK and AMEK', expect: [] },
  { name: 'digits are word characters', glossary: MEK, text: 'MEK2 2MEK MEK', expect: ['MEK=mek'] },
  { name: 'slash and parentheses separate', glossary: MEK, text: '(PMOI/MEK)', expect: ['PMOI=mek', 'MEK=mek'] },
  { name: 'glued to another word by nothing: no', glossary: MEK, text: 'they(MEK)could', expect: ['MEK=mek'] },
  { name: 'superscript and ™ do not glue', glossary: [e('o', 'Obama'), e('a', 'Apple')], text: 'Obama¹ Apple™', expect: ['Obama=o', 'Apple=a'] },
  { name: 'underscore joins words (user names)', glossary: MEK, text: '_MEK_ Livvy_MEK MEK', expect: ['MEK=mek'] },
  { name: 'inflected forms are other words', glossary: [e('p', 'Путин')], text: 'Путина, Путин.', expect: ['Путин=p'] },
]);

table('boundaries: possessives and compounds', [
  { name: "’s", glossary: MEK, text: 'the MEK’s network', expect: ['MEK=mek'] },
  { name: "'s", glossary: MEK, text: "the MEK's network", expect: ['MEK=mek'] },
  { name: "s'", glossary: ['Reuters'], text: "Reuters' report, Reuters’ desk", expect: ['Reuters=Reuters', 'Reuters=Reuters'] },
  { name: 'hyphenated compound', glossary: MEK, text: 'MEK-affiliated groups', expect: ['MEK=mek'] },
  { name: 'prefix compound', glossary: MEK, text: 'anti-MEK and pro\u2011MEK', expect: ['MEK=mek', 'MEK=mek'] },
  { name: 'French elision', glossary: ['Iran'], text: "l'Iran et d’Iran", expect: ['Iran=Iran', 'Iran=Iran'] },
  { name: 'plural is another word', glossary: ['Rajavi'], text: 'the Rajavis', expect: [] },
]);

table('boundaries: scripts without spaces', [
  { name: 'Chinese inside a run', glossary: [e('tc', '腾讯')], text: '据腾讯公司报道', expect: ['腾讯=tc'] },
  { name: 'Japanese with kana around', glossary: [e('tk', '東京')], text: '東京都に行く', expect: ['東京=tk'] },
  { name: 'Thai', glossary: [e('bk', 'กรุงเทพ')], text: 'ไปกรุงเทพฯ', expect: ['กรุงเทพ=bk'] },
  { name: 'Latin next to kana', glossary: ['Sony'], text: 'Sonyの新製品とSonyCorp', expect: ['Sony=Sony'] },
  { name: 'Korean particle attached', glossary: [e('ss', '삼성')], text: '삼성은 발표했다', expect: ['삼성=ss'] },
]);

const HEADLINE = 'Why Khamenei Finally Broke His Deadly Silence Against the Mek/ Pmoi and Ncri?';
table('case', [
  { name: 'a lower-case alias matches any case', glossary: ['maryam rajavi'], text: 'maryam RAJAVI, Maryam Rajavi', expect: ['maryam RAJAVI=maryam rajavi', 'Maryam Rajavi=maryam rajavi'] },
  { name: 'an alias with capitals needs them', glossary: ['Maryam Rajavi'], text: 'maryam RAJAVI, Maryam rajavi, Maryam RAJAVI', expect: ['Maryam RAJAVI=Maryam Rajavi'] },
  { name: '"any case" opts out of the capitals', glossary: [e('m', 'Maryam Rajavi', { anyCase: true })], text: 'maryam RAJAVI', expect: ['maryam RAJAVI=m'] },
  { name: 'acronym in capitals', glossary: MEK, text: 'the MEK said', expect: ['MEK=mek'] },
  { name: 'acronym Title-Cased in a headline', glossary: MEK, text: HEADLINE, expect: ['Mek=mek', 'Pmoi=mek'] },
  { name: 'acronym Title-Cased in prose: no', glossary: MEK, text: 'Yesterday the Mek announced that its members would meet again.', expect: [] },
  { name: 'acronym in lower case: no', glossary: MEK, text: 'mek pmoi', expect: [] },
  { name: 'acronym in odd case: no', glossary: MEK, text: 'MeK mEK', expect: [] },
  { name: 'US is not "us"', glossary: ['US'], text: 'Tell us about the US', expect: ['US=US'] },
  { name: 'two-letter acronym not Title-Cased even in a headline', glossary: ['US'], text: 'Why Europe Still Needs Us After Everything', expect: [] },
  { name: 'WHO is not "who"', glossary: ['WHO'], text: 'who said the WHO warned', expect: ['WHO=WHO'] },
  { name: 'exactCase alias', glossary: [e('a', 'Apple', { exactCase: true })], text: 'Apple, apple, APPLE', expect: ['Apple=a'] },
  { name: 'exactCase all-capitals alias: no Title-Case', glossary: [e('n', 'NOW', { exactCase: true })], text: 'Now Is the Time for Reform in Every Sector', expect: [] },
  { name: 'exactCase still folds diacritics', glossary: [e('a', 'Ángel', { exactCase: true })], text: 'Angel ángel', expect: ['Angel=a'] },
  { name: 'exactCase, sensitive', glossary: [e('a', 'Ángel', { exactCase: true, diacriticSensitive: true })], text: 'Angel Ángel ÁNGEL', expect: ['Ángel=a'] },
  { name: 'mixed-case alias keeps its capitals', glossary: ['iPhone'], text: 'IPHONE iphone Iphone iPhone IPhone', expect: ['IPHONE=iPhone', 'iPhone=iPhone', 'IPhone=iPhone'] },
  { name: 'all-capitals text matches a normal alias', glossary: ['Reuters'], text: 'REUTERS', expect: ['REUTERS=Reuters'] },
]);

table('overlaps: leftmost-longest, across entities', [
  {
    name: 'longest wins at the same start',
    glossary: [e('rg', 'Revolutionary Guard'), e('rgc', 'Revolutionary Guard Corps'), e('m', 'Maryam'), e('m', 'Maryam Rajavi')],
    text: 'Revolutionary Guard Corps, Revolutionary Guard, Maryam Rajavi, Maryam',
    expect: ['Revolutionary Guard Corps=rgc', 'Revolutionary Guard=rg', 'Maryam Rajavi=m', 'Maryam=m'],
  },
  {
    name: 'longest wins across entities',
    glossary: [e('rg', 'Revolutionary Guard'), e('irgc', 'Iranian Revolutionary Guard Corps')],
    text: 'the Iranian Revolutionary Guard Corps and the Revolutionary Guard',
    expect: ['Iranian Revolutionary Guard Corps=irgc', 'Revolutionary Guard=rg'],
  },
  {
    name: 'an entity never matches inside a longer alias of another',
    glossary: [e('york', 'York'), e('nyt', 'New York Times')],
    text: 'The New York Times',
    expect: ['New York Times=nyt'],
  },
  {
    name: 'leftmost first',
    glossary: [e('ny', 'New York'), e('yt', 'York Times')],
    text: 'New York Times',
    expect: ['New York=ny'],
  },
  {
    name: 'a longer alias that fails its case check gives way to a shorter one',
    glossary: [e('am', 'Apple Music', { exactCase: true }), e('a', 'apple')],
    text: 'apple music',
    expect: ['apple=a'],
  },
  {
    name: 'the longer alias must end on a word boundary',
    glossary: [e('ny', 'New York'), e('nyc', 'New York C')],
    text: 'New York City',
    expect: ['New York=ny'],
  },
  {
    name: 'same alias in two entities: the first in the glossary wins',
    glossary: [e('first', 'Jordan'), e('second', 'Jordan')],
    text: 'Jordan',
    expect: ['Jordan=first'],
  },
  {
    name: 'same alias: the stricter (exact case) wins when it applies',
    glossary: [e('fruit', 'apple'), e('company', 'Apple', { exactCase: true })],
    text: 'Apple and apple',
    expect: ['Apple=company', 'apple=fruit'],
  },
  {
    name: 'same alias: acronym before plain',
    glossary: [e('band', 'Who', { anyCase: true }), e('who', 'WHO')],
    text: 'WHO and who',
    expect: ['WHO=who', 'who=band'],
  },
  { name: 'adjacent matches', glossary: MEK, text: 'MEK MEK', expect: ['MEK=mek', 'MEK=mek'] },
]);

const chunk = (text: string, blockStart = false): TextChunk => ({ text, blockStart });
table('chunks and blocks', [
  { name: 'a match spans chunks in a block', glossary: ['Maryam Rajavi'], text: [chunk('Mrs. ', true), chunk('Maryam'), chunk(' Rajavi'), chunk(' said')], expect: ['Maryam Rajavi=Maryam Rajavi'] },
  { name: 'white space across chunks', glossary: ['Maryam Rajavi'], text: [chunk('Maryam ', true), chunk('\n  Rajavi')], expect: ['Maryam \n  Rajavi=Maryam Rajavi'] },
  { name: 'a block boundary ends a match', glossary: ['Maryam Rajavi'], text: [chunk('Maryam ', true), chunk('Rajavi', true)], expect: [] },
  { name: 'a word split over chunks is one word', glossary: MEK, text: [chunk('ME', true), chunk('K'), chunk('O')], expect: [] },
  { name: 'empty chunks', glossary: ['Maryam Rajavi'], text: [chunk('', true), chunk('Maryam'), chunk(''), chunk(' Rajavi'), chunk('')], expect: ['Maryam Rajavi=Maryam Rajavi'] },
  { name: 'first chunk without blockStart', glossary: MEK, text: [chunk('MEK'), chunk(' and PMOI')], expect: ['MEK=mek', 'PMOI=mek'] },
  { name: 'a surrogate pair split over two chunks is one letter', glossary: MEK, text: [chunk('MEK\uD800', true), chunk('\uDC00 and MEK')], expect: ['MEK=mek'] },
  { name: 'an alias across a split surrogate pair', glossary: [e('y', '𠮷野家')], text: [chunk('at \uD842', true), chunk('\uDFB7野家')], expect: ['\uD842\uDFB7野家=y'] },
  { name: 'block boundary is a word boundary', glossary: MEK, text: [chunk('XX', true), chunk('MEK', true)], expect: ['MEK=mek'] },
]);

// The fast path decides whether an alias may start at a word from bitmaps of the aliases' first
// words; when that depends on the next word ("first second" pairs) the decision waits until the
// next word has been read, across chunks, white-space runs and up to the block's end.
table('fast path: decisions that wait for the next word', [
  { name: 'first word, then the second in later chunks', glossary: ['Maryam Rajavi'], text: [chunk('Maryam', true), chunk(' '), chunk('Raj'), chunk('avi said')], expect: ['Maryam Rajavi=Maryam Rajavi'] },
  { name: 'first word split over chunks', glossary: ['Maryam Rajavi'], text: [chunk('Mar', true), chunk('yam Rajavi')], expect: ['Maryam Rajavi=Maryam Rajavi'] },
  { name: 'a white-space run over chunks between the words', glossary: ['Maryam Rajavi'], text: [chunk('Maryam\u00a0', true), chunk('\n '), chunk('Rajavi')], expect: ['Maryam\u00a0\n Rajavi=Maryam Rajavi'] },
  { name: 'the second word ends the block', glossary: ['Maryam Rajavi'], text: [chunk('with Maryam Rajavi', true), chunk('said', true)], expect: ['Maryam Rajavi=Maryam Rajavi'] },
  { name: 'a longer second word is not the alias', glossary: ['Maryam Rajavi'], text: 'Maryam Rajavis and Maryam Smith', expect: [] },
  { name: 'first word, space, then punctuation', glossary: [e('sj', 'Smith & Jones')], text: 'by Smith & Jones LLP and Smith &Jones', expect: ['Smith & Jones=sj'] },
  { name: 'first word, space, then a letter of a script without spaces', glossary: [e('t', 'Tokyo 東京')], text: 'in Tokyo 東京都', expect: ['Tokyo 東京=t'] },
  { name: 'first word, then a unit that is not a space', glossary: [e('fs', 'F. Smith'), ...MEK], text: 'F. Smith and the Mujahedin-e Khalq, not F.Smith', expect: ['F. Smith=fs', 'Mujahedin-e Khalq=mek'] },
  { name: 'a whole alias and the first word of a longer one', glossary: [e('a', 'New York'), e('b', 'New York Times'), e('c', 'York')], text: 'the New York Times, New York and York', expect: ['New York Times=b', 'New York=a', 'York=c'] },
  { name: 'a pair that fails, then its second word starts an alias', glossary: [e('i', 'Islamic Revolutionary Guard Corps'), e('r', 'Revolutionary Guard')], text: 'the Islamic Revolutionary Guard said', expect: ['Revolutionary Guard=r'] },
  { name: 'a first word that is not followed by its pair', glossary: [e('j', 'John Smith'), e('s', 'Smith Jones')], text: 'John Doe met Smith Jones and John Smith Jones', expect: ['Smith Jones=s', 'John Smith=j'] },
]);

table('glossary hygiene', [
  { name: 'empty and blank aliases are ignored', glossary: [e('x', ''), e('y', '   '), e('z', '\u00ad'), 'MEK'], text: 'MEK', expect: ['MEK=MEK'] },
  { name: 'aliases are trimmed', glossary: [e('mr', '  Maryam Rajavi ')], text: 'Maryam Rajavi', expect: ['Maryam Rajavi=mr'] },
  { name: 'duplicate aliases of one entity', glossary: [e('m', 'MEK'), e('m', 'MEK'), e('m', 'mek')], text: 'MEK', expect: ['MEK=m'] },
  { name: 'empty glossary', glossary: [], text: 'anything', expect: [] },
]);

describe('match positions', () => {
  it('many chunks, and the same matcher on a shorter text afterwards', () => {
    const compiled = JSON.parse(JSON.stringify(compileGlossary(terms(['Maryam Rajavi', ...MEK]))));
    const matcher = createMatcher(compiled);
    const many = [chunk('start', true), ...Array.from({ length: 300 }, (_, i) => chunk(i % 7 === 0 ? ' ' : `w${i} `, i % 50 === 0)), chunk('Maryam'), chunk(' Rajavi')];
    expect(matcher.findMatches(many)).toEqual([
      { entityId: 'Maryam Rajavi', alias: 'Maryam Rajavi', start: { chunk: 301, offset: 0 }, end: { chunk: 302, offset: 7 } },
    ]);
    const few = [chunk('the MEK', true), chunk(' and PMOI')];
    expect(matcher.findMatches(few)).toEqual([
      { entityId: 'mek', alias: 'MEK', start: { chunk: 0, offset: 4 }, end: { chunk: 0, offset: 7 } },
      { entityId: 'mek', alias: 'PMOI', start: { chunk: 1, offset: 5 }, end: { chunk: 1, offset: 9 } },
    ]);
    expect(matcher.findMatches([])).toEqual([]);
  });
  it('reports chunk offsets, the alias as written and the entity', () => {
    const chunks = [chunk('Mrs. ', true), chunk('Maryam'), chunk(' Rajavi'), chunk(' and the MEK’s')];
    const matches = find(['Maryam Rajavi', ...MEK], chunks);
    expect(matches).toEqual([
      { entityId: 'Maryam Rajavi', alias: 'Maryam Rajavi', start: { chunk: 1, offset: 0 }, end: { chunk: 2, offset: 7 } },
      { entityId: 'mek', alias: 'MEK', start: { chunk: 3, offset: 9 }, end: { chunk: 3, offset: 12 } },
    ]);
  });
  it('maps offsets through expansions and dropped marks', () => {
    const text = 'ﬁat Mu\u0308ller ß Strauß';
    const matches = find([e('f', 'fiat'), e('m', 'Müller'), e('s', 'Strauss')], text);
    expect(matches.map((m) => textOf([chunk(text, true)], m))).toEqual(['ﬁat', 'Mu\u0308ller', 'Strauß']);
  });
  it('never starts or ends inside an expansion', () => {
    // "ß" is "ss": the alias "s" must not match half of it, "Gros" not "Groß".
    expect(found([e('s', 's'), e('g', 'Gros')], 'ß Groß')).toEqual([]);
  });
  it('handles astral characters (surrogate pairs)', () => {
    expect(found([e('e', '𠮷野家'), 'MEK'], '😀MEK 𠮷野家')).toEqual(['MEK=MEK', '𠮷野家=e']);
  });
});

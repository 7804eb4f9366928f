/**
 * Blocks and tokens for discovery (lib/text/discovery/tokenize.ts): the page read as blocks,
 * token shapes, the words written in lower case, names as written.
 */
import { describe, expect, it } from 'vitest';
import { lowerWordsOf, readBlocks, SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_PUNCT, SHAPE_UPPER, tokenize } from '../../../../lib/text/discovery/tokenize';

describe('readBlocks', () => {
  it('one block per blockStart, chunks joined inside it, headlines flagged', () => {
    const docs = readBlocks([
      { text: 'Why Velkaro Defends The Harbour Plan', blockStart: true },
      { text: 'The plan was drafted by ', blockStart: true },
      { text: 'Mira', blockStart: false },
      { text: ' Velkaro.', blockStart: false },
    ]);
    expect(docs.map((d) => [d.block.text, d.block.headline, d.block.firstChunk])).toEqual([
      ['Why Velkaro Defends The Harbour Plan', true, 0],
      ['The plan was drafted by Mira Velkaro.', false, 1],
    ]);
    expect(docs[1]!.tokens.map((t) => t.text)).toContain('Mira');
  });
});

describe('tokenize', () => {
  it('shapes: capitalised (also "al-Qaeda", "iPhone"), all capitals, lower case, numbers, punctuation', () => {
    const shapes = tokenize('Obama, NCRI, al-Qaeda, iPhone, G40, vote 2009').map((t) => [t.text, t.shape]);
    expect(shapes).toEqual([
      ['Obama', SHAPE_CAP],
      [',', SHAPE_PUNCT],
      ['NCRI', SHAPE_UPPER],
      [',', SHAPE_PUNCT],
      ['al-Qaeda', SHAPE_CAP],
      [',', SHAPE_PUNCT],
      ['iPhone', SHAPE_CAP],
      [',', SHAPE_PUNCT],
      ['G40', SHAPE_UPPER],
      [',', SHAPE_PUNCT],
      ['vote', SHAPE_LOWER],
      ['2009', SHAPE_NUM],
    ]);
  });
});

describe('lowerWordsOf', () => {
  it('the words of two letters or more written in lower case somewhere', () => {
    expect([...lowerWordsOf(readBlocks([{ text: 'Earnest men spoke earnest words a Velkaro', blockStart: true }]))].sort()).toEqual(['earnest', 'men', 'spoke', 'words']);
  });
});

describe('list and table lines (issue 17)', () => {
  it('a ranked line or a line with two numbers is a list line, never a headline', () => {
    const docs = readBlocks([
      { text: '3. Ilse Brandvold (Norway) 1:52.30', blockStart: true },
      { text: 'Dunmore Rovers 2 Harbor Athletic 1', blockStart: true },
      { text: 'Why Velkaro Defends The Harbour Plan', blockStart: true },
    ]);
    expect(docs.map((d) => [d.block.list, d.block.headline])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
  });

  it('the name after a rank does not start a sentence ("3. Ilse Brandvold")', () => {
    const toks = tokenize('3. Ilse Brandvold');
    expect(toks.find((t) => t.text === 'Ilse')!.initial).toBe(false);
    expect(tokenize('It ended. Ilse left.').find((t) => t.text === 'Ilse')!.initial).toBe(true);
  });
});

describe('numbers in club names (issue 17, session 4)', () => {
  const texts = (line: string, next?: string) => {
    const docs = readBlocks([{ text: line, blockStart: true }, ...(next ? [{ text: next, blockStart: true }] : [])]);
    return docs[0]!.tokens.filter((t) => t.shape === SHAPE_UPPER || t.shape === SHAPE_CAP).map((t) => t.text);
  };

  it('"1." before a club’s capitals and a number with a leading zero after its name are name tokens', () => {
    expect(texts('Der 1. FC Nordheim gewann gegen den FSV Waldau 05 und Tanner 04 Ostbrück.')).toEqual(['Der', '1.', 'FC', 'Nordheim', 'FSV', 'Waldau', '05', 'Tanner', '04', 'Ostbrück']);
  });

  it('no other number: a rank before a club (the next line opens with "2."), a score, a date, a minute', () => {
    expect(texts('1. FC Nordheim 34 71', '2. FSV Waldau 05 34 66')).toEqual(['FC', 'Nordheim']);
    expect(texts('1. FC Nordheim – SV Ostbrück 1:2', '1. FC Union Velkaro – SV Ostbrück 1:0')).toEqual(['1.', 'FC', 'Nordheim', 'SV', 'Ostbrück']);
    expect(texts('Waldau 05.03.2023, in der 15. Minute, Stand Waldau 05:30')).toEqual(['Waldau', 'Minute', 'Stand', 'Waldau']);
  });
});

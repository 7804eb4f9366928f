import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acrossCut, comparePositions, selectChunks, uniqueChunks, type PartLayout } from '../../../lib/text/parts';

const part = (texts: string[], breaks: number[], overlap = 0, cut: PartLayout['cut'] = null): PartLayout => ({ texts, breaks, overlap, cut });

describe('uniqueChunks', () => {
  it('a whole part is all its own, block starts as given', () => {
    const r = uniqueChunks(part(['a', 'b', 'c'], [0, 2]));
    expect(r.chunks).toEqual([
      { text: 'a', blockStart: true },
      { text: 'b', blockStart: false },
      { text: 'c', blockStart: true },
    ]);
    expect(r.from).toEqual([0, 1, 2]);
  });

  it('leaves out the overlap and what follows the cut, keeping the text before the cut', () => {
    // Texts 0-1 repeat the previous part; the part was cut at offset 3 of text 3.
    const r = uniqueChunks(part(['xx', 'yy', 'one ', 'two three', 'four'], [0], 2, { text: 3, offset: 3 }));
    expect(r.chunks.map((c) => c.text)).toEqual(['one ', 'two']);
    expect(r.from).toEqual([2, 3]);
    // A cut at the very start of a text leaves that text to the next part.
    expect(uniqueChunks(part(['a', 'b', 'c'], [0], 0, { text: 1, offset: 0 })).chunks.map((c) => c.text)).toEqual(['a']);
  });

  it('parts cut with an overlap give back the original text, each character once', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 2, maxLength: 40 }), fc.nat(), fc.nat(), (texts, a, b) => {
        // Cut the texts into two parts at (k, from); the second repeats from `back` texts earlier.
        const k = 1 + (a % (texts.length - 1));
        const from = b % texts[k]!.length;
        const first = part(texts, [0], 0, { text: k, offset: from });
        const repeated = [texts[k]!.slice(from), ...texts.slice(k + 1)];
        const second = part(repeated, [0], 1, null);
        // The second part's overlap is its first text (the rest of text k); then everything after.
        const joined = [...uniqueChunks(first).chunks, { text: repeated[0]!, blockStart: false }, ...uniqueChunks(second).chunks]
          .map((c) => c.text)
          .join('');
        expect(joined).toBe(texts.join(''));
      }),
    );
  });
});

describe('positions across a cut', () => {
  it('maps a position at or after the cut into the next part, and nothing before it', () => {
    const cut = { text: 3, offset: 5 };
    expect(acrossCut(cut, { text: 3, offset: 7 })).toEqual({ text: 0, offset: 2 });
    expect(acrossCut(cut, { text: 5, offset: 1 })).toEqual({ text: 2, offset: 1 });
    expect(acrossCut(cut, { text: 3, offset: 4 })).toBeNull();
    expect(acrossCut(null, { text: 9, offset: 9 })).toBeNull();
    expect(comparePositions({ text: 1, offset: 9 }, { text: 2, offset: 0 })).toBeLessThan(0);
  });
});

describe('selectChunks', () => {
  const chunks = ['nav ', 'Farah ', 'Nazari said', ' share', 'Kamali spoke.'].map((text, i) => ({ text, blockStart: i === 0 }));

  it('keeps the named runs in order, each starting a block', () => {
    expect(selectChunks(chunks, [1, 2, 4, 1])).toEqual([
      { text: 'Farah ', blockStart: true },
      { text: 'Nazari said', blockStart: false },
      { text: 'Kamali spoke.', blockStart: true },
    ]);
  });

  it('refuses runs out of range, out of order, empty or unpaired', () => {
    for (const only of [[4, 2], [2, 1, 1, 1], [1, 0], [1]]) expect(selectChunks(chunks, only), JSON.stringify(only)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeQuote, findQuote } from '../../../lib/text/quote-anchor';

const seed = readFileSync(resolve(import.meta.dirname, '../../fixtures/seed-article.txt'), 'utf8');

function selectorFor(text: string, quote: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error('quote not in text');
  return describeQuote(text, at, at + quote.length);
}

describe('findQuote', () => {
  const quote = 'The uprising and the rising popularity of the MEK and the National Council of Resistance of Iran are a major threat';

  it('finds an unchanged quote exactly', () => {
    const sel = selectorFor(seed, quote);
    const m = findQuote(seed, sel)!;
    expect(m.exact).toBe(true);
    expect(seed.slice(m.start, m.end)).toBe(quote);
  });

  it('tells identical quotes apart by their context', () => {
    // "What surprised many was how quickly…" appears twice in the seed article.
    const repeated = 'What surprised many was how quickly the protesters’ slogans shifted';
    for (const nth of [0, 1]) {
      const sel = selectorFor(seed, repeated, nth);
      const m = findQuote(seed, sel)!;
      expect(m.start).toBe(sel.position);
    }
  });

  it('still finds the quote when the page changed a little', () => {
    const sel = selectorFor(seed, quote);
    const edited = ('Breaking: an update was added at the top of the article.\n' + seed)
      .replace('rising popularity of the MEK', 'growing popularity of the MEK')
      .replace('major threat', 'major threats');
    const m = findQuote(edited, sel)!;
    expect(m).not.toBeNull();
    expect(m.exact).toBe(false);
    expect(edited.slice(m.start, m.end)).toContain('growing popularity of the MEK and the National Council');
  });

  it('says "not found" rather than pointing somewhere wrong', () => {
    const sel = selectorFor(seed, quote);
    const removed = seed.replace(/In fact, the regime has now issued[^\n]*\n/, '');
    expect(removed).not.toContain('rising popularity');
    expect(findQuote(removed, sel)).toBeNull();
    expect(findQuote('', sel)).toBeNull();
  });

  it('keeps context at the edges of the text', () => {
    const sel = describeQuote(seed, 0, 10);
    expect(sel.prefix).toBe('');
    expect(findQuote(seed, sel)?.start).toBe(0);
    const end = describeQuote(seed, seed.length - 10, seed.length);
    expect(end.suffix).toBe('');
    expect(findQuote(seed, end)?.end).toBe(seed.length);
  });
});

describe('findQuote, inexact matches', () => {
  it('refuses a similar sentence elsewhere whose context does not agree', () => {
    const text = 'Alpha beta gamma. The council met on Monday to discuss the budget. Omega psi chi.';
    const sel = describeQuote(text, text.indexOf('The council'), text.indexOf(' Omega'));
    const elsewhere = 'Something else entirely here. The council met on Tuesday to discuss the budgets. Nothing alike follows.';
    expect(findQuote(elsewhere, sel)).toBeNull();
    // With its context intact, the same edit is found.
    const edited = text.replace('Monday', 'Tuesday');
    expect(findQuote(edited, sel)?.exact).toBe(false);
  });
});

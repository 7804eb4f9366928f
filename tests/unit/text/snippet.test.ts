import { describe, expect, it } from 'vitest';
import { snippetAround, snippetInTexts } from '../../../lib/text/snippet';

describe('snippetAround', () => {
  const block = 'First sentence here. The MEK reports extensive suppression. Last one!';
  it('returns the sentence holding the mention', () => {
    const i = block.indexOf('MEK');
    expect(snippetAround(block, i, i + 3)).toBe('The MEK reports extensive suppression.');
  });
  it('works at the start and end of the block', () => {
    expect(snippetAround(block, 0, 5)).toBe('First sentence here.');
    const i = block.indexOf('Last');
    expect(snippetAround(block, i, i + 4)).toBe('Last one!');
  });
  it('cuts a very long sentence around the mention, at word boundaries', () => {
    const long = `${'word '.repeat(200)}Rajavi ${'more '.repeat(200)}.`;
    const i = long.indexOf('Rajavi');
    const s = snippetAround(long, i, i + 6, 80);
    expect(s).toContain('Rajavi');
    expect(s.length).toBeLessThanOrEqual(82);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('snippetInTexts', () => {
  const texts = ['Before. ', 'Maryam', ' Rajavi', ' spoke today. After.', 'Next block.'];
  const starts = (i: number) => i === 0 || i === 4;

  it('joins the texts of the mention’s block, and only those', () => {
    expect(snippetInTexts(texts, starts, 1, 0, 2, 7)).toBe('Maryam Rajavi spoke today.');
    expect(snippetInTexts(texts, starts, 4, 0, 4, 4)).toBe('Next block.');
  });

  it('reads a long block only around the mention', () => {
    const long = ['x '.repeat(50_000), 'the MEK said so', ' y'.repeat(50_000)];
    const s = snippetInTexts(long, (i) => i === 0, 1, 4, 1, 7);
    expect(s).toContain('MEK');
    expect(s.length).toBeLessThanOrEqual(242);
  });
});

import { describe, expect, it } from 'vitest';
import { snippetAround } from '../../../lib/text/snippet';

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

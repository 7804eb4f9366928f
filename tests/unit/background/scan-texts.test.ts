import { describe, expect, it } from 'vitest';
import { ScanTexts, scanKey } from '../../../lib/background/scan-texts';

describe('ScanTexts: a scan’s text kept for discovery', () => {
  it('gives back the parts in order, each character once, then forgets the scan', () => {
    const kept = new ScanTexts();
    kept.keep('k', 1, { texts: ['ab', 'cd', 'ef'], breaks: [0, 2], overlap: 1, cut: null });
    kept.keep('k', 0, { texts: ['Hello ', 'world', 'xxab'], breaks: [0, 2], overlap: 0, cut: { text: 2, offset: 2 } });
    expect(kept.take('k')?.map((c) => [c.text, c.blockStart])).toEqual([
      ['Hello ', true],
      ['world', false],
      ['xx', true],
      ['cd', false],
      ['ef', true],
    ]);
    expect(kept.take('k')).toBeNull();
  });

  it('a scan with a missing part is not given back', () => {
    const kept = new ScanTexts();
    kept.keep('k', 1, { texts: ['b'], breaks: [0], overlap: 0, cut: null });
    expect(kept.take('k')).toBeNull();
  });

  it('keeps a few scans and bounded text, the oldest dropped first', () => {
    const kept = new ScanTexts(2, 100);
    kept.keep('a', 0, { texts: ['a'], breaks: [0], overlap: 0, cut: null });
    kept.keep('b', 0, { texts: ['b'], breaks: [0], overlap: 0, cut: null });
    kept.keep('c', 0, { texts: ['c'], breaks: [0], overlap: 0, cut: null });
    expect(kept.size).toBe(2);
    expect(kept.take('a')).toBeNull();
    kept.keep('big', 0, { texts: ['x'.repeat(150)], breaks: [0], overlap: 0, cut: null });
    expect(kept.take('big')).toBeNull();
    expect(kept.take('c')?.[0]?.text).toBe('c');
  });

  it('keys scans by tab and frame: another tab cannot read this one’s text', () => {
    expect(scanKey({ tab: { id: 4 }, frameId: 0 }, 's1')).toBe('4:0:s1');
    expect(scanKey({ tab: { id: 5 }, frameId: 0 }, 's1')).not.toBe(scanKey({ tab: { id: 4 }, frameId: 0 }, 's1'));
    expect(scanKey({}, 's1')).toBeNull();
  });
});

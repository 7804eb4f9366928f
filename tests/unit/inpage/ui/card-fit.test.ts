import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD_FRAME, CARD_VIEWPORT_MARGIN, frameSize } from '../../../../lib/inpage/ui/card-fit';

describe('frameSize: the card frame fits the viewport and tells nothing of what it holds', () => {
  it('is the card’s own size where there is room', () => {
    expect(frameSize(CARD_FRAME, { width: 1280, height: 900 })).toEqual(CARD_FRAME);
  });

  it('shrinks to the viewport less its margins in a small window', () => {
    expect(frameSize(CARD_FRAME, { width: 300, height: 200 })).toEqual({ width: 300 - 2 * CARD_VIEWPORT_MARGIN, height: 200 - 2 * CARD_VIEWPORT_MARGIN });
  });

  it('never exceeds the viewport less its margins, and depends on nothing but the viewport', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 4000 }), (width, height) => {
        const s = frameSize(CARD_FRAME, { width, height });
        expect(s.width).toBeLessThanOrEqual(Math.max(0, width - 2 * CARD_VIEWPORT_MARGIN));
        expect(s.height).toBeLessThanOrEqual(Math.max(0, height - 2 * CARD_VIEWPORT_MARGIN));
        expect(s.width).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(s.width) && Number.isInteger(s.height)).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD_MAX_HEIGHT, CARD_MIN_BODY, CARD_VIEWPORT_MARGIN, cardMaxHeight } from '../../../../lib/inpage/ui/card-fit';

describe('cardMaxHeight: the hover card fits the viewport', () => {
  it('takes the room beside the mark when the card is taller, up to the usual cap', () => {
    expect(cardMaxHeight({ availableHeight: 280, viewportHeight: 650, fixedHeight: 90, bodyHeight: 1500 })).toBe(280);
    expect(cardMaxHeight({ availableHeight: 900, viewportHeight: 1200, fixedHeight: 90, bodyHeight: 1500 })).toBe(CARD_MAX_HEIGHT);
  });

  it('keeps the fixed parts and a few lines of the body even when the room beside the mark is smaller (the card then covers the mark)', () => {
    // The note form open (fixed 270 px) with 212 px below the mark in an 800×500 window.
    expect(cardMaxHeight({ availableHeight: 212, viewportHeight: 500, fixedHeight: 270, bodyHeight: 1500 })).toBe(270 + CARD_MIN_BODY);
    // A short body is kept whole.
    expect(cardMaxHeight({ availableHeight: 100, viewportHeight: 500, fixedHeight: 120, bodyHeight: 30 })).toBe(150);
  });

  it('lets a card with the note form open exceed the usual cap so its body keeps a few lines', () => {
    expect(cardMaxHeight({ availableHeight: 600, viewportHeight: 900, fixedHeight: 400, bodyHeight: 1500 })).toBe(400 + CARD_MIN_BODY);
  });

  it('never exceeds the viewport less its margins, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 20000 }),
        (availableHeight, viewportHeight, fixedHeight, bodyHeight) => {
          const h = cardMaxHeight({ availableHeight, viewportHeight, fixedHeight, bodyHeight });
          expect(Number.isInteger(h)).toBe(true);
          expect(h).toBeGreaterThanOrEqual(0);
          expect(h).toBeLessThanOrEqual(Math.max(0, viewportHeight - 2 * CARD_VIEWPORT_MARGIN));
          // Whenever the fixed parts and a few body lines fit the viewport, they fit the card.
          const least = fixedHeight + Math.min(bodyHeight, CARD_MIN_BODY);
          if (least <= viewportHeight - 2 * CARD_VIEWPORT_MARGIN) expect(h).toBeGreaterThanOrEqual(least);
        },
      ),
    );
  });
});

/**
 * The sizes of the extension frames (the card and the note composer), and how they fit the
 * viewport. Pure (numbers in, numbers out), tested in Node.
 *
 * A frame's size depends on the viewport only, never on what it holds: the page can measure our
 * host element, and a card sized to its content told it how many other articles the reader read
 * about someone (issue 15, attack 4c). So each frame has one size, shrunk only to fit a small
 * window; its content scrolls inside. The card is a column: a header and a footer ("Add note",
 * or the note form with its Save button) that never scroll, and a body (aliases, notes, other
 * articles) that scrolls between them, so the footer is reachable without scrolling the card.
 * Where the room on either side of the mark is too short, the placement (floating-ui's shift)
 * moves the card over the mark rather than past the viewport's edge.
 */

/** Gap kept between a frame and the viewport's edges (px). */
export const CARD_VIEWPORT_MARGIN = 8;

export interface FrameSize {
  width: number;
  height: number;
}

/** The card: a card, not a page. */
export const CARD_FRAME: FrameSize = { width: 380, height: 360 };
/** The note composer after "Save note": the quote, the entities, a comment and tags. */
export const COMPOSER_FRAME: FrameSize = { width: 360, height: 330 };
/** The composer's hint "select some text first" (it holds no data of the reader's). */
export const HINT_FRAME: FrameSize = { width: 360, height: 72 };

/** The frame's size in a viewport of `viewport` (whole px): its own size, less what does not fit. */
export function frameSize(size: FrameSize, viewport: FrameSize, margin = CARD_VIEWPORT_MARGIN): FrameSize {
  return {
    width: Math.max(0, Math.floor(Math.min(size.width, viewport.width - 2 * margin))),
    height: Math.max(0, Math.floor(Math.min(size.height, viewport.height - 2 * margin))),
  };
}

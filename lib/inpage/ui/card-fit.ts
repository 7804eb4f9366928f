/**
 * How tall the hover card may be, so that it always fits the viewport. Pure (numbers in, a
 * number out): the tooltip host measures, floating-ui's `size` middleware says how much room the
 * chosen side of the mark has, and this decides. Kept apart from the DOM so that it can move with
 * the card (an extension-origin frame is planned) and is tested in Node.
 *
 * The card is a column: a header and a footer ("Add note", or the note form with its Save
 * button) that never scroll, and a body (aliases, notes, other articles) that scrolls inside.
 * So the footer is reachable without scrolling the card as long as the card's height leaves the
 * body a few lines. When the side of the mark has less room than that, the card is given the
 * height it needs anyway and the placement shifts it over the mark (shift's crossAxis) rather
 * than past the viewport's edge.
 */

/** Gap kept between the card and the viewport's edges (px). */
export const CARD_VIEWPORT_MARGIN = 8;
/** The card's height when there is room: a card, not a page (px). */
export const CARD_MAX_HEIGHT = 420;
/** The least of the body shown when space is short: about three lines (px). */
export const CARD_MIN_BODY = 64;

export interface CardFitInput {
  /** Room on the side of the mark the card is placed on (floating-ui's availableHeight). */
  availableHeight: number;
  /** The viewport's height (documentElement.clientHeight). */
  viewportHeight: number;
  /** Height of what does not scroll: padding, borders, header, footer or note form. */
  fixedHeight: number;
  /** Height the body's content would take unclipped (its scrollHeight). */
  bodyHeight: number;
}

/** The card's max-height in px (a whole number). */
export function cardMaxHeight({ availableHeight, viewportHeight, fixedHeight, bodyHeight }: CardFitInput): number {
  const inViewport = Math.max(0, viewportHeight - 2 * CARD_VIEWPORT_MARGIN);
  // Enough to show the fixed parts and a few lines of the body (all of it if it is short).
  const least = fixedHeight + Math.min(Math.max(0, bodyHeight), CARD_MIN_BODY);
  // A card with the note form open may exceed the usual cap, so its body keeps a few lines.
  const cap = Math.max(CARD_MAX_HEIGHT, least);
  const wanted = Math.max(availableHeight, least);
  return Math.max(0, Math.floor(Math.min(wanted, cap, inViewport)));
}

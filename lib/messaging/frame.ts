/**
 * The wire of the extension frames (docs/in-page.md, "The card's frame"): the card and the note
 * composer render in an extension page (entrypoints/card) inside an iframe the content script
 * puts in the page. The two never talk directly — anything the content script could post into
 * the frame's window, the page could post too — but through the background, over two ports it
 * pairs (lib/background/frame-relay.ts):
 *
 * 1. the content script opens a host port and registers a one-time token (`register`); the
 *    background answers `registered` and remembers the token with the tab the browser says the
 *    port came from;
 * 2. the content script loads the frame page with the token in its URL's fragment; the frame
 *    opens a frame port and claims the token (`claim`). The background pairs the two only when
 *    the frame is our page and in the same tab; the token is then spent. A page that loads the
 *    frame page itself has no token, and a token claimed from another tab is void;
 * 3. from then on each port's messages are handed to the other, except `open`: a link of the
 *    card, which the background opens itself (tabs.update/tabs.create), never the page; and
 *    `alive`, which the frame sends every 20 s while it shows something, so that the worker (and
 *    the pair of ports) is not stopped as idle while the reader writes.
 *
 * Shapes only (no zod): the background checks the few fields it reads; the frame and the content
 * script trust nothing but each other's messages through the pair.
 */

/** The frame page (entrypoints/card/index.html), web-accessible. */
export const FRAME_PAGE_PATH = '/card.html';
/** Port names: the content script's end and the frame's end. */
export const FRAME_HOST_PORT = 'ncr/frame-host';
export const FRAME_PORT = 'ncr/frame';

/** First message on a host port; the background answers `registered`. */
export interface RegisterFrame {
  t: 'register';
  token: string;
}
/** First message on a frame port. */
export interface ClaimFrame {
  t: 'claim';
  token: string;
}
/** A link of the frame, opened by the background in the frame's tab (or a new one). */
export interface OpenLink {
  t: 'open';
  url: string;
  newTab: boolean;
}

/** A token: 128 random bits, hex. */
export const TOKEN_PATTERN = /^[0-9a-f]{32}$/;

export function newFrameToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An address the frame may ask to open: http(s) only (never javascript:, data:, extension pages). */
export function openableUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

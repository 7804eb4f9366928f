/**
 * Reads the visible text under some roots of the page, a few milliseconds at a time, into
 * parts: the text of each text node (`texts`), which of them start a new block (`breaks`: a
 * mention never crosses a block boundary), and where each came from (`pieces`), so that
 * matches found in a part — by the background, see lib/inpage/core/page-reader.ts — can be turned
 * back into ranges.
 *
 * A part normally ends at a block boundary, so cutting the page into parts loses no mention.
 * Parts are handed out as reading goes (the first part of a long page is matched while the rest
 * is read) and kept small enough that sending one, or receiving its matches, is a short task.
 * Only a block too big for one part (a huge text node, 100,000 spans in one <div>) is cut inside;
 * the next part then starts with the last few hundred characters before the cut again, so a
 * mention across the cut is still found whole, once (see `cut` and `overlap`).
 */
import type { TextChunk } from '../text/types';
import { snippetInTexts } from '../text/snippet';
import { uniqueChunks, type PartPosition } from '../text/parts';
import { PAUSED, VisibleTextWalker, isScannable, type LayoutRecorder } from './collect-text';

/** Where a text of a part came from: a text node, from `base` on (huge nodes come in pieces). */
export interface Piece {
  node: Text;
  base: number;
  /** The block element around the node: the unit of density and of rescans. */
  block: Element | null;
  /** The element holding the node, by its number in the scan's layout (-1: none recorded). */
  owner: number;
}

export interface TextPart {
  texts: string[];
  /** Indices into `texts` of the texts that start a new block (0 always does). */
  breaks: number[];
  pieces: Piece[];
  chars: number;
  /** Leading texts that repeat the end of the previous part (it was cut inside a block). */
  overlap: number;
  /**
   * Where this part was cut inside a block, or null: a match starting at or after it is left to
   * the next part, which holds the text around the cut whole.
   */
  cut: PartPosition | null;
}

/** Once this much text is read, the part is handed out at the next block boundary… */
const PART_CHARS = 128_000;
/** …or this many texts (sending each costs a little, receiving their matches too). */
const PART_TEXTS = 4_000;
/** …or at the end of a slice once it holds this much (pipelining on long pages). */
const SLICE_PART_CHARS = 16_000;
/** One block holding more than this is cut inside it, with an overlap. */
const HARD_PART_CHARS = 256_000;
const HARD_PART_TEXTS = 8_000;
/** What the next part repeats of a cut one: longer than any alias (names are ≤ 200 characters). */
const OVERLAP_CHARS = 512;
/** A text node longer than this is read in pieces cut at white space (one 2 MB node…). */
const MAX_PIECE = 64_000;
/** Text nodes looked at without finding text before a slice checks its clock. */
const LOOK_AHEAD = 64;
/** Texts read between two looks at the clock. */
const CLOCK_EVERY = 16;

export class TextReader {
  readonly #walkers: VisibleTextWalker[];
  #current = 0;
  #part: TextPart = emptyPart();
  /** Characters and texts read of the block being read (not yet complete). */
  #openBlockChars = 0;
  #openBlockTexts = 0;
  #flushAtNextBlock = false;
  #nextIsBlock = true;
  /** A huge text node being read in pieces. */
  #huge: { node: Text; data: string; base: number; block: Element | null; blockStart: boolean; owner: number } | null = null;
  textNodes = 0;
  characters = 0;

  constructor(roots: readonly Node[], exclude: Element | null, layout?: LayoutRecorder) {
    // A rescan may start inside a region that is never scanned (an editable box, a form
    // control, our own UI): the walker only filters what is below its root, so check above.
    this.#walkers = roots.filter((r) => isScannable(r, exclude)).map((r) => new VisibleTextWalker(r, { exclude, layout }));
  }

  /**
   * Read until `timeLeft()` says stop (at least one node). Returns the parts completed and
   * whether everything is read (the last part is then included).
   */
  read(timeLeft: () => boolean): { parts: TextPart[]; done: boolean } {
    const parts: TextPart[] = [];
    // The clock is read every CLOCK_EVERY texts: reading it costs about as much as a text.
    let n = 0;
    do {
      if (this.#huge) {
        this.#readHugePiece(parts);
        continue;
      }
      const walker = this.#walkers[this.#current];
      if (!walker) {
        if (this.#part.texts.length) parts.push(this.#takePart());
        return { parts, done: true };
      }
      const t = walker.nextWithin(LOOK_AHEAD);
      if (t === PAUSED) continue;
      if (!t) {
        // Each root is its own block (rescans of several changed blocks).
        this.#current++;
        this.#nextIsBlock = true;
        continue;
      }
      const blockStart = t.blockStart || this.#nextIsBlock;
      this.#nextIsBlock = false;
      this.textNodes++;
      if (t.data.length > MAX_PIECE) {
        this.#huge = { node: t.node, data: t.data, base: 0, block: t.block, blockStart, owner: t.owner };
        continue;
      }
      this.#add(t.data, { node: t.node, base: 0, block: t.block, owner: t.owner }, blockStart, parts);
    } while (++n % CLOCK_EVERY !== 0 || timeLeft());
    if (this.#part.chars >= SLICE_PART_CHARS) this.#flushAtNextBlock = true;
    return { parts, done: false };
  }

  #readHugePiece(parts: TextPart[]) {
    const h = this.#huge!;
    const end = cutPoint(h.data, h.base);
    // Pieces of one node continue one block: a mention across a cut is still found when both
    // pieces travel in the same part (and through the overlap when they do not).
    this.#add(h.data.slice(h.base, end), { node: h.node, base: h.base, block: h.block, owner: h.owner }, h.blockStart, parts);
    h.base = end;
    h.blockStart = false;
    if (end >= h.data.length) this.#huge = null;
  }

  #add(text: string, piece: Piece, blockStart: boolean, parts: TextPart[]) {
    if (blockStart) {
      // A block ends here: everything before it can go.
      const p = this.#part;
      if (p.texts.length && (this.#flushAtNextBlock || p.chars >= PART_CHARS || p.texts.length >= PART_TEXTS)) parts.push(this.#takePart());
      this.#openBlockChars = 0;
      this.#openBlockTexts = 0;
    } else if (this.#openBlockChars >= HARD_PART_CHARS || this.#openBlockTexts >= HARD_PART_TEXTS) {
      // One block too big for a part: cut it here, the next part repeating the end of this one.
      parts.push(this.#cutPart());
      this.#openBlockChars = this.#part.chars;
      this.#openBlockTexts = this.#part.texts.length;
    }
    const p = this.#part;
    if (blockStart || p.texts.length === 0) p.breaks.push(p.texts.length);
    p.texts.push(text);
    p.pieces.push(piece);
    p.chars += text.length;
    this.#openBlockChars += text.length;
    this.#openBlockTexts++;
    this.characters += text.length;
  }

  #takePart(): TextPart {
    const part = this.#part;
    this.#part = emptyPart();
    this.#flushAtNextBlock = false;
    return part;
  }

  /** End the current part inside a block; the new part starts with its last OVERLAP_CHARS. */
  #cutPart(): TextPart {
    const prev = this.#takePart();
    let k = prev.texts.length - 1;
    let tail = prev.texts[k]!.length;
    while (k > 0 && tail < OVERLAP_CHARS) tail += prev.texts[--k]!.length;
    // Of the first text of the tail, only what the overlap needs (a long piece is not resent).
    const first = prev.texts[k]!;
    let from = Math.max(0, tail - OVERLAP_CHARS);
    const c = first.charCodeAt(from);
    if (from > 0 && c >= 0xdc00 && c <= 0xdfff) from--; // never split a surrogate pair
    prev.cut = { text: k, offset: from };
    const next = this.#part;
    const head = prev.pieces[k]!;
    next.texts.push(from ? first.slice(from) : first);
    next.pieces.push(from ? { ...head, base: head.base + from } : head);
    for (let j = k + 1; j < prev.texts.length; j++) {
      next.texts.push(prev.texts[j]!);
      next.pieces.push(prev.pieces[j]!);
    }
    next.breaks.push(0);
    next.overlap = next.texts.length;
    for (const t of next.texts) next.chars += t.length;
    return prev;
  }
}

function emptyPart(): TextPart {
  return { texts: [], breaks: [], pieces: [], chars: 0, overlap: 0, cut: null };
}

/**
 * What a scan read, for a second reader (discovery): where each chunk of the page's text came
 * from, each character once (overlaps and cut tails left out) — numbered as the background's
 * copy of the scan's parts is (lib/background/scan-texts.ts) — and the text itself on demand.
 */
export interface ReadText {
  /** The scan whose parts the background kept, or null. */
  scan: string | null;
  /**
   * Only some of the scan's text: runs of its texts, as [first, count, first, count, …] in the
   * scan's numbering (selectChunks in lib/text/parts.ts). Absent: all of it.
   */
  only?: number[];
  pieces: Piece[];
  chars: number;
  chunks(): TextChunk[];
  /** The layout the scan recorded, if it did (the pieces' owners are numbers in it). */
  layout?: LayoutRecorder;
}

export function readTextOf(parts: readonly TextPart[], scan: string | null, layout?: LayoutRecorder): ReadText {
  const pieces: Piece[] = [];
  let chars = 0;
  for (const part of parts) {
    if (part.overlap === 0 && !part.cut) {
      // A part that ends at a block boundary (nearly all): every text is its own.
      for (const piece of part.pieces) pieces.push(piece);
      chars += part.chars;
      continue;
    }
    const unique = uniqueChunks(part);
    for (const i of unique.from) pieces.push(part.pieces[i]!);
    for (const c of unique.chunks) chars += c.text.length;
  }
  return {
    scan,
    pieces,
    chars,
    ...(layout && { layout }),
    chunks: () => {
      const out = parts.flatMap((part) => uniqueChunks(part).chunks);
      if (out[0]) out[0] = { text: out[0].text, blockStart: true };
      return out;
    },
  };
}

/**
 * The sentence around a mention of a part, from the texts of its block (when the one the
 * background picked is not usable: the first mention was in hidden text).
 */
export function snippetInPart(part: TextPart, startText: number, startOffset: number, endText: number, endOffset: number): string {
  const breaks = new Set(part.breaks);
  return snippetInTexts(part.texts, (i) => breaks.has(i), startText, startOffset, endText, endOffset);
}

/** Where to end a piece of a huge text starting at `base`: white space near MAX_PIECE. */
function cutPoint(data: string, base: number): number {
  const limit = base + MAX_PIECE;
  if (limit >= data.length) return data.length;
  // Prefer a sentence end, else any white space, in the last quarter of the piece.
  const floor = base + (MAX_PIECE * 3) / 4;
  for (let i = limit; i > floor; i--) {
    if (data.charCodeAt(i) === 0x0a || (data[i - 1] === '.' && data.charCodeAt(i) === 0x20)) return i;
  }
  for (let i = limit; i > floor; i--) if (data.charCodeAt(i) === 0x20) return i;
  // Never split a surrogate pair.
  const c = data.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit + 1 : limit;
}

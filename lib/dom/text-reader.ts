/**
 * Reads the visible text under some roots of the page, a few milliseconds at a time, into
 * parts: the text of each text node (`texts`), which of them start a new block (`breaks`: a
 * mention never crosses a block boundary), and where each came from (`pieces`), so that
 * matches found in a part — by the background, see lib/inpage/page-reader.ts — can be turned
 * back into ranges.
 *
 * A part ends at a block boundary, so cutting the page into parts loses no mention. Parts are
 * handed out as reading goes (the first part of a long page is matched while the rest is read);
 * only text beyond HARD_PART_CHARS in one block is cut mid-block.
 */
import type { TextChunk } from '../text/types';
import { snippetAround } from '../text/snippet';
import { PAUSED, VisibleTextWalker, isScannable } from './collect-text';

/** Where a text of a part came from: a text node, from `base` on (huge nodes come in pieces). */
export interface Piece {
  node: Text;
  base: number;
  /** The block element around the node: the unit of density and of rescans. */
  block: Element | null;
}

export interface TextPart {
  texts: string[];
  /** Indices into `texts` of the texts that start a new block (0 always does). */
  breaks: number[];
  pieces: Piece[];
  chars: number;
}

/** Once this much text is read, the part is handed out at the next block boundary… */
const PART_CHARS = 256_000;
/** …or at the end of a slice once it holds this much (pipelining on long pages). */
const SLICE_PART_CHARS = 16_000;
/** A block holding more than this is cut mid-block (a mention across the cut is missed). */
const HARD_PART_CHARS = 1_000_000;
/** A text node longer than this is read in pieces cut at white space (one 2 MB node…). */
const MAX_PIECE = 256_000;
/** Text nodes looked at without finding text before a slice checks its clock. */
const LOOK_AHEAD = 64;

export class TextReader {
  private readonly walkers: VisibleTextWalker[];
  private current = 0;
  private part: TextPart = emptyPart();
  /** Characters read of the block being read (not yet complete). */
  private openBlockChars = 0;
  private flushAtNextBlock = false;
  /** A huge text node being read in pieces. */
  private huge: { node: Text; base: number; block: Element | null; blockStart: boolean } | null = null;
  textNodes = 0;
  characters = 0;

  constructor(roots: readonly Node[], exclude: Element | null) {
    // A rescan may start inside a region that is never scanned (an editable box, a form
    // control, our own UI): the walker only filters what is below its root, so check above.
    this.walkers = roots.filter((r) => isScannable(r, exclude)).map((r) => new VisibleTextWalker(r, { exclude }));
  }

  /**
   * Read until `timeLeft()` says stop (at least one node). Returns the parts completed and
   * whether everything is read (the last part is then included).
   */
  read(timeLeft: () => boolean): { parts: TextPart[]; done: boolean } {
    const parts: TextPart[] = [];
    do {
      if (this.huge) {
        this.readHugePiece(parts);
        continue;
      }
      const walker = this.walkers[this.current];
      if (!walker) {
        if (this.part.texts.length) parts.push(this.takePart());
        return { parts, done: true };
      }
      const t = walker.nextWithin(LOOK_AHEAD);
      if (t === PAUSED) continue;
      if (!t) {
        // Each root is its own block (rescans of several changed blocks).
        this.current++;
        this.nextIsBlock = true;
        continue;
      }
      const blockStart = t.blockStart || this.nextIsBlock;
      this.nextIsBlock = false;
      this.textNodes++;
      const data = t.data;
      if (data.length > MAX_PIECE) {
        this.huge = { node: t.node, base: 0, block: t.block, blockStart };
        continue;
      }
      this.add(data, { node: t.node, base: 0, block: t.block }, blockStart, parts);
    } while (timeLeft());
    if (this.part.chars >= SLICE_PART_CHARS) this.flushAtNextBlock = true;
    return { parts, done: false };
  }

  private nextIsBlock = true;

  private readHugePiece(parts: TextPart[]) {
    const h = this.huge!;
    const data = h.node.data;
    const end = cutPoint(data, h.base);
    // Pieces of one node continue one block: a mention across a cut is still found when both
    // pieces travel in the same part.
    this.add(data.slice(h.base, end), { node: h.node, base: h.base, block: h.block }, h.blockStart, parts);
    h.base = end;
    h.blockStart = false;
    if (end >= data.length) this.huge = null;
  }

  private add(text: string, piece: Piece, blockStart: boolean, parts: TextPart[]) {
    if (blockStart) {
      // A block ends here: everything before it can go.
      if (this.part.texts.length && (this.flushAtNextBlock || this.part.chars >= PART_CHARS)) parts.push(this.takePart());
      this.openBlockChars = 0;
    } else if (this.openBlockChars >= HARD_PART_CHARS) {
      // One block past the hard limit: cut it here.
      parts.push(this.takePart());
      blockStart = true;
      this.openBlockChars = 0;
    }
    const p = this.part;
    if (blockStart || p.texts.length === 0) p.breaks.push(p.texts.length);
    p.texts.push(text);
    p.pieces.push(piece);
    p.chars += text.length;
    this.openBlockChars += text.length;
    this.characters += text.length;
  }

  private takePart(): TextPart {
    const part = this.part;
    this.part = emptyPart();
    this.flushAtNextBlock = false;
    return part;
  }
}

function emptyPart(): TextPart {
  return { texts: [], breaks: [], pieces: [], chars: 0 };
}

/** The texts of parts as the text core's chunks (for discovery, which reads the whole page). */
export function partsAsChunks(parts: readonly TextPart[]): { chunks: TextChunk[]; pieces: Piece[] } {
  const chunks: TextChunk[] = [];
  const pieces: Piece[] = [];
  for (const part of parts) {
    let b = 0;
    for (let i = 0; i < part.texts.length; i++) {
      const blockStart = part.breaks[b] === i;
      if (blockStart) b++;
      chunks.push({ text: part.texts[i]!, blockStart });
      pieces.push(part.pieces[i]!);
    }
  }
  return { chunks, pieces };
}

/**
 * The sentence around a mention of a part, from the texts of its block (when the one the
 * background picked is not usable: the first mention was in hidden text).
 */
export function snippetInPart(part: TextPart, startText: number, startOffset: number, endText: number, endOffset: number): string {
  const isBreak = new Set(part.breaks);
  let first = startText;
  while (first > 0 && !isBreak.has(first)) first--;
  let last = endText;
  while (last + 1 < part.texts.length && !isBreak.has(last + 1)) last++;
  let block = '';
  let start = 0;
  let end = 0;
  for (let i = first; i <= last; i++) {
    if (i === startText) start = block.length + startOffset;
    if (i === endText) end = block.length + endOffset;
    block += part.texts[i];
  }
  return snippetAround(block, start, end);
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

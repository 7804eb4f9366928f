/**
 * Finds the glossary's mentions in a part of the page, a few milliseconds at a time: text
 * nodes are read with VisibleTextWalker, gathered into segments that end at block boundaries
 * (a mention never crosses one, so cutting there loses nothing), matched by the text core, and
 * turned into ranges. The caller paints each batch as it arrives.
 */
import type { Matcher } from '../text/matcher';
import type { TextChunk, TermMatch, TextPosition } from '../text/types';
import { snippetAround } from '../text/snippet';
import { PAUSED, VisibleTextWalker, isScannable } from './collect-text';
import type { CostMeter } from './time-slicer';
import { yieldToBrowser, SLICE_BUDGET_MS } from './time-slicer';

export interface FoundMark {
  entityId: string;
  range: Range;
  /** Block element around the mark's first text node: the unit of density and rescans. */
  block: Element | null;
  startNode: Text;
  endNode: Text;
  /** The sentence around it; set on the first mark of each entity in a batch. */
  snippet?: string;
}

export interface ScanBatch {
  marks: FoundMark[];
  textNodes: number;
  characters: number;
}

/** Segments are matched once they hold this much text (and end at a block boundary). */
const SEGMENT_CHARS = 4_096;
/** Inline text of one block is matched in windows of this size… */
const WINDOW_CHARS = 16_384;
/** …overlapping by this much (longer than any alias: names are at most 200 characters). */
const WINDOW_TAIL = 512;
/** A slice stops once it has found this many marks (painting them is part of its task). */
const MAX_MARKS_PER_BATCH = 400;
/** A text node longer than this is matched in pieces cut at white space (one 2 MB node...). */
const MAX_PIECE = 16_384;

export interface Piece {
  node: Text;
  base: number;
  block: Element | null;
}

/** Everything a scan read, for a second consumer (discovery) that needs no second walk. */
export interface ReadText {
  chunks: TextChunk[];
  pieces: Piece[];
}

export class Scanner {
  constructor(
    private readonly doc: Document,
    private readonly matcher: Matcher,
    private readonly exclude: () => Element | null,
  ) {}

  async scan(
    root: Node,
    meter: CostMeter,
    cancelled: () => boolean,
    onBatch: (batch: ScanBatch) => void,
    budgetMs = SLICE_BUDGET_MS,
    keep?: ReadText,
  ): Promise<void> {
    // A rescan may start inside a region that is never scanned (an editable box, a form
    // control, our own UI): the walker only filters what is below its root, so check above.
    if (!isScannable(root, this.exclude())) {
      onBatch({ marks: [], textNodes: 0, characters: 0 });
      return;
    }
    const walker = new VisibleTextWalker(root, { exclude: this.exclude() });
    let chunks: TextChunk[] = [];
    let pieces: Piece[] = [];
    let chars = 0;
    let textNodes = 0;
    let batch: ScanBatch = { marks: [], textNodes: 0, characters: 0 };
    let done = false;

    // Where the last accepted match of a cut-off window ended, in the current segment's
    // numbering: the next window starts before it and must not match inside it again.
    let acceptedUpTo: TextPosition | null = null;

    const flushSegment = () => {
      if (chunks.length) this.matchSegment(chunks, pieces, batch.marks, chunks.length, acceptedUpTo);
      if (keep) {
        for (const c of chunks) keep.chunks.push(c);
        for (const p of pieces) keep.pieces.push(p);
      }
      batch.characters += chars;
      batch.textNodes += textNodes;
      chunks = [];
      pieces = [];
      chars = 0;
      textNodes = 0;
      acceptedUpTo = null;
    };

    /**
     * One block with a great deal of inline text (100,000 spans in one <div>): match it in
     * windows. The last WINDOW_TAIL characters are matched again with the next window, so a
     * mention across the cut is found whole, once.
     */
    const flushWindow = () => {
      let tail = 0;
      let cut = chunks.length;
      while (cut > 0 && tail < WINDOW_TAIL) tail += chunks[--cut]!.text.length;
      if (cut <= 0) return flushSegment();
      const end = this.matchSegment(chunks, pieces, batch.marks, cut, acceptedUpTo);
      acceptedUpTo = end && end.chunk >= cut ? { chunk: end.chunk - cut, offset: end.offset } : null;
      if (keep) {
        for (let i = 0; i < cut; i++) {
          keep.chunks.push(chunks[i]!);
          keep.pieces.push(pieces[i]!);
        }
      }
      batch.characters += chars - tail;
      batch.textNodes += textNodes;
      chunks = chunks.slice(cut);
      pieces = pieces.slice(cut);
      chars = tail;
      textNodes = 0;
    };

    while (!done) {
      if (cancelled()) return;
      meter.beginSlice();
      // A slice also ends once it has found enough marks: painting them is part of the task.
      while (meter.sliceElapsed() < budgetMs && batch.marks.length < MAX_MARKS_PER_BATCH) {
        // A bounded look-ahead: a long hidden region must not make one slice long.
        const t = walker.nextWithin(64);
        if (t === PAUSED) continue;
        if (!t) {
          done = true;
          break;
        }
        if (t.blockStart && chars >= SEGMENT_CHARS) flushSegment();
        else if (chars >= WINDOW_CHARS) flushWindow();
        textNodes++;
        const data = t.node.data;
        if (data.length <= MAX_PIECE) {
          chunks.push({ text: data, blockStart: t.blockStart });
          pieces.push({ node: t.node, base: 0, block: t.block });
          chars += data.length;
          continue;
        }
        // A huge node: match it piece by piece, each piece its own segment.
        flushSegment();
        let base = 0;
        let first = true;
        while (base < data.length) {
          const end = cutPoint(data, base);
          chunks.push({ text: data.slice(base, end), blockStart: first ? t.blockStart : true });
          pieces.push({ node: t.node, base, block: t.block });
          chars += end - base;
          first = false;
          base = end;
          flushSegment();
          if ((meter.sliceElapsed() >= budgetMs || batch.marks.length >= MAX_MARKS_PER_BATCH) && base < data.length) {
            // Paint what this slice found before yielding: a 2 MB node is many slices.
            meter.endSlice();
            onBatch(batch);
            batch = { marks: [], textNodes: 0, characters: 0 };
            await yieldToBrowser();
            if (cancelled()) return;
            meter.beginSlice();
          }
        }
      }
      if (done) flushSegment();
      meter.endSlice();
      if (batch.marks.length || done) {
        onBatch(batch);
        batch = { marks: [], textNodes: 0, characters: 0 };
      }
      if (!done) await yieldToBrowser();
    }
  }

  /**
   * Match a segment; keep the matches that start before chunk `acceptBefore` and not before
   * `skipBefore`. Returns where the last kept match ends.
   */
  private matchSegment(
    chunks: TextChunk[],
    pieces: Piece[],
    out: FoundMark[],
    acceptBefore: number,
    skipBefore: TextPosition | null,
  ): TextPosition | null {
    const matches = this.matcher.findMatches(chunks);
    const seen = new Set<string>();
    let lastEnd: TextPosition | null = null;
    for (const m of matches) {
      if (m.start.chunk >= acceptBefore) continue;
      if (skipBefore && (m.start.chunk < skipBefore.chunk || (m.start.chunk === skipBefore.chunk && m.start.offset < skipBefore.offset))) continue;
      lastEnd = m.end;
      const start = pieces[m.start.chunk]!;
      const end = pieces[m.end.chunk]!;
      const range = this.doc.createRange();
      try {
        range.setStart(start.node, start.base + m.start.offset);
        range.setEnd(end.node, end.base + m.end.offset);
      } catch {
        continue; // the node changed under us; the mutation watcher will rescan it
      }
      const mark: FoundMark = { entityId: m.entityId, range, block: start.block, startNode: start.node, endNode: end.node };
      if (!seen.has(m.entityId)) {
        seen.add(m.entityId);
        mark.snippet = snippetOf(chunks, m);
      }
      out.push(mark);
    }
    return lastEnd;
  }
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

/** The sentence around a match, from the block that holds it. */
function snippetOf(chunks: TextChunk[], m: TermMatch): string {
  let first = m.start.chunk;
  while (first > 0 && !chunks[first]!.blockStart) first--;
  let last = m.end.chunk;
  while (last + 1 < chunks.length && !chunks[last + 1]!.blockStart) last++;
  let block = '';
  let start = 0;
  let end = 0;
  for (let c = first; c <= last; c++) {
    if (c === m.start.chunk) start = block.length + m.start.offset;
    if (c === m.end.chunk) end = block.length + m.end.offset;
    block += chunks[c]!.text;
  }
  return snippetAround(block, start, end);
}

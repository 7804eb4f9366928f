/**
 * Finds the glossary's mentions in a part of the page, a few milliseconds at a time: text
 * nodes are read with VisibleTextWalker, gathered into segments that end at block boundaries
 * (a mention never crosses one, so cutting there loses nothing), matched by the text core, and
 * turned into ranges. The caller paints each batch as it arrives.
 */
import type { Matcher } from '../text/matcher';
import type { TextChunk, TermMatch } from '../text/types';
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

    const flushSegment = () => {
      if (chunks.length) this.matchSegment(chunks, pieces, batch.marks);
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
    };

    while (!done) {
      if (cancelled()) return;
      meter.beginSlice();
      while (meter.sliceElapsed() < budgetMs) {
        // A bounded look-ahead: a long hidden region must not make one slice long.
        const t = walker.nextWithin(64);
        if (t === PAUSED) continue;
        if (!t) {
          done = true;
          break;
        }
        if (t.blockStart && chars >= SEGMENT_CHARS) flushSegment();
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
          if (meter.sliceElapsed() >= budgetMs && base < data.length) {
            meter.endSlice();
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

  private matchSegment(chunks: TextChunk[], pieces: Piece[], out: FoundMark[]): void {
    const matches = this.matcher.findMatches(chunks);
    const seen = new Set<string>();
    for (const m of matches) {
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

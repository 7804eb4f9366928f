/**
 * A page's text travels to the background in parts (lib/dom/text-reader.ts). A part normally
 * ends at a block boundary; a block too big for one part is cut inside, and the next part
 * starts by repeating the text from the cut on (its `overlap` leading texts), so a mention
 * across the cut is found whole by the next part. These helpers put the parts back together
 * into the page's text, each character once — the same way in the tab and in the background.
 */
import type { TextChunk } from './types';

/** A position in a part: text index and UTF-16 offset in that text. */
export interface PartPosition {
  text: number;
  offset: number;
}

export interface PartLayout {
  texts: readonly string[];
  /** Indices of the texts that start a new block (0 always does). */
  breaks: readonly number[];
  /** Leading texts that repeat the end of the previous part. */
  overlap: number;
  /** Where the part was cut inside a block (the next part holds the text from there), or null. */
  cut: PartPosition | null;
}

/**
 * The chunks a part contributes to the page's text, with the index of the part's text each
 * came from: its overlap left out (the previous part has it) and its text from the cut on left
 * out (the next part has it).
 */
export function uniqueChunks(part: PartLayout): { chunks: TextChunk[]; from: number[] } {
  const chunks: TextChunk[] = [];
  const from: number[] = [];
  const { texts, breaks, overlap, cut } = part;
  let b = 0;
  for (let i = 0; i < texts.length; i++) {
    while (b < breaks.length && breaks[b]! < i) b++;
    const blockStart = i === 0 || breaks[b] === i;
    if (i < overlap) continue;
    let text = texts[i]!;
    if (cut) {
      if (i > cut.text) break;
      if (i === cut.text) {
        if (cut.offset <= 0) break;
        text = text.slice(0, cut.offset);
      }
    }
    chunks.push({ text, blockStart });
    from.push(i);
  }
  return { chunks, from };
}

/** Compare two positions of one part. */
/**
 * The chunks `only` names, as runs [first, count, …] over `chunks` (a scan's text, one chunk per
 * text): each run starts a block, so words on either side of a text left out are never joined.
 * Null when a run falls outside the chunks or they are not in order.
 */
export function selectChunks(chunks: readonly TextChunk[], only: readonly number[]): TextChunk[] | null {
  if (only.length % 2 !== 0) return null;
  const out: TextChunk[] = [];
  let next = 0;
  for (let r = 0; r < only.length; r += 2) {
    const first = only[r]!;
    const count = only[r + 1]!;
    if (first < next || count < 1 || first + count > chunks.length) return null;
    out.push({ text: chunks[first]!.text, blockStart: true });
    for (let i = first + 1; i < first + count; i++) out.push(chunks[i]!);
    next = first + count;
  }
  return out;
}

export function comparePositions(a: PartPosition, b: PartPosition): number {
  return a.text - b.text || a.offset - b.offset;
}

/**
 * Where a position of a cut part, at or after its cut, is in the next part (which starts with
 * the text from the cut on); null for a position before the cut.
 */
export function acrossCut(cut: PartPosition | null, p: PartPosition): PartPosition | null {
  if (!cut || comparePositions(p, cut) < 0) return null;
  return p.text === cut.text ? { text: 0, offset: p.offset - cut.offset } : { text: p.text - cut.text, offset: p.offset };
}

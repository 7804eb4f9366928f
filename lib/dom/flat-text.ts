/**
 * The page's visible text as one string, with a map back to text nodes: the coordinate system
 * saved quotes are described in (lib/text/quote-anchor.ts). Blocks are joined with a newline so
 * the context around a quote never glues two paragraphs' words together.
 */
import { VisibleTextWalker } from './collect-text';

export interface FlatText {
  text: string;
  nodes: Text[];
  /** starts[i] is where nodes[i]'s data begins in `text`. */
  starts: number[];
}

export function flattenText(root: Node, exclude?: Element | null): FlatText {
  const walker = new VisibleTextWalker(root, { exclude, checkVisibility: true });
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  for (let t = walker.next(); t; t = walker.next()) {
    if (t.blockStart && length > 0) {
      parts.push('\n');
      length += 1;
    }
    nodes.push(t.node);
    starts.push(length);
    parts.push(t.data);
    length += t.data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the node holding flat offset `offset` (the last node starting at or before it). */
function nodeAt(flat: FlatText, offset: number): number {
  let lo = 0;
  let hi = flat.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (flat.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function rangeFromOffsets(doc: Document, flat: FlatText, start: number, end: number): Range | null {
  if (!flat.nodes.length || start >= end) return null;
  const a = nodeAt(flat, start);
  const b = nodeAt(flat, end - 1);
  const startNode = flat.nodes[a]!;
  const endNode = flat.nodes[b]!;
  const range = doc.createRange();
  range.setStart(startNode, Math.min(startNode.length, Math.max(0, start - flat.starts[a]!)));
  range.setEnd(endNode, Math.min(endNode.length, Math.max(0, end - flat.starts[b]!)));
  return range;
}

/** Flat offsets of a DOM range (a selection), or null when it touches no visible text. */
export function offsetsFromRange(flat: FlatText, range: Range): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (let i = 0; i < flat.nodes.length; i++) {
    const node = flat.nodes[i]!;
    if (!range.intersectsNode(node)) {
      if (start !== -1) break;
      continue;
    }
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.length;
    if (start === -1) start = flat.starts[i]! + from;
    end = flat.starts[i]! + to;
  }
  if (start === -1 || end <= start) return null;
  return { start, end };
}

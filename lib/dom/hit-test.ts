/**
 * Which mark is under the pointer? No element wraps the marks (and the overlay's boxes take no
 * pointer events), so there is no event target to read: the caret position at the point is
 * resolved and confirmed against the mark's client rects, so hovering the blank space after a
 * line does not count.
 */
export interface CaretPoint {
  node: Node;
  offset: number;
}

export function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

export function rangeContainsPoint(range: Range, x: number, y: number, slop = 1): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop) return true;
  }
  return false;
}

interface Indexable {
  range: Range;
  startNode: Text;
  endNode: Text;
}

/** Marks indexed by their ranges and by the text nodes they touch, for lookup on pointer moves. */
export class MarkIndex<M extends Indexable> {
  readonly #byNode = new Map<Node, Set<M>>();
  readonly #byRange = new Map<AbstractRange, M>();

  add(marks: Iterable<M>): void {
    for (const m of marks) this.#byRange.set(m.range, m);
    for (const m of marks) for (const n of this.#nodesOf(m)) {
      let set = this.#byNode.get(n);
      if (!set) this.#byNode.set(n, (set = new Set()));
      set.add(m);
    }
  }

  remove(marks: Iterable<M>): void {
    for (const m of marks) this.#byRange.delete(m.range);
    for (const m of marks) for (const n of this.#nodesOf(m)) {
      const set = this.#byNode.get(n);
      if (!set) continue;
      set.delete(m);
      if (set.size === 0) this.#byNode.delete(n);
    }
  }

  clear(): void {
    this.#byNode.clear();
    this.#byRange.clear();
  }

  /** The mark under (x, y), if any. */
  at(doc: Document, x: number, y: number): M | null {
    if (this.#byRange.size === 0) return null;
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    const candidates = this.#byNode.get(caret.node);
    if (!candidates) return null;
    for (const m of candidates) {
      if (rangeContainsPoint(m.range, x, y)) return m;
    }
    return null;
  }

  #nodesOf(m: M): Node[] {
    if (m.startNode === m.endNode) return [m.startNode];
    // A mark spanning nodes ("<em>Maryam</em> Rajavi"): every text node inside it.
    const nodes: Node[] = [m.startNode];
    const doc = m.startNode.ownerDocument;
    const root = m.range.commonAncestorContainer;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = m.startNode;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      if (n === m.endNode) break;
    }
    return nodes;
  }
}

/**
 * Which mark is under the pointer? Resolved from the caret position at the point (no element
 * wraps the marks, so there is no event target to read), then confirmed against the mark's
 * client rects so hovering the blank space after a line does not count.
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

/** Marks indexed by the text nodes they touch, for constant-time lookup on pointer moves. */
export class MarkIndex<M extends { range: Range }> {
  private readonly byNode = new Map<Node, M[]>();

  constructor(marks: readonly M[]) {
    for (const m of marks) {
      const r = m.range;
      const add = (n: Node) => {
        let list = this.byNode.get(n);
        if (!list) this.byNode.set(n, (list = []));
        list.push(m);
      };
      add(r.startContainer);
      if (r.endContainer !== r.startContainer) {
        // A mark spanning nodes ("<em>Maryam</em> Rajavi"): index every text node inside it.
        const doc = r.startContainer.ownerDocument!;
        const walker = doc.createTreeWalker(r.commonAncestorContainer, NodeFilter.SHOW_TEXT);
        walker.currentNode = r.startContainer;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          add(n);
          if (n === r.endContainer) break;
        }
      }
    }
  }

  /** The mark under (x, y), if any. */
  at(doc: Document, x: number, y: number): M | null {
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    const candidates = this.byNode.get(caret.node);
    if (!candidates) return null;
    for (const m of candidates) {
      if (rangeContainsPoint(m.range, x, y)) return m;
    }
    return null;
  }

  get size(): number {
    return this.byNode.size;
  }
}

/** Maps the text core's chunk offsets back to DOM ranges over the nodes they came from. */
import type { TermMatch } from '../text/types';

export function rangeOfMatch(doc: Document, nodes: readonly Text[], match: TermMatch): Range | null {
  const startNode = nodes[match.start.chunk];
  const endNode = nodes[match.end.chunk];
  if (!startNode || !endNode) return null;
  if (match.start.offset > startNode.length || match.end.offset > endNode.length) return null;
  const range = doc.createRange();
  range.setStart(startNode, match.start.offset);
  range.setEnd(endNode, match.end.offset);
  return range;
}

/** The text of a match, read from the page (for snippets and labels). */
export function textOfMatch(nodes: readonly Text[], match: TermMatch): string {
  let out = '';
  for (let c = match.start.chunk; c <= match.end.chunk; c++) {
    const data = nodes[c]?.data ?? '';
    const from = c === match.start.chunk ? match.start.offset : 0;
    const to = c === match.end.chunk ? match.end.offset : data.length;
    out += data.slice(from, to);
  }
  return out;
}

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { articleTextOf } from '../../../../lib/inpage/core/suggestion-marks';
import { readTextOf, type TextPart } from '../../../../lib/dom/text-reader';

/** One part whose texts are the text nodes of `html`'s paragraphs and list items, one block each. */
function partOf(html: string): { part: TextPart; nodes: Text[] } {
  document.body.innerHTML = html;
  const nodes = [...document.body.querySelectorAll('p, li, a, span')]
    .flatMap((el) => [...el.childNodes])
    .filter((n): n is Text => n.nodeType === Node.TEXT_NODE);
  const texts = nodes.map((n) => n.data);
  return {
    nodes,
    part: {
      texts,
      breaks: texts.map((_t, i) => i).filter((i) => i === 0 || nodes[i]!.parentElement!.localName !== 'span'),
      pieces: nodes.map((node) => ({ node, base: 0, block: node.parentElement, owner: -1 })),
      chars: texts.join('').length,
      overlap: 0,
      cut: null,
    },
  };
}

describe('articleTextOf: suggestions read the article alone', () => {
  it('drops the furniture\'s texts, keeps pieces and chunks aligned, and starts a block after each gap', () => {
    const { part, nodes } = partOf('<nav><li>Daily Ledger</li></nav><article><p>Farah Nazari said </p><span><a>Share</a></span><span>Kamali was held.</span></article><footer><p>© Daily Ledger</p></footer>');
    const read = readTextOf([part], 'scan-1');
    const inArticle = (n: Node) => !!n.parentElement?.closest('article') && n.parentElement?.localName !== 'a';
    const text = articleTextOf(read, (p) => inArticle(p.node));
    // Named as runs of the scan the background kept: nothing is sent again.
    expect(text.scan).toBe('scan-1');
    expect(text.only).toEqual([1, 1, 3, 1]);
    expect(text.pieces.map((p) => p.node.data)).toEqual(['Farah Nazari said ', 'Kamali was held.']);
    expect(text.chunks()).toEqual([
      { text: 'Farah Nazari said ', blockStart: true },
      // After the dropped share link: its own block, never glued to the words before the gap.
      { text: 'Kamali was held.', blockStart: true },
    ]);
    // The size limit stays the page's.
    expect(text.chars).toBe(read.chars);
    expect(nodes).toHaveLength(5);
  });

  it('returns the text as it was when all of it is the article (the background\'s copy serves)', () => {
    const { part } = partOf('<p>One</p><p>Two</p>');
    const read = readTextOf([part], 'scan-2');
    expect(articleTextOf(read, () => true)).toBe(read);
  });
});

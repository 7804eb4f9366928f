// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ArticleZones } from '../../../../lib/inpage/core/article-zones';
import type { LayoutRecorder } from '../../../../lib/dom/collect-text';
import { TextReader, type Piece } from '../../../../lib/dom/text-reader';

/** Zones as the background answers them: 2 × (element + 1) + (article ? 1 : 0). */
function zoneOf(index: number, article: boolean): number {
  return 2 * (index + 1) + (article ? 1 : 0);
}

function page(): { layout: LayoutRecorder; main: Element; aside: Element } {
  document.body.innerHTML = '<main><div><p><b>Maryam</b> Rajavi</p></div></main><aside><ul><li>Latest</li></ul></aside><footer>x</footer>';
  const main = document.querySelector('main')!;
  const aside = document.querySelector('aside')!;
  return { layout: { els: [main, aside], rows: [], chars: 0 }, main, aside };
}

describe('ArticleZones.holds', () => {
  it('places text by its nearest zone, and text outside every zone as furniture', () => {
    const { layout } = page();
    const zones = new ArticleZones();
    zones.apply({ article: true, zones: [zoneOf(0, true), zoneOf(1, false)] }, layout, document.body);
    expect(zones.holds(document.querySelector('b')!.firstChild!)).toBe(true);
    expect(zones.holds(document.querySelector('p')!.lastChild!)).toBe(true);
    expect(zones.holds(document.querySelector('li')!.firstChild!)).toBe(false);
    expect(zones.holds(document.querySelector('footer')!.firstChild!)).toBe(false);
  });

  it('sees an element moved to another zone once the task that asked has ended', async () => {
    const { layout, aside } = page();
    const zones = new ArticleZones();
    zones.apply({ article: true, zones: [zoneOf(0, true), zoneOf(1, false)] }, layout, document.body);
    const p = document.querySelector('p')!;
    expect(zones.holds(p.lastChild!)).toBe(true);
    aside.append(p);
    await new Promise((r) => setTimeout(r, 0));
    expect(zones.holds(p.lastChild!)).toBe(false);
  });

  it('counts everything as article until an answer arrives', () => {
    page();
    expect(new ArticleZones().holds(document.querySelector('li')!.firstChild!)).toBe(true);
  });
});

describe('ArticleZones.holdsPiece', () => {
  /** Every piece of the page as a full scan reads it, with the layout it records. */
  function readPage(html: string): { layout: LayoutRecorder; pieces: Piece[] } {
    document.body.innerHTML = html;
    const layout: LayoutRecorder = { els: [], rows: [], chars: 0 };
    const reader = new TextReader([document.body], null, layout);
    const pieces: Piece[] = [];
    for (let done = false; !done; ) {
      const r = reader.read(() => true);
      for (const part of r.parts) pieces.push(...part.pieces);
      done = r.done;
    }
    return { layout, pieces };
  }

  const html =
    'Loose text<nav><ul><li><a href="/a">Latest</a></li></ul></nav><main><h1>Maryam <em>Rajavi</em></h1>' +
    '<div><p>Said <b>MEK</b> and <span><i>more</i></span>.</p><aside><p>Share <a>this</a></p></aside><p>Back in it.</p></div></main>' +
    '<footer><p>© <span>Ledger</span></p></footer>';

  it('answers from the layout as holds() does from the page, for every text the scan read', () => {
    const { layout, pieces } = readPage(html);
    const at = (sel: string) => layout.els.indexOf(document.querySelector(sel)!);
    // The body is article (text directly under it), the nav and the aside inside main are not.
    for (const body of [true, false]) {
      const zones = new ArticleZones();
      const list = [zoneOf(at('nav'), false), zoneOf(at('main'), true), zoneOf(at('aside'), false)];
      zones.apply({ article: true, zones: body ? [1, ...list] : list }, layout, document.body);
      const byWalk = pieces.map((p) => zones.holds(p.node));
      expect(pieces.map((p) => zones.holdsPiece(p, layout))).toEqual(byWalk);
      expect(byWalk).toContain(true);
      expect(byWalk).toContain(false);
      expect(zones.holdsPiece(pieces[0]!, layout)).toBe(body);
    }
  });

  it('walks the page for a text read without the answer\'s layout (a rescan)', () => {
    const { layout, pieces } = readPage(html);
    const zones = new ArticleZones();
    zones.apply({ article: true, zones: [zoneOf(layout.els.indexOf(document.querySelector('main')!), true)] }, layout, document.body);
    const inMain = pieces.find((p) => p.node.parentElement!.closest('main'))!;
    // Owner -1, as a scan without a layout numbers every text: the layout would say "body".
    expect(zones.holdsPiece({ node: inMain.node, owner: -1 }, undefined)).toBe(true);
    expect(zones.holdsPiece({ node: inMain.node, owner: -1 }, { els: [], rows: [], chars: 0 })).toBe(true);
  });
});

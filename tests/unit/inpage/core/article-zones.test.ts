// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ArticleZones } from '../../../../lib/inpage/core/article-zones';
import type { LayoutRecorder } from '../../../../lib/dom/collect-text';

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

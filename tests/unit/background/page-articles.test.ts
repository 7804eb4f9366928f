/**
 * The background's side of main-content detection (lib/background/page-articles.ts): parts kept
 * until the last one, the detector's zones returned for it, and — when the detector fails or is
 * slow — zones from the markup alone; a layout that cannot be put together gives null (the tab
 * then keeps every mention).
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { PageArticles, type LayoutMessage } from '../../../lib/background/page-articles';
import { detectArticle } from '../../../lib/article/detect';
import { encodeZone } from '../../../lib/article/layout';

/** <body><nav>Menu</nav><div class="story"><p>…</p>×3</div><div class="sidebar">…</div></body>, in two parts. */
function parts(key = 't:0:s'): LayoutMessage[] {
  const para = 'Officials in Tehran said on Sunday that the protests, which began in Mashhad, had spread to eighty towns. ';
  const page = { title: 'Protests spread', types: ['NewsArticle'] };
  return [
    { key, part: 0, overlap: 0, cut: null, texts: ['Menu', para], breaks: [0, 1], pageUrl: 'http://x/a', layout: { rows: ['nav', -1, 0, '', 'div', -1, 4, 'story\x01\x01', 'p', 1, 4, ''], owners: [0, 2] } },
    {
      key,
      part: 1,
      overlap: 0,
      cut: null,
      texts: [para, para, 'Most read: Tehran'],
      breaks: [0, 1, 2],
      pageUrl: 'http://x/a',
      layout: { rows: ['p', 1, 4 + para.length, '', 'p', 1, 4 + 2 * para.length, '', 'div', -1, 4 + 3 * para.length, 'sidebar\x01\x01'], owners: [3, 4, 5], page },
    },
  ];
}

const domRunner = async (layout: Parameters<typeof detectArticle>[1]) =>
  detectArticle(parseHTML('<!doctype html><html><head><title></title></head><body></body></html>').document as unknown as Document, layout);

describe('PageArticles', () => {
  it('answers the last part with the detector\'s zones, and only the last', async () => {
    const articles = new PageArticles(domRunner);
    const [a, b] = parts();
    expect(articles.keep(a!)).toBeNull();
    const zones = await articles.keep(b!);
    expect(zones?.article).toBe(true);
    // The menu and the sidebar (Readability's call: the markup alone does not say) are furniture;
    // the story is article, like the body around it.
    expect(zones?.zones.sort()).toEqual([encodeZone(-1, true), encodeZone(0, false), encodeZone(5, false)].sort());
  });

  it('falls back to the markup\'s landmarks when the detector fails or is too slow', async () => {
    for (const run of [async () => Promise.reject(new Error('no DOM')), () => new Promise<never>(() => {})]) {
      const articles = new PageArticles(run as never, 50);
      const [a, b] = parts();
      articles.keep(a!);
      const zones = await articles.keep(b!);
      expect(zones).toEqual({ article: true, zones: [encodeZone(-1, true), encodeZone(0, false)] });
    }
  });

  it('gives null when a part is missing or the layout is inconsistent', async () => {
    const articles = new PageArticles(domRunner);
    const [, b] = parts();
    expect(await articles.keep(b!)).toBeNull();
    const [c, d] = parts('t:0:other');
    articles.keep({ ...c!, layout: { ...c!.layout, owners: [7, 2] } });
    expect(await articles.keep(d!)).toBeNull();
  });
});

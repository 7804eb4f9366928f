/**
 * Main-content detection off the page (lib/article): the layout a tab sends, put together from
 * its parts, rebuilt in a DOM (linkedom here; the offscreen document or Firefox's background
 * page in the extension) and read by Readability into zones.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { detectArticle } from '../../../lib/article/detect';
import { LayoutAssembler, decodeZone, encodeZone, landmarkZones, statedKind, type PageLayout } from '../../../lib/article/layout';

const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button', 'iframe', 'svg', 'head', 'title', 'code']);

/**
 * The layout a tab would send for `html` (a simplified walk: the extension's own walker needs
 * a TreeWalker linkedom lacks; the e2e tests run the real one in Chromium).
 */
function layoutOf(html: string, types: string[] = []): { layout: PageLayout; texts: { text: string; owner: number; el: Element }[]; els: Element[] } {
  const { document } = parseHTML(html);
  const layout: PageLayout = { tags: [], parents: [], at: [], attrs: [], texts: [], blockStarts: [], owners: [], title: document.title, types, url: 'http://127.0.0.1/a' };
  const els: Element[] = [];
  const texts: { text: string; owner: number; el: Element }[] = [];
  let chars = 0;
  const walk = (node: Element, id: number) => {
    for (const c of Array.from(node.childNodes) as Node[]) {
      if (c.nodeType === 3) {
        const data = (c as Text).data;
        if (!data.trim()) continue;
        layout.texts.push(data);
        layout.owners.push(id);
        layout.blockStarts.push(true);
        texts.push({ text: data, owner: id, el: node });
        chars += data.length;
      } else if (c.nodeType === 1) {
        const el = c as Element;
        const tag = el.localName;
        if (SKIP.has(tag)) continue;
        const k = layout.tags.length;
        layout.tags.push(tag);
        layout.parents.push(id);
        layout.at.push(chars);
        const href = tag === 'a' ? el.getAttribute('href') : null;
        layout.attrs.push(el.attributes.length ? [el.getAttribute('class') ?? '', el.id ?? '', el.getAttribute('role') ?? '', el.getAttribute('itemprop') ?? '', el.getAttribute('rel') ?? '', href ? href.slice(0, 1) : ''].join('\x01') : '');
        els.push(el);
        walk(el, k);
      }
    }
  };
  walk(document.body, -1);
  return { layout, texts, els };
}

/** Which texts the zones put in the article (nearest zone around each text's element). */
function articleTexts(layout: PageLayout, zones: number[]): string[] {
  const zone = new Map(zones.map((z) => [decodeZone(z).element, decodeZone(z).article]));
  return layout.texts.filter((_, t) => {
    for (let e = layout.owners[t]!; ; e = layout.parents[e]!) {
      const z = zone.get(e);
      if (z !== undefined) return z;
      if (e === -1) return false;
    }
  });
}

const fresh = () => parseHTML('<!doctype html><html><head><title></title></head><body></body></html>').document as unknown as Document;

describe('detectArticle', () => {
  it('keeps the article fixture\'s headline, standfirst, caption, body and pull quote, and none of its furniture', () => {
    const { layout } = layoutOf(readFileSync(`${PAGES}/article-furniture.html`, 'utf8'), ['article', 'NewsArticle']);
    const found = detectArticle(fresh(), layout);
    expect(found.article).toBe(true);
    const text = articleTexts(layout, found.zones).join(' ');
    expect(text).toContain('Rouhani under pressure as protests spread across Iran');
    expect(text).toContain('largest street protests since 2009');
    expect(text).toContain('Supporters of the MEK rally in Paris');
    expect(text).toContain('Officials singled out the MEK');
    expect(text).toContain('Rouhani promised reform');
    for (const furniture of ['Khamenei tightens his grip', 'Share on Facebook', "Rouhani's rivals regroup", 'Rouhani should resign', "Khamenei's hidden fortune", 'the woman who wants to run Iran', 'may not be reproduced', 'Emmanuel Macron']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('without the extras, is Readability\'s own choice (no headline)', () => {
    const { layout } = layoutOf(readFileSync(`${PAGES}/article-furniture.html`, 'utf8'), ['NewsArticle']);
    const text = articleTexts(layout, detectArticle(fresh(), layout, { extras: false }).zones).join(' ');
    expect(text).not.toContain('Rouhani under pressure as protests spread across Iran');
    expect(text).toContain('Officials singled out the MEK');
  });

  it('says a section front is not an article, and still keeps its teasers (not its landmarks)', () => {
    const { layout } = layoutOf(readFileSync(`${PAGES}/section-front.html`, 'utf8'), ['website', 'CollectionPage']);
    const found = detectArticle(fresh(), layout);
    expect(found.article).toBe(false);
    const text = articleTexts(layout, found.zones).join(' ');
    expect(text).toContain('Khamenei blames foreign enemies for unrest');
    expect(text).not.toContain('May not be reproduced');
  });

  it('a documentation page whose headings carry permalinks ("¶") is still an article', () => {
    const sections = [1, 2, 3, 4, 5, 6]
      .map((i) => `<h2 id="s${i}">Section ${i} <a class="headerlink" href="#s${i}">¶</a></h2><p>${'The V8 engine compiles JavaScript to machine code, and this section says how, with examples. '.repeat(3)}</p>`)
      .join('');
    const { layout } = layoutOf(`<!doctype html><html><head><title>V8 internals</title></head><body><div class="document"><h1>V8 internals</h1>${sections}</div></body></html>`);
    expect(detectArticle(fresh(), layout).article).toBe(true);
  });

  it('tells a section front without any JSON-LD by its linked headlines', () => {
    const html = readFileSync(`${PAGES}/section-front.html`, 'utf8').replace(/<script[\s\S]*?<\/script>/, '');
    const { layout } = layoutOf(html, ['website']);
    expect(detectArticle(fresh(), layout).article).toBe(false);
  });
});

describe('layout', () => {
  it('zones encode an element and a side', () => {
    for (const element of [-1, 0, 7, 123_456]) {
      for (const article of [true, false]) expect(decodeZone(encodeZone(element, article))).toEqual({ element, article });
    }
  });

  it('landmark zones leave out nav, header, footer, aside, their roles and comment sections', () => {
    const { layout } = layoutOf(readFileSync(`${PAGES}/article-furniture.html`, 'utf8'));
    const text = articleTexts(layout, landmarkZones(layout)).join(' ');
    expect(text).toContain('Officials singled out the MEK');
    expect(text).not.toContain('Khamenei tightens his grip');
    expect(text).not.toContain('Rouhani should resign');
    expect(text).not.toContain('may not be reproduced');
  });

  it('what a page says it is', () => {
    expect(statedKind(['article'])).toBe('article');
    expect(statedKind(['WebSite', 'NewsArticle', 'BreadcrumbList'])).toBe('article');
    expect(statedKind(['website', 'CollectionPage'])).toBe('list');
    expect(statedKind(['website'])).toBeNull();
    expect(statedKind([])).toBeNull();
  });

  it('puts parts back together, each character once, and refuses a malformed layout', () => {
    const a = new LayoutAssembler();
    // Two parts; the second repeats the tail of the first (a cut inside a block).
    a.add(0, { rows: ['div', -1, 0, '', 'p', 0, 0, 'x\x01\x01\x01\x01\x01'], owners: [1, 1] }, ['Hello ', 'world'], [0], 0, { text: 1, offset: 2 });
    a.add(1, { rows: ['p', 0, 11, ''], owners: [1, 2] }, ['rld', 'Next'], [0, 1], 1, null);
    const layout = a.assemble(1, { title: 't', types: [], url: 'u' })!;
    expect(layout.texts).toEqual(['Hello ', 'world', 'Next']);
    expect(layout.owners).toEqual([1, 1, 2]);
    expect(layout.tags).toEqual(['div', 'p', 'p']);
    expect(layout.parents).toEqual([-1, 0, 0]);

    const bad = new LayoutAssembler();
    bad.add(0, { rows: ['div', 5, 0, ''], owners: [0] }, ['x'], [0], 0, null);
    expect(bad.assemble(0, { title: '', types: [], url: '' })).toBeNull();
    const missing = new LayoutAssembler();
    missing.add(1, { rows: [], owners: [] }, [], [], 0, null);
    expect(missing.assemble(1, { title: '', types: [], url: '' })).toBeNull();
  });
});

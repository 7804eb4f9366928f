/**
 * Finds a page's article off the page: rebuilds the page from the layout the tab sent (its
 * elements, their attributes and its text; lib/article/layout.ts) in a document of our own and
 * runs Mozilla's Readability on it — what Firefox's reader view uses — then tells which
 * elements hold the article and which hold furniture (menus, share bars, "more in" lists,
 * comments, footers), as zones the tab maps back to its own elements.
 *
 * Runs where there is a DOM and no page: Chrome's offscreen document, Firefox's background page
 * (lib/background/article-runner.ts). Never in a tab: Readability is too heavy for a page's main
 * thread, and it changes the document it reads (here, a throw-away copy).
 *
 * Readability keeps the article body; the issue also wants the headline, the standfirst and the
 * captions of the lead picture, which it leaves out (the headline is its `title`): they are added
 * here, deliberately (see docs/decisions.md).
 */
import { Readability } from '@mozilla/readability';
import {
  ATTR_CLASS,
  ATTR_HREF,
  ATTR_ID,
  ATTR_ITEMPROP,
  ATTR_REL,
  ATTR_ROLE,
  attrFields,
  encodeZone,
  isFurnitureElement,
  landmarkZones,
  statedKind,
  type PageLayout,
} from './layout';

export interface Detection {
  /** The page is an article (its article's mentions are recorded), not a list of them. */
  article: boolean;
  zones: number[];
  /** Characters of the article text found, for diagnostics and the benchmark. */
  articleChars: number;
}

export interface DetectOptions {
  /** Add the headline, standfirst and lead captions Readability leaves out (default true). */
  extras?: boolean;
}

/** Attribute marking a rebuilt element with its number; a name per element, since Readability copies attributes between elements. */
const MARK_PREFIX = 'data-ncr-';

/**
 * Rebuild the page in `doc` (a fresh HTML document): elements with their attributes, texts in
 * place. Returns the elements and the text nodes, by number.
 */
export function rebuildPage(doc: Document, layout: PageLayout): { els: Element[]; textNodes: Text[] } {
  const body = doc.body ?? doc.documentElement.appendChild(doc.createElement('body'));
  const els: Element[] = [];
  const textNodes: Text[] = [];
  let t = 0;
  let chars = 0;
  const flushTextsBefore = (at: number) => {
    while (t < layout.texts.length && chars < at) {
      const text = layout.texts[t]!;
      const owner = layout.owners[t]!;
      const node = doc.createTextNode(text);
      (owner >= 0 ? els[owner]! : body).appendChild(node);
      textNodes.push(node);
      chars += text.length;
      t++;
    }
  };
  for (let k = 0; k < layout.tags.length; k++) {
    flushTextsBefore(layout.at[k]!);
    let el: Element;
    try {
      el = doc.createElement(layout.tags[k]!);
    } catch {
      el = doc.createElement('span');
    }
    const f = attrFields(layout.attrs[k]!);
    const set = (name: string, value: string | undefined) => {
      if (!value) return;
      try {
        el.setAttribute(name, value);
      } catch {
        /* an attribute name or value the DOM refuses: leave it out */
      }
    };
    set('class', f[ATTR_CLASS]);
    set('id', f[ATTR_ID]);
    set('role', f[ATTR_ROLE]);
    set('itemprop', f[ATTR_ITEMPROP]);
    set('rel', f[ATTR_REL]);
    // The tab sends no URL: a link points elsewhere unless the layout says "#" (Readability
    // weighs in-page links less in link density).
    if (f[ATTR_HREF] || layout.tags[k] === 'a') set('href', f[ATTR_HREF] === '#' ? '#' : '/');
    el.setAttribute(`${MARK_PREFIX}${k}`, '');
    const parent = layout.parents[k]!;
    (parent >= 0 ? els[parent]! : body).appendChild(el);
    els.push(el);
  }
  flushTextsBefore(Infinity);
  return { els, textNodes };
}

/** The element numbers marked on `root` and everything inside it. */
function markedIn(root: Element): Set<number> {
  const kept = new Set<number>();
  const visit = (el: Element) => {
    for (const a of Array.from(el.attributes)) {
      if (a.name.startsWith(MARK_PREFIX)) kept.add(Number(a.name.slice(MARK_PREFIX.length)));
    }
  };
  visit(root);
  for (const el of Array.from(root.querySelectorAll('*'))) visit(el);
  return kept;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

/** Find the article of a page from its layout. `doc` is a fresh document to rebuild it in. */
export function detectArticle(doc: Document, layout: PageLayout, options: DetectOptions = {}): Detection {
  const n = layout.tags.length;
  if (doc.title !== undefined) doc.title = layout.title;
  const { textNodes } = rebuildPage(doc, layout);

  let kept = new Set<number>();
  /**
   * Texts Readability kept, followed by identity: it moves text nodes (into paragraphs it makes,
   * out of a div it replaces by that paragraph), and the element that held them may be gone.
   * When it starts over (a first attempt too short) it re-parses the page and identities are
   * lost: then the elements' marks (`kept`), which survive re-parsing, tell.
   */
  const keptTexts = new Set<number>();
  // Readability's idea of the headline (the page's title, or its one h1 when the title is short).
  let headline = layout.title;
  try {
    const result = new Readability(doc, { serializer: (el: Element) => el } as never).parse() as { content: Element | null; title?: string | null } | null;
    if (result?.content) {
      const content = result.content as unknown as Element;
      kept = markedIn(content);
      textNodes.forEach((node, t) => {
        if (content.contains(node)) keptTexts.add(t);
      });
    }
    if (result?.title) headline = result.title;
  } catch {
    kept = new Set();
  }

  // Characters per element: its own texts (held directly) and its whole subtree; and which of
  // them Readability kept (a text is kept when the element holding it survived).
  const own = new Float64Array(n + 1);
  const ownKept = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  const totalKept = new Float64Array(n + 1);
  const inLink = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const p = layout.parents[k]!;
    inLink[k] = layout.tags[k] === 'a' || (p >= 0 && inLink[p]) ? 1 : 0;
  }
  let articleChars = 0;
  let linkChars = 0;
  for (let t = 0; t < layout.texts.length; t++) {
    const owner = layout.owners[t]!;
    const len = layout.texts[t]!.trim().length;
    own[owner + 1]! += len;
    if (keptTexts.has(t) || (owner >= 0 && kept.has(owner))) {
      ownKept[owner + 1]! += len;
      articleChars += len;
      if (owner >= 0 && inLink[owner]) linkChars += len;
    }
  }
  for (let k = 0; k <= n; k++) {
    total[k] = own[k]!;
    totalKept[k] = ownKept[k]!;
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = layout.parents[k]! + 1;
    total[p]! += total[k + 1]!;
    totalKept[p]! += totalKept[k + 1]!;
  }

  // What the page is. A page that says it is an article is one; one that says it is a list
  // (CollectionPage, SearchResultsPage) is not; otherwise, an article is what Readability found
  // when it is long enough (100 characters, or most of a short page) and mostly not links.
  const kind = statedKind(layout.types);
  // A short page counts when what Readability kept is most of its text.
  const enough = articleChars >= 100 || (articleChars > 0 && articleChars * 2 >= total[0]!);
  const isArticle = kind === 'article' ? articleChars > 0 : kind === 'list' ? false : enough && linkChars < 0.5 * articleChars && !looksLikeList(layout, kept, total);
  if (!isArticle) return { article: false, zones: landmarkZones(layout), articleChars };

  // Elements that are article whatever Readability says: the headline, the standfirst, the lead picture's caption.
  const forced = new Set<number>(options.extras === false ? [] : extras(layout, kept, total, [headline, layout.title]));

  // Zones: top-down, each element is article when the text it holds directly was kept, or —
  // holding none itself — when most of its subtree's text was; an element without text is
  // furniture when its markup says so (a comment section filled in later), else like its parent.
  const state = new Uint8Array(n + 1);
  const zones: number[] = [];
  const bodyIn = own[0]! > 0 ? ownKept[0]! * 2 >= own[0]! : totalKept[0]! * 2 > total[0]!;
  state[0] = bodyIn ? 1 : 0;
  zones.push(encodeZone(-1, bodyIn));
  for (let k = 0; k < n; k++) {
    const i = k + 1;
    const parentState = state[layout.parents[k]! + 1]!;
    let want: number;
    if (forced.has(k)) want = 1;
    else if (own[i]! > 0) want = ownKept[i]! * 2 >= own[i]! ? 1 : 0;
    else if (total[i]! > 0) want = totalKept[i]! * 2 >= total[i]! ? 1 : 0;
    else want = isFurnitureElement(layout.tags[k]!, layout.attrs[k]!) ? 0 : parentState;
    state[i] = want;
    if (want !== parentState) zones.push(encodeZone(k, want === 1));
  }
  return { article: true, zones, articleChars };
}

/**
 * A section front or a search page that Readability took for an article: most of what it kept
 * is teasers — headings that are links, several of them. A heading counts as a link when a link
 * holds it, or holds most of its text: a permalink in a heading ("#", a docs page's "¶") does not
 * make it a teaser.
 */
function looksLikeList(layout: PageLayout, kept: Set<number>, total: Float64Array): boolean {
  const n = layout.tags.length;
  // Links to another page ("#…" is a permalink or a table of contents, no teaser).
  const away = (k: number) => layout.tags[k] === 'a' && attrFields(layout.attrs[k]!)[ATTR_HREF] !== '#';
  const inLink = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const p = layout.parents[k]!;
    inLink[k] = away(k) || (p >= 0 && inLink[p]) ? 1 : 0;
  }
  /** Kept headings not inside a link: the characters their links hold. */
  const linkedText = new Map<number, number>();
  let headings = 0;
  let linked = 0;
  for (let k = 0; k < n; k++) {
    if (!/^h[1-4]$/.test(layout.tags[k]!) || !kept.has(k)) continue;
    headings++;
    if (inLink[k]) linked++;
    else linkedText.set(k, 0);
  }
  for (let k = 0; k < n; k++) {
    const p = layout.parents[k]!;
    if (away(k) && p >= 0 && linkedText.has(p)) linkedText.set(p, linkedText.get(p)! + total[k + 1]!);
  }
  for (const [h, chars] of linkedText) if (chars * 2 > total[h + 1]!) linked++;
  return linked >= 4 && linked * 2 >= headings;
}

const STANDFIRST = /(^|[\s_-])(standfirst|dek|deck|sub-?head(line)?|subtitle|strapline|summary|description|intro|lede|lead|excerpt|abstract)($|[\s_-])/i;
const CAPTION = /(^|[\s_-])(caption|figcaption|credit)/i;

/** The headline, the standfirst and the captions around the article that Readability left out. */
function extras(layout: PageLayout, kept: Set<number>, total: Float64Array, titles: string[]): number[] {
  const n = layout.tags.length;
  // The texts under each element, for comparing the headline with the title.
  const firstKept = [...kept].reduce((a, b) => Math.min(a, b), Infinity);
  const lastKept = [...kept].reduce((a, b) => Math.max(a, b), -1);
  if (lastKept < 0) return [];
  const textOf = elementTexts(layout);
  const normalised = titles.map(normalise).filter((t) => t.length > 0);
  const out: number[] = [];
  let headline = -1;
  for (let k = 0; k < n && headline < 0; k++) {
    const tag = layout.tags[k]!;
    const f = attrFields(layout.attrs[k]!);
    if (tag !== 'h1' && !/(^|\s)(headline|name)(\s|$)/.test(f[ATTR_ITEMPROP] ?? '')) continue;
    const h = normalise(textOf(k));
    if (h.length < 10) continue;
    if (normalised.some((title) => title.includes(h) || h.includes(title) || overlap(h, title) >= 0.8)) headline = k;
  }
  if (headline >= 0 && !kept.has(headline)) out.push(headline);
  // Between the headline (or the top of the article) and its end: standfirsts and captions.
  const from = headline >= 0 ? headline + 1 : Math.max(0, firstKept - 200);
  for (let k = from; k < lastKept; k++) {
    if (kept.has(k)) continue;
    const f = attrFields(layout.attrs[k]!);
    const words = `${f[ATTR_CLASS] ?? ''} ${f[ATTR_ID] ?? ''} ${f[ATTR_ITEMPROP] ?? ''}`;
    const len = total[k + 1]!;
    if (len < 20 || len > 800) continue;
    if (furnitureAbove(layout, k)) continue;
    const isStandfirst = k < firstKept && STANDFIRST.test(words);
    const isCaption = layout.tags[k] === 'figcaption' || CAPTION.test(words);
    if (isStandfirst || isCaption) out.push(k);
  }
  return out;
}

function furnitureAbove(layout: PageLayout, k: number): boolean {
  for (let e = k; e >= 0; e = layout.parents[e]!) {
    if (isFurnitureElement(layout.tags[e]!, layout.attrs[e]!)) return true;
  }
  return false;
}

function overlap(a: string, b: string): number {
  const wa = a.split(' ');
  const wb = new Set(b.split(' '));
  return wa.filter((w) => wb.has(w)).length / Math.max(1, wa.length);
}

/** A function giving the text under an element (its texts and its descendants'). */
function elementTexts(layout: PageLayout): (k: number) => string {
  const n = layout.tags.length;
  const parts: string[][] = Array.from({ length: n }, () => []);
  for (let t = 0; t < layout.texts.length; t++) {
    // Only for short subtrees (headlines): stop climbing after a few levels.
    let e = layout.owners[t]!;
    for (let depth = 0; e >= 0 && depth < 6; depth++, e = layout.parents[e]!) {
      const list = parts[e]!;
      if (list.length < 50) list.push(layout.texts[t]!);
    }
  }
  return (k) => parts[k]!.join(' ');
}

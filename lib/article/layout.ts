/**
 * A page's layout as the tab saw it while reading its text: the elements it walked (tag,
 * parent, the attributes Readability looks at) and which element holds each text. The tab
 * sends it along with the text it already sends for matching (page.match), part by part; the
 * background puts the parts together (here, no DOM) and finds the article off the page
 * (lib/article/detect.ts). The answer is a list of zones — element numbers, each "article" or
 * "furniture" — that the tab maps back to its own elements (lib/inpage/core/article-zones.ts).
 */
import type { PartPosition } from '../text/parts';

/** What one page.match part carries of the layout (lib/messaging/protocol.ts PageLayoutPart). */
export interface LayoutPart {
  /** Elements first reached while reading this part, four values each: tag, parent number (-1: body), characters read before it, attributes. */
  rows: (string | number)[];
  /** For each text of the part, the number of the element holding it (-1: body). */
  owners: number[];
}

/** The whole page, put together from its parts: each character once. */
export interface PageLayout {
  tags: string[];
  parents: number[];
  at: number[];
  /** Attributes of each element, joined by \x01: class, id, role, and "#" sixth for an in-page link (lib/dom/collect-text.ts layoutAttrs). */
  attrs: string[];
  texts: string[];
  /** Whether each text starts a new block. */
  blockStarts: boolean[];
  owners: number[];
  /** The page's title (og:title or <title>) and what it says it is (og:type, JSON-LD @type). */
  title: string;
  types: string[];
  url: string;
}

export const ATTR_CLASS = 0;
export const ATTR_ID = 1;
export const ATTR_ROLE = 2;
/**
 * itemprop and rel are not sent by the tab (reading them cost the page too much, see
 * layoutAttrs), kept so a layout that has them — a test's — is read the same way; of a link's
 * href the tab sends only "#" for a link inside the page.
 */
export const ATTR_ITEMPROP = 3;
export const ATTR_REL = 4;
export const ATTR_HREF = 5;

/** An element's attribute fields (see layoutAttrs in lib/dom/collect-text.ts). */
export function attrFields(attrs: string): string[] {
  return attrs ? attrs.split('\x01') : [];
}

/** The parts of one scan, kept until its last part arrives. */
export class LayoutAssembler {
  private readonly parts = new Map<number, { layout: LayoutPart; texts: readonly string[]; breaks: readonly number[]; overlap: number; cut: PartPosition | null }>();

  add(index: number, layout: LayoutPart, texts: readonly string[], breaks: readonly number[], overlap: number, cut: PartPosition | null): void {
    this.parts.set(index, { layout, texts, breaks, overlap, cut });
  }

  get chars(): number {
    let n = 0;
    for (const p of this.parts.values()) for (const t of p.texts) n += t.length;
    return n;
  }

  /** The page's layout from parts 0..last, or null when one is missing or they disagree. */
  assemble(last: number, page: { title: string; types: string[]; url: string }): PageLayout | null {
    const out: PageLayout = { tags: [], parents: [], at: [], attrs: [], texts: [], blockStarts: [], owners: [], ...page };
    for (let i = 0; i <= last; i++) {
      const p = this.parts.get(i);
      if (!p) return null;
      const { rows, owners } = p.layout;
      if (rows.length % 4 !== 0 || owners.length !== p.texts.length) return null;
      for (let k = 0; k < rows.length; k += 4) {
        const [tag, parent, at, attrs] = rows.slice(k, k + 4);
        if (typeof tag !== 'string' || typeof parent !== 'number' || typeof at !== 'number' || typeof attrs !== 'string') return null;
        out.tags.push(tag);
        out.parents.push(parent);
        out.at.push(at);
        out.attrs.push(attrs);
      }
      // Each character once: a part cut inside a block is followed by one that starts by
      // repeating its tail (`overlap` texts), which is left out here.
      const starts = new Set(p.breaks);
      for (let k = p.overlap; k < p.texts.length; k++) {
        out.texts.push(p.texts[k]!);
        out.blockStarts.push(k === 0 || starts.has(k));
        out.owners.push(owners[k]!);
      }
    }
    const n = out.tags.length;
    // Parents come before their children; owners are known elements (a hostile tab's layout
    // is ignored rather than trusted).
    for (let k = 0; k < n; k++) if (out.parents[k]! < -1 || out.parents[k]! >= k) return null;
    for (const o of out.owners) if (o < -1 || o >= n) return null;
    return out;
  }
}

/**
 * Zones, as sent to the tab: element number and whether what is inside it is the article
 * (2 × (number + 1) + 1) or furniture (2 × (number + 1)); number -1 is the body.
 */
export function encodeZone(element: number, article: boolean): number {
  return 2 * (element + 1) + (article ? 1 : 0);
}

export function decodeZone(z: number): { element: number; article: boolean } {
  return { element: Math.floor(z / 2) - 1, article: z % 2 === 1 };
}

// ---- furniture the markup names ---------------------------------------------------------------

const LANDMARK_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar']);
/**
 * Class or id words of page furniture: share and follow bars, menus, "related"/"trending"/"more
 * in" boxes, comments, newsletter and subscription boxes, copyright lines.
 */
const FURNITURE_WORDS =
  /(^|[\s_-])(share|sharing|social|follow|comments?|commentary-list|disqus|respond|replies|related|trending|popular|most-?(read|viewed|popular)|more-?in|recommended|outbrain|taboola|newsletter|subscribe|signup|promo|sponsor|breadcrumbs?|menu|navbar|nav|masthead|site-?header|site-?footer|footer|sidebar|widget|copyright|tags|taglist)($|[\s_-])/i;

/** Whether the markup says an element is furniture: a landmark, a furniture role, or a furniture class/id. */
export function isFurnitureElement(tag: string, attrs: string): boolean {
  if (LANDMARK_TAGS.has(tag)) return true;
  if (!attrs) return false;
  const f = attrFields(attrs);
  if (LANDMARK_ROLES.has((f[ATTR_ROLE] ?? '').toLowerCase())) return true;
  return FURNITURE_WORDS.test(f[ATTR_CLASS] ?? '') || FURNITURE_WORDS.test(f[ATTR_ID] ?? '');
}

/** Class or id words that name furniture whatever else the element is (for zones from the markup alone). */
const CLEAR_FURNITURE = /(^|[\s_-])(share-?bar|sharing|social-?(links|share|buttons)|related-?(articles|stories|content|links)|trending|most-?(read|viewed|popular)|newsletter|breadcrumbs?|site-?(header|footer|nav))($|[\s_-])/i;

/** Whether an element is a comment section (by class, id or itemprop). */
export function isCommentsElement(attrs: string): boolean {
  if (!attrs) return false;
  const f = attrFields(attrs);
  return /comment|disqus|discussion|respond|replies/i.test(`${f[ATTR_CLASS]} ${f[ATTR_ID]} ${f[ATTR_ITEMPROP]}`);
}

/**
 * Zones from the markup alone, for when the article cannot be found (no DOM to run the
 * detector in, it failed or took too long) and on pages that are not articles: everything is
 * kept but landmark furniture (nav, header, footer, aside and their roles), comment sections and
 * boxes whose class or id names them plainly (share bar, related articles, trending, newsletter…).
 */
export function landmarkZones(layout: Pick<PageLayout, 'tags' | 'attrs' | 'parents'>): number[] {
  const zones = [encodeZone(-1, true)];
  const out = new Uint8Array(layout.tags.length);
  for (let k = 0; k < layout.tags.length; k++) {
    const p = layout.parents[k]!;
    if (p >= 0 && out[p]) {
      out[k] = 1;
      continue;
    }
    const tag = layout.tags[k]!;
    const attrs = layout.attrs[k]!;
    const f = attrFields(attrs);
    if (LANDMARK_TAGS.has(tag) || LANDMARK_ROLES.has((f[ATTR_ROLE] ?? '').toLowerCase()) || isCommentsElement(attrs) || CLEAR_FURNITURE.test(`${f[ATTR_CLASS] ?? ''} ${f[ATTR_ID] ?? ''}`)) {
      out[k] = 1;
      zones.push(encodeZone(k, false));
    }
  }
  return zones;
}

/** Article types of schema.org (JSON-LD @type) and og:type values that say "this is an article". */
const ARTICLE_TYPES = /^(article|newsarticle|reportagenewsarticle|analysisnewsarticle|opinionnewsarticle|reviewnewsarticle|backgroundnewsarticle|askpublicnewsarticle|blogposting|liveblogposting|socialmediaposting|techarticle|scholarlyarticle|report|review|recipe|howto|medicalwebpage|video\.other|video\.movie|video\.episode)$/i;
/**
 * Types that say "this is a list of articles" (a section front, search results). "WebSite" and
 * og:type "website" are not among them: article pages carry them too.
 */
const LIST_TYPES = /^(collectionpage|searchresultspage|itemlist|profilepage)$/i;

/** What the page says it is: 'article', 'list', or null (it does not say). */
export function statedKind(types: readonly string[]): 'article' | 'list' | null {
  if (types.some((t) => ARTICLE_TYPES.test(t.trim()))) return 'article';
  return types.some((t) => LIST_TYPES.test(t.trim())) ? 'list' : null;
}

/** What the page says about itself: its canonical link, title, site name, og:url and publication time. Read-only. */
export interface PageMetadata {
  pageUrl: string;
  canonicalHref: string | null;
  title: string;
  site: string;
  /** og:url, resolved against the page (used when rel=canonical is missing or unusable). */
  ogUrl: string | null;
  /** The publication time as the page states it (not parsed here; the background checks it). */
  publishedTime: string | null;
}

/** The page's <meta>, <link rel> and JSON-LD elements, as one pass over the document finds them. */
interface HeadTags {
  /** For each key, the first <meta>/<link rel> in document order, as a selector for it would find. */
  first: Map<string, Element>;
  /** JSON-LD scripts, in document order. */
  jsonLd: Element[];
  /** og:type metas and JSON-LD scripts, in document order (what pageTypes reads). */
  typed: Element[];
}

const isJsonLd = (el: Element) => el.getAttribute('type')?.toLowerCase() === 'application/ld+json';

/**
 * One querySelectorAll over the document for everything the page says about itself: a page
 * of 100,000 elements made eight separate querySelector calls a 40 ms task, and the metadata,
 * the publication date and the page's types were three document-wide passes.
 */
function headTags(doc: Document): HeadTags {
  const first = new Map<string, Element>();
  const jsonLd: Element[] = [];
  const typed: Element[] = [];
  const keep = (key: string, el: Element) => {
    if (!first.has(key)) first.set(key, el);
  };
  for (const el of doc.querySelectorAll('meta[property], meta[name], meta[itemprop], link[rel][href], script[type]')) {
    const tag = el.localName;
    if (tag === 'script') {
      if (isJsonLd(el)) {
        jsonLd.push(el);
        typed.push(el);
      }
      continue;
    }
    if (tag === 'link') {
      if (/(^|\s)canonical(\s|$)/i.test(el.getAttribute('rel') ?? '')) keep('canonical', el);
      continue;
    }
    const property = el.getAttribute('property');
    const name = el.getAttribute('name');
    const itemprop = el.getAttribute('itemprop');
    if (property) keep(`property:${property}`, el);
    if (property === 'og:type') typed.push(el);
    if (name) keep(`name:${name}`, el);
    if (itemprop) keep(`itemprop:${itemprop}`, el);
  }
  return { first, jsonLd, typed };
}

function content(tags: HeadTags, key: string): string | null {
  const el = tags.first.get(key);
  const v = el?.getAttribute('content') ?? el?.getAttribute('href') ?? null;
  return v && v.trim() ? v.trim() : null;
}

function resolve(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).href.slice(0, 4096);
  } catch {
    return null;
  }
}

/** Bounds on what we read of JSON-LD: a page can hold megabytes of it. */
const MAX_JSON_LD_SCRIPTS = 10;
const MAX_JSON_LD_CHARS = 200_000;

/** datePublished of the first JSON-LD object that has one (through @graph and arrays). */
function jsonLdDatePublished(scripts: readonly Element[]): string | null {
  for (let i = 0; i < scripts.length && i < MAX_JSON_LD_SCRIPTS; i++) {
    const text = scripts[i]!.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS || !text.includes('datePublished')) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const found = findDate(data, 0);
    if (found) return found;
  }
  return null;
}

function findDate(v: unknown, depth: number): string | null {
  if (depth > 6 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 50)) {
      const d = findDate(item, depth + 1);
      if (d) return d;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  const own = Object.prototype.hasOwnProperty.call(o, 'datePublished') ? o.datePublished : undefined;
  if (typeof own === 'string' && own.trim()) return own.trim().slice(0, 200);
  return findDate(Object.prototype.hasOwnProperty.call(o, '@graph') ? o['@graph'] : null, depth + 1);
}

/**
 * What the page says it is: og:type and the first @type of each JSON-LD object ("article",
 * "NewsArticle", "CollectionPage"…), read without parsing the JSON (a page can hold megabytes).
 */
function pageTypes(typed: readonly Element[]): string[] {
  const types: string[] = [];
  for (const el of typed) {
    const text = el.getAttribute('content') ?? `${el.textContent}`.slice(0, MAX_JSON_LD_CHARS);
    for (const m of el.localName === 'meta' ? [['', text]] : text.matchAll(/"@type"\s*:\s*\[?\s*"([^"]{1,99})"/g)) types.push(m[1]!);
  }
  return types.slice(0, 50);
}

/** What the page says about itself, and what it says it is (its types), from one pass over it. */
export function readPageHead(doc: Document, location: Location | URL): { metadata: PageMetadata; types: string[] } {
  const tags = headTags(doc);
  const canonical = tags.first.get('canonical') as HTMLLinkElement | undefined;
  const title = content(tags, 'property:og:title') ?? doc.title ?? '';
  const published =
    content(tags, 'property:article:published_time') ??
    content(tags, 'name:article:published_time') ??
    content(tags, 'itemprop:datePublished') ??
    jsonLdDatePublished(tags.jsonLd) ??
    content(tags, 'name:date');
  const metadata = {
    pageUrl: location.href,
    // The resolved href (relative canonicals are common).
    canonicalHref: canonical ? canonical.href : null,
    title: title.trim().slice(0, 2000),
    site: (content(tags, 'property:og:site_name') ?? '').slice(0, 500),
    ogUrl: resolve(content(tags, 'property:og:url'), location.href),
    publishedTime: published ? published.slice(0, 200) : null,
  };
  return { metadata, types: pageTypes(tags.typed) };
}

export function readPageMetadata(doc: Document, location: Location | URL): PageMetadata {
  return readPageHead(doc, location).metadata;
}

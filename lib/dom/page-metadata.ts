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

/**
 * The page's <meta> and <link rel> elements, looked up in one pass over the document (a page of
 * 100,000 elements made eight separate querySelector calls a 40 ms task): for each key, the
 * first element in document order, as a selector for it would find.
 */
function headTags(doc: Document): Map<string, Element> {
  const first = new Map<string, Element>();
  const keep = (key: string, el: Element) => {
    if (!first.has(key)) first.set(key, el);
  };
  for (const el of doc.querySelectorAll('meta[property], meta[name], meta[itemprop], link[rel][href]')) {
    if (el.localName === 'link') {
      if (/(^|\s)canonical(\s|$)/i.test(el.getAttribute('rel') ?? '')) keep('canonical', el);
      continue;
    }
    const property = el.getAttribute('property');
    const name = el.getAttribute('name');
    const itemprop = el.getAttribute('itemprop');
    if (property) keep(`property:${property}`, el);
    if (name) keep(`name:${name}`, el);
    if (itemprop) keep(`itemprop:${itemprop}`, el);
  }
  return first;
}

function content(tags: Map<string, Element>, key: string): string | null {
  const el = tags.get(key);
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
export function jsonLdDatePublished(doc: Document): string | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
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
export function pageTypes(doc: Document): string[] {
  const types: string[] = [];
  for (const el of doc.querySelectorAll('meta[property="og:type"],script[type="application/ld+json" i]')) {
    const text = el.getAttribute('content') ?? `${el.textContent}`.slice(0, MAX_JSON_LD_CHARS);
    for (const m of el.localName === 'meta' ? [['', text]] : text.matchAll(/"@type"\s*:\s*\[?\s*"([^"]{1,99})"/g)) types.push(m[1]!);
  }
  return types.slice(0, 50);
}

export function readPageMetadata(doc: Document, location: Location | URL): PageMetadata {
  const tags = headTags(doc);
  const canonical = tags.get('canonical') as HTMLLinkElement | undefined;
  const title = content(tags, 'property:og:title') ?? doc.title ?? '';
  const published =
    content(tags, 'property:article:published_time') ??
    content(tags, 'name:article:published_time') ??
    content(tags, 'itemprop:datePublished') ??
    jsonLdDatePublished(doc) ??
    content(tags, 'name:date');
  return {
    pageUrl: location.href,
    // The resolved href (relative canonicals are common).
    canonicalHref: canonical ? canonical.href : null,
    title: title.trim().slice(0, 2000),
    site: (content(tags, 'property:og:site_name') ?? '').slice(0, 500),
    ogUrl: resolve(content(tags, 'property:og:url'), location.href),
    publishedTime: published ? published.slice(0, 200) : null,
  };
}

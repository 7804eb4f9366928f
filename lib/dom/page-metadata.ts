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

function meta(doc: Document, selector: string): string | null {
  const el = doc.querySelector(selector);
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

export function readPageMetadata(doc: Document, location: Location | URL): PageMetadata {
  const canonical = doc.querySelector('link[rel~="canonical" i][href]') as HTMLLinkElement | null;
  const title = meta(doc, 'meta[property="og:title"]') ?? doc.title ?? '';
  const published =
    meta(doc, 'meta[property="article:published_time"]') ??
    meta(doc, 'meta[name="article:published_time"]') ??
    meta(doc, 'meta[itemprop="datePublished"]') ??
    jsonLdDatePublished(doc) ??
    meta(doc, 'meta[name="date"]');
  return {
    pageUrl: location.href,
    // The resolved href (relative canonicals are common).
    canonicalHref: canonical ? canonical.href : null,
    title: title.trim().slice(0, 2000),
    site: (meta(doc, 'meta[property="og:site_name"]') ?? '').slice(0, 500),
    ogUrl: resolve(meta(doc, 'meta[property="og:url"]'), location.href),
    publishedTime: published ? published.slice(0, 200) : null,
  };
}

/** What the page says about itself: its canonical link, title and site name. Read-only. */
export interface PageMetadata {
  pageUrl: string;
  canonicalHref: string | null;
  title: string;
  site: string;
}

function meta(doc: Document, selector: string): string | null {
  const el = doc.querySelector(selector);
  const v = el?.getAttribute('content') ?? el?.getAttribute('href') ?? null;
  return v && v.trim() ? v.trim() : null;
}

export function readPageMetadata(doc: Document, location: Location | URL): PageMetadata {
  const canonical = doc.querySelector('link[rel~="canonical" i][href]') as HTMLLinkElement | null;
  const title = meta(doc, 'meta[property="og:title"]') ?? doc.title ?? '';
  return {
    pageUrl: location.href,
    // The resolved href (relative canonicals are common).
    canonicalHref: canonical ? canonical.href : null,
    title: title.trim().slice(0, 2000),
    site: (meta(doc, 'meta[property="og:site_name"]') ?? '').slice(0, 500),
  };
}

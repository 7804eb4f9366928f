/**
 * How a page says who it is: its own URL, its rel=canonical href and its og:url. Every message
 * that names a page carries this one shape, and every call site files the page under the URL
 * `articleUrlOf` (lib/page/article-url.ts) derives from it, so a page reported, a card asked
 * for, a note saved and a page identified all agree on its article URL. (The function lives
 * apart: it needs the public suffix list, which has no place in the pages' bundles.)
 */
import { z } from 'zod';

/** A URL as a page states it (not yet checked: pages are hostile). */
export const PageUrl = z.string().max(4096);

export const PageIdentity = z.strictObject({
  /** The page's own URL (location.href). */
  pageUrl: PageUrl,
  /** Its <link rel=canonical> href, if any. */
  canonicalHref: PageUrl.nullable(),
  /** Its og:url, used when it has no usable rel=canonical. */
  ogUrl: PageUrl.nullable().optional(),
});
export type PageIdentity = z.infer<typeof PageIdentity>;

/** What a page says about itself besides who it is: title, site name, publication time. */
export const PageClaims = z.strictObject({
  title: z.string().max(2000),
  site: z.string().max(500),
  /** What the page states as its publication time (article:published_time, JSON-LD datePublished). */
  publishedTime: z.string().max(200).nullable().optional(),
});

/** A page as the tab describes it: who it is (page identity) and what it claims. */
export const PageDescription = PageIdentity.extend(PageClaims.shape);
export type PageDescription = z.infer<typeof PageDescription>;

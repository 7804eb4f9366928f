import { z } from 'zod';
import { EntityId } from './entity';

export const MAX_TITLE_LENGTH = 500;
export const MAX_SNIPPET_LENGTH = 300;

/** A page the reader has read, keyed by its canonical URL. */
export const Article = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().max(MAX_TITLE_LENGTH),
  site: z.string().max(200),
  firstSeen: z.number().int().nonnegative(),
  lastSeen: z.number().int().nonnegative(),
  /** When the page says it was published (article:published_time, JSON-LD datePublished). */
  publishedAt: z.number().int().nonnegative().optional(),
});
export type Article = z.infer<typeof Article>;

/** How often one entity was mentioned in one article, with the text around its first mention. */
export const Mention = z.strictObject({
  entityId: EntityId,
  url: Article.shape.url,
  count: z.number().int().positive(),
  snippet: z.string().max(MAX_SNIPPET_LENGTH),
  lastSeen: z.number().int().nonnegative(),
});
export type Mention = z.infer<typeof Mention>;

/** One entity's sighting on the page, as reported by the content script. */
export const PageMention = z.strictObject({
  entityId: EntityId,
  count: z.number().int().positive().max(1_000_000),
  snippet: z.string().max(MAX_SNIPPET_LENGTH),
});
export type PageMention = z.infer<typeof PageMention>;

/** Earliest and latest publication dates we believe (pages state all sorts of nonsense). */
export const MIN_PUBLISHED_AT = Date.UTC(1990, 0, 1);
/** A page may be dated a little ahead of our clock (time zones, clock skew). */
export const PUBLISHED_AT_FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

/**
 * The publication time a page states (ISO 8601, as in article:published_time or JSON-LD
 * datePublished), as epoch ms; null when absent, unreadable or implausible.
 * A date without a time ("2024-05-01") is taken as midnight UTC.
 */
export function parsePublishedTime(raw: string | null | undefined, now: number): number | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s.length < 10 || s.length > 64) return null;
  // ISO 8601-ish only: Date.parse accepts far too much (locale strings) otherwise.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(s)) return null;
  let iso = s.replace(' ', 'T').replace(',', '.');
  // "+0200" -> "+02:00": Date.parse wants the colon.
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (!Number.isFinite(t) || t < MIN_PUBLISHED_AT || t > now + PUBLISHED_AT_FUTURE_SLACK_MS) return null;
  return Math.floor(t);
}

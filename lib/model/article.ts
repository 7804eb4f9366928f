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

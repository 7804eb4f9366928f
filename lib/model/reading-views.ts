/**
 * Views of the glossary and the reading index that cross from storage to the pages: a glossary
 * row, an entity's reading page, an articles-view row, the card's "also in", what deleting an
 * entity removed. Storage builds them (lib/storage), the protocol checks them (lib/messaging),
 * the options page and the card show them.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityType } from './entity';
import { Article, Mention } from './article';

const Count = z.number().int().nonnegative();
const Time = z.number().int().nonnegative();

/** One line of the glossary list: the entity and how much the reader has seen of it. */
export const GlossaryRow = z.strictObject({
  entity: Entity,
  mentions: Count,
  articles: Count,
  lastSeen: Time.nullable(),
});
export type GlossaryRow = z.infer<typeof GlossaryRow>;

/** What deleting an entity removed: enough to put it back exactly (undo), sent back as is. */
export const DeletedEntity = z.strictObject({
  entity: Entity,
  mentions: z.array(Mention).max(1_000_000),
});
export type DeletedEntity = z.infer<typeof DeletedEntity>;

/**
 * One "also in" line of the card: another article where the entity was seen. `site` is what the
 * page claimed (og:site_name); `host` is the stored URL's real hostname, from the
 * background, shown beside it so a page cannot pass itself off as another publisher.
 */
export const AlsoIn = z.strictObject({
  url: Article.shape.url,
  title: Article.shape.title,
  site: Article.shape.site,
  host: z.string().max(300),
  lastSeen: Article.shape.lastSeen,
  count: Count,
  snippet: z.string(),
});
export type AlsoIn = z.infer<typeof AlsoIn>;

/** One article on the entity page, with this entity's count and snippet. */
export const EntityArticle = z.strictObject({
  url: Article.shape.url,
  title: z.string(),
  site: z.string(),
  publishedAt: Time.nullable(),
  firstSeen: Time,
  lastSeen: Time,
  count: Count,
  snippet: z.string(),
});
export type EntityArticle = z.infer<typeof EntityArticle>;

/** An entity often mentioned together with another one: in how many of its articles. */
export const CoMention = z.strictObject({ entityId: EntityId, name: z.string(), type: EntityType, articles: Count });
export type CoMention = z.infer<typeof CoMention>;

/** Where a page of an entity's articles ended (when it was last seen in the last one, its URL). */
export const ReadingCursor = z.strictObject({ lastSeen: Time, url: Article.shape.url });
export type ReadingCursor = z.infer<typeof ReadingCursor>;

/** A page of an entity's articles, most recently seen first; `next`: null when it is the last. */
export const EntityArticlesPage = z.strictObject({ articles: z.array(EntityArticle), next: ReadingCursor.nullable() });
export type EntityArticlesPage = z.infer<typeof EntityArticlesPage>;

/** "What have I read about X": the first page of articles, the totals, co-mentioned entities. */
export const EntityReading = EntityArticlesPage.extend({
  entity: Entity,
  total: Count,
  mentions: Count,
  coMentioned: z.array(CoMention),
});
export type EntityReading = z.infer<typeof EntityReading>;
/** An entity's reading page as storage reads it (the handler adds the entity). */
export type EntityReadingPage = Omit<EntityReading, 'entity'>;

/** One line of the articles view: the article and the entities it mentions. */
export const ArticleRow = z.strictObject({
  article: Article,
  entities: z.array(z.strictObject({ entityId: EntityId, name: z.string(), type: EntityType, count: Count })),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

/** A page of the articles view and how many articles match in all. */
export const ArticlePage = z.strictObject({ items: z.array(ArticleRow), total: Count });
export type ArticlePage = z.infer<typeof ArticlePage>;

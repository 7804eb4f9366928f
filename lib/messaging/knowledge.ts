/**
 * The knowledge-base part of the message protocol (glossary manager, reading index, import
 * and export). Spread into `toBackground` in protocol.ts: one protocol, one router. Every
 * entry is for the extension's own pages only: a web page never reads the reading index
 * wholesale, nor imports, exports, merges or deletes.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityType } from '../model/entity';
import { Article, Mention } from '../model/article';
import { ImportAliasNote } from './names';

const Empty = z.strictObject({});
const Count = z.number().int().nonnegative();
const Time = z.number().int().nonnegative();
const Choice = z.enum(['merge', 'skip', 'keep']);
const ImportKind = z.enum(['glossary', 'backup', 'csv']);

/** The import message's limit on the file text (characters): a backup of years of reading. */
export const MAX_IMPORT_TEXT = 60_000_000;

export const GlossaryRow = z.strictObject({
  entity: Entity,
  mentions: Count,
  articles: Count,
  lastSeen: Time.nullable(),
});
export type GlossaryRow = z.infer<typeof GlossaryRow>;

/** What deleting an entity removed; sent back as is to undo. */
export const DeletedEntity = z.strictObject({
  entity: Entity,
  mentions: z.array(Mention).max(1_000_000),
});
export type DeletedEntity = z.infer<typeof DeletedEntity>;

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

export const CoMention = z.strictObject({ entityId: EntityId, name: z.string(), type: EntityType, articles: Count });
export type CoMention = z.infer<typeof CoMention>;

/** Where a page of an entity's articles ended (when it was last seen in the last one, its URL). */
export const ReadingCursor = z.strictObject({ lastSeen: Time, url: Article.shape.url });
export type ReadingCursor = z.infer<typeof ReadingCursor>;

export const EntityReading = z.strictObject({
  entity: Entity,
  /** The first page, most recently seen first. */
  articles: z.array(EntityArticle),
  total: Count,
  mentions: Count,
  coMentioned: z.array(CoMention),
  /** Where the next page starts (entity.articles); null when every article is in `articles`. */
  next: ReadingCursor.nullable(),
});
export type EntityReading = z.infer<typeof EntityReading>;

export const EntityArticlesPage = z.strictObject({ articles: z.array(EntityArticle), next: ReadingCursor.nullable() });
export type EntityArticlesPage = z.infer<typeof EntityArticlesPage>;

export const ArticleRow = z.strictObject({
  article: Article,
  entities: z.array(z.strictObject({ entityId: EntityId, name: z.string(), type: EntityType, count: Count })),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

export const ImportPreview = z.strictObject({
  kind: ImportKind,
  counts: z.strictObject({ entities: Count, articles: Count, mentions: Count, notes: Count, settings: z.boolean() }),
  newEntities: Count,
  unchanged: Count,
  duplicates: z.array(
    z.strictObject({
      index: Count,
      name: z.string(),
      type: EntityType,
      matches: z.array(z.strictObject({ id: EntityId, name: z.string(), type: EntityType, by: z.enum(['id', 'name', 'alias']), text: z.string() })),
    }),
  ),
  duplicateCount: Count,
  /** Entries whose aliases are common words, months, lists or shared (lib/background/alias-review.ts). */
  aliasNotes: z.array(ImportAliasNote).max(1000).optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportChoices = z.strictObject({
  default: Choice,
  /** By the entry's index in the file ("12": "keep"). */
  choices: z.record(z.string().regex(/^\d{1,7}$/), Choice).optional(),
  restoreSettings: z.boolean().optional(),
});
export type ImportChoicesInput = z.input<typeof ImportChoices>;

export const ImportOutcome = z.strictObject({
  entities: z.strictObject({ added: Count, merged: Count, skipped: Count, unchanged: Count }),
  articles: z.strictObject({ added: Count, updated: Count }),
  mentions: Count,
  notes: z.strictObject({ added: Count, skipped: Count }),
  settingsRestored: z.boolean(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ExportKind = z.enum(['backup', 'glossary', 'csv']);
export type ExportKind = z.infer<typeof ExportKind>;

export const knowledgeMessages = {
  /** The options page's glossary list: every entity with its reading statistics. */
  'glossary.rows': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(GlossaryRow),
  },
  /** Merge `otherId` into `keepId` (one transaction); the other entity is gone afterwards. */
  'entity.merge': {
    from: ['extension-page'],
    request: z.strictObject({ keepId: EntityId, otherId: EntityId }),
    reply: Entity,
  },
  /** Undo a delete with what entity.delete returned as `removed`. */
  'entity.restore': {
    from: ['extension-page'],
    request: z.strictObject({ removed: DeletedEntity }),
    reply: Entity,
  },
  /**
   * "What have I read about X": the first page of its articles (newest first, `limit`, default
   * 100), the totals, and co-mentioned entities. Null when the entity does not exist.
   */
  'entity.reading': {
    from: ['extension-page'],
    request: z.strictObject({ entityId: EntityId, limit: z.number().int().min(1).max(10_000).optional() }),
    reply: EntityReading.nullable(),
  },
  /** The next page of an entity's articles, after the cursor the previous page ended with. */
  'entity.articles': {
    from: ['extension-page'],
    request: z.strictObject({ entityId: EntityId, after: ReadingCursor, limit: z.number().int().min(1).max(10_000).optional() }),
    reply: EntityArticlesPage,
  },
  /** The articles view, a page at a time. */
  'reading.articles': {
    from: ['extension-page'],
    request: z.strictObject({
      offset: z.number().int().nonnegative().max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      query: z.string().max(500).default(''),
    }),
    reply: z.strictObject({ items: z.array(ArticleRow), total: Count }),
  },
  /** Forget one article of the reading index. */
  'reading.forget': {
    from: ['extension-page'],
    request: z.strictObject({ url: Article.shape.url }),
    reply: z.strictObject({ forgotten: z.boolean() }),
  },
  /** Forget the whole reading history (articles and mentions); the glossary stays. */
  'reading.clear': {
    from: ['extension-page'],
    request: Empty,
    reply: z.strictObject({ cleared: z.literal(true) }),
  },
  /** How many records the database holds. */
  'storage.summary': {
    from: ['extension-page'],
    request: Empty,
    reply: z.strictObject({ entities: Count, articles: Count, mentions: Count, notes: Count }),
  },
  /**
   * Step 1 of an import: validate the file (JSON glossary, JSON backup or CSV) and say what it
   * would do. Nothing is written. An invalid file gets `valid: false` and every problem.
   */
  'import.preview': {
    from: ['extension-page'],
    request: z.strictObject({ text: z.string().max(MAX_IMPORT_TEXT) }),
    reply: z.discriminatedUnion('valid', [
      z.strictObject({ valid: z.literal(false), kind: ImportKind.nullable(), errors: z.array(z.string()) }),
      /** `token` names the validated file, kept in the background for import.commit (for a while). */
      z.strictObject({ valid: z.literal(true), preview: ImportPreview, token: z.string().max(64) }),
    ]),
  },
  /**
   * Step 2: import the previewed file with the reader's choices; one transaction, all or
   * nothing. `token` names the file preview validated (kept in the background for 10 minutes,
   * while the service worker lives); failing that, `text` is validated again. A token that
   * is no longer known, without text, gets the error "import preview expired".
   */
  'import.commit': {
    from: ['extension-page'],
    request: z.strictObject({ text: z.string().max(MAX_IMPORT_TEXT).optional(), token: z.string().max(64).optional(), choices: ImportChoices }),
    reply: ImportOutcome,
  },
  /** A file to download: full backup (JSON), glossary (JSON) or glossary (CSV). */
  'export.file': {
    from: ['extension-page'],
    request: z.strictObject({ kind: ExportKind }),
    reply: z.strictObject({ text: z.string(), filename: z.string(), mime: z.string() }),
  },
} as const;

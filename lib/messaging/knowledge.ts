/**
 * The knowledge-base part of the message protocol (glossary manager, reading index, import
 * and export). Spread into `toBackground` in protocol.ts: one protocol, one router. Every
 * entry is for the extension's own pages only: a web page never reads the reading index
 * wholesale, nor imports, exports, merges or deletes.
 */
import { z } from 'zod';
import { Entity, EntityId } from '../model/entity';
import { Article } from '../model/article';
import { ArticlePage, DeletedEntity, EntityArticlesPage, EntityReading, GlossaryRow, ReadingCursor } from '../model/reading-views';
import { ImportChoices, ImportKind, ImportOutcome, ImportPreview } from '../model/import-plan';
import { Count, Empty, Paging, type MessageTable } from './table';
import { Version } from '../model/version';

// The shapes live in lib/model; re-exported for the pages that show them.
export { ArticleRow, CoMention, DeletedEntity, EntityArticle, EntityArticlesPage, EntityReading, GlossaryRow, ReadingCursor } from '../model/reading-views';
export { ImportChoices, ImportOutcome, ImportPreview, type ImportChoicesInput } from '../model/import-plan';

/** The import message's limit on the file text (characters): a backup of years of reading. */
export const MAX_IMPORT_TEXT = 60_000_000;

/** Full backup (JSON), glossary as JSON or CSV, glossary as SKOS in Turtle or JSON-LD (lib/formats). */
export const ExportKind = z.enum(['backup', 'glossary', 'csv', 'skos-turtle', 'skos-jsonld']);
export type ExportKind = z.infer<typeof ExportKind>;

export const knowledgeMessages = {
  /** The options page's glossary list: every entity with its reading statistics. */
  'glossary.rows': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(GlossaryRow),
  },
  /**
   * Merge `otherId` into `keepId` (one transaction); the other entity is gone afterwards. The
   * versions the page showed, when given, are checked (docs/versioning.md).
   */
  'entity.merge': {
    from: ['extension-page'],
    request: z.strictObject({ keepId: EntityId, otherId: EntityId, keepVersion: Version.optional(), otherVersion: Version.optional() }),
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
    request: z.strictObject({ ...Paging, query: z.string().max(500).default('') }),
    reply: ArticlePage,
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
  /** A file to download: full backup (JSON), glossary (JSON, CSV, SKOS Turtle or SKOS JSON-LD). */
  'export.file': {
    from: ['extension-page'],
    request: z.strictObject({ kind: ExportKind }),
    reply: z.strictObject({ text: z.string(), filename: z.string(), mime: z.string() }),
  },
} as const satisfies MessageTable;

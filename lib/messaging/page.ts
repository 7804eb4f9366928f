/**
 * The page part of the protocol: what a content script asks and reports for the page it runs
 * in (on or off here, the glossary's mentions in its text, what it read) and the card of a
 * mark. Spread into `toBackground` in protocol.ts.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityType } from '../model/entity';
import { PageMention } from '../model/article';
import { PageDescription, PageIdentity, PageUrl } from '../model/page-identity';
import { AlsoIn } from '../model/reading-views';
import { PageSettings } from '../model/settings';
import type { MessageTable } from './table';

/** What one page.match may carry: an article's worth of text and more, not a library. */
export const MAX_PAGE_CHARS = 2_000_000;
export const MAX_PAGE_TEXTS = 200_000;
export const MAX_PAGE_MATCHES = 200_000;

const Index = z.number().int().nonnegative();
const MAX_NAME = 200;

/**
 * Which scan a part belongs to, so the background can keep the scan's text for discovery
 * (discover.page names the scan instead of sending the text again): the part's number in
 * the scan, its leading texts that repeat the previous part, and where it was cut inside a
 * block ([text, offset]; lib/text/parts.ts).
 */
export const ScanPart = z.strictObject({
  id: z.string().min(1).max(64),
  part: Index.max(100_000),
  overlap: Index,
  cut: z.tuple([Index, Index]).nullable(),
});

const ElementNumber = z.number().int().min(-1);

/**
 * The elements the tab walked while reading a part (lib/article/layout.ts), for finding the
 * article off the page: per element its tag, its parent's number (-1: body), the characters of
 * text read before it and its class, id and role (flat, four values an element);
 * per text of the part, the element holding it. The last part of a scan carries `page` (title, og:type and JSON-LD
 * @type values) and is answered with the article's zones once the whole page is in.
 */
export const PageLayoutPart = z.strictObject({
  /** Four values per element: tag, parent, characters before it, attributes (lib/dom/collect-text.ts). */
  rows: z.array(z.union([z.string().max(4000), z.number().int().min(-1)])).max(4 * MAX_PAGE_TEXTS),
  owners: z.array(ElementNumber).max(MAX_PAGE_TEXTS),
  page: z.strictObject({ title: z.string().max(2000), types: z.array(z.string().max(100)).max(50) }).optional(),
});

/**
 * Where a page's article is (lib/article/layout.ts encodeZone): element numbers with "article"
 * or "furniture"; text is article when the nearest zone around it says so. `article`: whether
 * the page is an article at all (a home page, a section front or search results is not).
 */
export const ArticleZones = z.strictObject({
  article: z.boolean(),
  zones: z.array(Index).max(MAX_PAGE_TEXTS),
});
export type ArticleZones = z.infer<typeof ArticleZones>;

export const PageText = z
  .strictObject({
    pageUrl: PageUrl,
    texts: z.array(z.string().max(MAX_PAGE_CHARS)).max(MAX_PAGE_TEXTS),
    breaks: z.array(Index).max(MAX_PAGE_TEXTS),
    scan: ScanPart.optional(),
    layout: PageLayoutPart.optional(),
  })
  .refine((p) => p.texts.reduce((n, t) => n + t.length, 0) <= MAX_PAGE_CHARS, 'page text too long');
export type PageText = z.infer<typeof PageText>;

/** The entities a page mentions, with the page, for the reading index. */
export const PageReport = PageDescription.extend({ mentions: z.array(PageMention).max(10_000) });
export type PageReport = z.infer<typeof PageReport>;

export const EntityWithCount = z.strictObject({ entity: Entity, count: z.number().int().nonnegative() });

export const ImportResult = z.strictObject({ added: z.number().int(), updated: z.number().int() });

/** Requests of a tab about its own page: type -> who may send it, request payload, reply value. */
export const pageMessages = {
  /**
   * The content script's first question on every page, before it reads a character: is the
   * extension on here, how are marks drawn, which glossary revision is current and does the
   * glossary hold anything to match. The glossary itself never travels to tabs (page.match).
   */
  'page.start': {
    from: ['content', 'extension-page'],
    request: z.strictObject({ pageUrl: PageUrl }),
    reply: z.strictObject({
      /** False when the reader switched the extension off for this site: do nothing at all. */
      enabled: z.boolean(),
      settings: PageSettings,
      revision: z.number().int(),
      /** False while the glossary has no alias: the tab reads the page for suggestions only. */
      hasGlossary: z.boolean(),
    }),
  },
  /**
   * Find the glossary's mentions in some of the page's visible text. The tab sends the text of
   * its text nodes (`texts`, in document order; `breaks`: the indices of those that start a new
   * block — a mention never crosses one, nor the end of a message); the background matches
   * with the glossary it compiled once (lib/text), so no tab decodes or holds the glossary.
   * `matches` is flat, five numbers per match: entity index (into `entities`), start text
   * index, start offset, end text index, end offset (UTF-16, end exclusive). `snippets[i]` is the
   * sentence around the first mention of entities[i] in this text (for the reading index).
   */
  'page.match': {
    from: ['content'],
    request: PageText,
    reply: z.strictObject({
      enabled: z.boolean(),
      revision: z.number().int(),
      entities: z.array(z.strictObject({ id: EntityId, type: EntityType })).max(MAX_PAGE_TEXTS),
      matches: z.array(z.number().int().nonnegative()).max(5 * MAX_PAGE_MATCHES),
      snippets: z.array(z.string().max(1_000)).max(MAX_PAGE_TEXTS),
      /**
       * Why a common-word alias was matched (lib/background/page-evidence.ts): per such match,
       * its index in `matches` (a match number, not a position in the flat array), the alias,
       * the entity's full name as the page wrote it ('' when none), and where that name is.
       */
      reasons: z
        .array(z.tuple([Index, z.string().max(MAX_NAME), z.string().max(1_000), z.enum(['above', 'below', ''])]))
        .max(MAX_PAGE_MATCHES)
        .optional(),
      /** On the last part of a scan that sent its layout: where the article is (null: not found). */
      zones: ArticleZones.nullable().optional(),
    }),
  },
  'page.report': {
    from: ['content'],
    request: PageReport,
    reply: z.strictObject({ recorded: z.boolean(), url: z.string().nullable() }),
  },
  /** The card of an entity, with "also in": the other articles it was seen in (the page's own left out). */
  'entity.card': {
    from: ['content', 'extension-page'],
    request: PageIdentity.extend({ entityId: EntityId }),
    reply: z
      .strictObject({
        entity: Entity,
        alsoIn: z.array(AlsoIn),
        /** Two devices wrote its name or notes at once (docs/sync.md). */
        editedOnTwoDevices: z.boolean().optional(),
        /** Then, the other device's text of each field that differs (the record holds the first). */
        otherTexts: z.strictObject({ name: z.string().max(50_000).optional(), notes: z.string().max(50_000).optional() }).optional(),
        /** Team glossary entities going by its name (one mark, both sources on the card; docs/sync-team-glossary.md). */
        alsoFrom: z.array(Entity).max(20).optional(),
      })
      .nullable(),
  },
} as const satisfies MessageTable;

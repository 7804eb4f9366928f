/**
 * The one message protocol of the extension. Every request and every reply is a zod schema;
 * the background validates each incoming request and each outgoing reply, so an unknown or
 * malformed message gets an error reply and changes nothing.
 *
 * Directions:
 *  - ToBackground: content scripts, popup and options page -> background (the only DB owner).
 *  - ToContent: background or popup -> the content script of one tab.
 *
 * Each request names who may send it: a content script runs inside pages written by anyone,
 * so it may only read what it needs for the page and report what it saw; editing the glossary
 * is reserved to the extension's own pages.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityInput, EntityType } from '../model/entity';
import { Article, PageMention } from '../model/article';
import { Note } from '../model/note';
import { PageSettings, Settings, SettingsPatch } from '../model/settings';
import { QuoteSelector } from '../model/quote';
import { DeletedEntity, knowledgeMessages } from './knowledge';
import { discoveryMessages, Suggestion } from './discovery';
import { notesContentMessages, notesMessages } from './notes';
import { namesMessages } from './names';
import { CHANNEL } from './envelope';

export type SenderKind = 'content' | 'extension-page';

const Empty = z.strictObject({});

/** One "also in" line of the tooltip: another article where the entity was seen. */
export const AlsoIn = z.strictObject({
  url: Article.shape.url,
  title: Article.shape.title,
  site: Article.shape.site,
  lastSeen: Article.shape.lastSeen,
  count: z.number().int().nonnegative(),
  snippet: z.string(),
});
export type AlsoIn = z.infer<typeof AlsoIn>;

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
    pageUrl: z.string().max(4096),
    texts: z.array(z.string().max(MAX_PAGE_CHARS)).max(MAX_PAGE_TEXTS),
    breaks: z.array(Index).max(MAX_PAGE_TEXTS),
    scan: ScanPart.optional(),
    layout: PageLayoutPart.optional(),
  })
  .refine((p) => p.texts.reduce((n, t) => n + t.length, 0) <= MAX_PAGE_CHARS, 'page text too long');
export type PageText = z.infer<typeof PageText>;

export const PageReport = z.strictObject({
  /** The page's own URL (location.href) and its rel=canonical href, if any. */
  pageUrl: z.string().max(4096),
  canonicalHref: z.string().max(4096).nullable(),
  title: z.string().max(2000),
  site: z.string().max(500),
  mentions: z.array(PageMention).max(10_000),
  /** The page's og:url, used when it has no usable rel=canonical. */
  ogUrl: z.string().max(4096).nullable().optional(),
  /** What the page states as its publication time (article:published_time, JSON-LD datePublished). */
  publishedTime: z.string().max(200).nullable().optional(),
});
export type PageReport = z.infer<typeof PageReport>;

export const EntityWithCount = z.strictObject({ entity: Entity, count: z.number().int().nonnegative() });

export const ImportResult = z.strictObject({ added: z.number().int(), updated: z.number().int() });

/** Requests to the background: type -> who may send it, request payload, reply value. */
export const toBackground = {
  /**
   * The content script's first question on every page, before it reads a character: is the
   * extension on here, how are marks drawn, which glossary revision is current and does the
   * glossary hold anything to match. The glossary itself never travels to tabs (page.match).
   */
  'page.start': {
    from: ['content', 'extension-page'],
    request: z.strictObject({ pageUrl: z.string().max(4096) }),
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
  'entity.card': {
    from: ['content', 'extension-page'],
    request: z.strictObject({ entityId: EntityId, pageUrl: z.string().max(4096), canonicalHref: z.string().max(4096).nullable() }),
    reply: z.strictObject({ entity: Entity, alsoIn: z.array(AlsoIn) }).nullable(),
  },
  'entity.list': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(Entity),
  },
  'entity.get': {
    from: ['extension-page'],
    request: z.strictObject({ ids: z.array(EntityId).max(10_000) }),
    reply: z.array(Entity),
  },
  'entity.create': {
    from: ['extension-page'],
    request: z.strictObject({ input: EntityInput }),
    reply: Entity,
  },
  'entity.update': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId, input: EntityInput }),
    reply: Entity,
  },
  'entity.delete': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId }),
    /** `removed`: what was deleted, for entity.restore (undo). */
    reply: z.strictObject({ deleted: z.boolean(), removed: DeletedEntity.nullable().optional() }),
  },
  'glossary.import': {
    from: ['extension-page'],
    /** The file's text, parsed and validated in the background (never trusted from the page). */
    request: z.strictObject({ text: z.string().max(20_000_000) }),
    reply: ImportResult,
  },
  'glossary.export': {
    from: ['extension-page'],
    request: Empty,
    reply: z.strictObject({ json: z.string(), filename: z.string() }),
  },
  'note.list': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(Note),
  },
  'settings.get': {
    from: ['extension-page'],
    request: Empty,
    reply: Settings,
  },
  /** Change some settings; open tabs are told to refresh. */
  'settings.update': {
    from: ['extension-page'],
    request: z.strictObject({ patch: SettingsPatch }),
    reply: Settings,
  },
  ...knowledgeMessages,
  ...discoveryMessages,
  ...notesMessages,
  ...namesMessages,
} as const satisfies Record<string, { from: readonly SenderKind[]; request: z.ZodType; reply: z.ZodType }>;

/** Costs of the content script on one page, measured by itself (performance.now, in ms). */
export const PageStats = z.strictObject({
  /** From content script start to the first marks painted (null: nothing to paint). */
  firstPaintMs: z.number().nullable(),
  /** Total time spent in the content script's own work (scan, match, paint, hit-test setup). */
  mainThreadMs: z.number(),
  /** The longest single slice of that work. */
  longestTaskMs: z.number(),
  scans: z.number().int(),
  textNodes: z.number().int(),
  characters: z.number().int(),
  marks: z.number().int(),
});
export type PageStats = z.infer<typeof PageStats>;

/** Requests to a tab's content script. */
export const toContent = {
  /** What the popup shows under "On this page". */
  'page.found': {
    request: Empty,
    reply: z.strictObject({
      mentions: z.array(z.strictObject({ entityId: EntityId, count: z.number().int() })),
      /** The page's own site (host), which the popup cannot read without the tabs permission. */
      site: z.string().max(300).nullable(),
      /** Entities named on the page that are not in the glossary (discovery), most named first. */
      suggestions: z.array(Suggestion).max(500).default([]),
    }),
  },
  /** The glossary or the settings changed: ask page.start again and rescan. */
  'page.refresh': {
    request: z.strictObject({ revision: z.number().int() }),
    reply: z.strictObject({ ok: z.literal(true) }),
  },
  /** Keyboard navigation (manifest commands): move to the next/previous mention, open its card. */
  'mention.step': {
    request: z.strictObject({ direction: z.enum(['next', 'previous']) }),
    reply: z.strictObject({ moved: z.boolean() }),
  },
  /** Scroll to the first mention of an entity and open its card (popup "On this page"). */
  'mention.reveal': {
    request: z.strictObject({ entityId: EntityId }),
    reply: z.strictObject({ found: z.boolean() }),
  },
  /**
   * The reader's selection as a quote (for "Save note"), with the glossary entities mentioned
   * in it and the page's metadata. `selection` is null when nothing is selected.
   */
  'selection.capture': {
    request: Empty,
    reply: z.strictObject({
      selection: z.strictObject({ selector: QuoteSelector, entityIds: z.array(EntityId).max(1_000) }).nullable(),
      page: z.strictObject({
        pageUrl: z.string().max(4096),
        canonicalHref: z.string().max(4096).nullable(),
        title: z.string().max(2000),
        site: z.string().max(500),
        ogUrl: z.string().max(4096).nullable().optional(),
        publishedTime: z.string().max(200).nullable().optional(),
      }),
    }),
  },
  /** Find saved quotes on the page and mark them; says which could not be found. */
  'quotes.show': {
    request: z.strictObject({ quotes: z.array(z.strictObject({ id: z.string().min(1).max(64), selector: QuoteSelector })).max(5_000) }),
    reply: z.strictObject({ found: z.array(z.string()), missing: z.array(z.string()) }),
  },
  /** Scroll to a marked quote and flash it (opening a note from the popup). */
  'quote.reveal': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    reply: z.strictObject({ found: z.boolean() }),
  },
  /** What scanning this page cost, for the benchmark and diagnostics. */
  'page.stats': {
    request: Empty,
    reply: PageStats,
  },
  ...notesContentMessages,
} as const satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

export type ToBackground = typeof toBackground;
export type ToContent = typeof toContent;
export type BackgroundType = keyof ToBackground;
export type ContentType = keyof ToContent;
export type RequestOf<P extends Record<string, { request: z.ZodType }>, T extends keyof P> = z.input<P[T]['request']>;
export type ReplyOf<P extends Record<string, { reply: z.ZodType }>, T extends keyof P> = z.output<P[T]['reply']>;

/** The wire envelope (lib/messaging/envelope.ts holds it without zod, for the in-page core). */
export { CHANNEL, envelope, type Reply } from './envelope';
export const Envelope = z.strictObject({
  channel: z.literal(CHANNEL),
  type: z.string().max(64),
  payload: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

export const ReplySchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);

/** A readable one-line summary of a zod error: "path.to.field: why; other: why". */
export function describeZodError(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  if (error.issues.length > max) parts.push(`…and ${error.issues.length - max} more`);
  return parts.join('; ');
}

export type ParsedRequest<P extends Record<string, { request: z.ZodType }>> = {
  [T in keyof P]: { type: T; payload: z.output<P[T]['request']> };
}[keyof P];

/** Validate an incoming message against a protocol table. Never throws. */
export function parseRequest<P extends Record<string, { request: z.ZodType }>>(
  protocol: P,
  raw: unknown,
): { ok: true; request: ParsedRequest<P> } | { ok: false; error: string } {
  const env = Envelope.safeParse(raw);
  if (!env.success) return { ok: false, error: `malformed message: ${describeZodError(env.error)}` };
  if (!Object.prototype.hasOwnProperty.call(protocol, env.data.type)) {
    return { ok: false, error: `unknown message type: ${JSON.stringify(env.data.type)}` };
  }
  const spec = protocol[env.data.type as keyof P]!;
  const payload = spec.request.safeParse(env.data.payload);
  if (!payload.success) return { ok: false, error: `invalid ${env.data.type}: ${describeZodError(payload.error)}` };
  return { ok: true, request: { type: env.data.type, payload: payload.data } as ParsedRequest<P> };
}


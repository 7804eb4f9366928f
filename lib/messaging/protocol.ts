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
import { EntityId } from '../model/entity';
import { PageDescription } from '../model/page-identity';
import { QuoteSelector } from '../model/quote';
import { ChangedElsewhere } from '../model/conflict';
import { pageMessages } from './page';
import { glossaryMessages } from './glossary';
import { settingsMessages } from './settings';
import { knowledgeMessages } from './knowledge';
import { discoveryMessages, Suggestion } from './discovery';
import { notesContentMessages, notesMessages } from './notes';
import { noteFormatsMessages } from './note-formats';
import { namesMessages } from './names';
import { syncMessages } from './sync';
import { subscriptionMessages } from './subscriptions';
import { CHANNEL } from './envelope';
import { Empty, type MessageTable } from './table';

export type { SenderKind, MessageTable } from './table';
// Shapes other folders import from here (they are defined in their area's file or in lib/model).
export { AlsoIn } from '../model/reading-views';
export { ArticleZones, MAX_PAGE_CHARS, MAX_PAGE_MATCHES, MAX_PAGE_TEXTS, PageLayoutPart, PageReport, PageText, ScanPart } from './page';

/** Requests to the background: type -> who may send it, request payload, reply value. */
export const toBackground = {
  ...pageMessages,
  ...glossaryMessages,
  ...settingsMessages,
  ...knowledgeMessages,
  ...discoveryMessages,
  ...notesMessages,
  ...noteFormatsMessages,
  ...namesMessages,
  ...syncMessages,
  ...subscriptionMessages,
} as const satisfies MessageTable;

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
      page: PageDescription,
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
  z.strictObject({ ok: z.literal(false), error: z.string(), conflict: ChangedElsewhere.optional() }),
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


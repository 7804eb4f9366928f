/**
 * The entity-discovery part of the protocol. A content script sends its page's visible text
 * and gets back the people, organisations and events named there that are not in the glossary
 * (nor dismissed by the reader), with their mentions in chunk offsets so it can mark them.
 * Dismissing is for extension pages only.
 */
import { z } from 'zod';
import { PageIdentity } from '../model/page-identity';
import type { MessageTable } from './table';

/** Limits on what a page may send: an article's text, not a book. */
export const MAX_DISCOVERY_CHARS = 2_000_000;
export const MAX_DISCOVERY_CHUNKS = 100_000;

const Position = z.strictObject({ chunk: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });

export const Suggestion = z.strictObject({
  key: z.string().min(1).max(300),
  name: z.string().min(1).max(300),
  type: z.enum(['person', 'organization', 'event']),
  aliases: z.array(z.string().max(300)).max(100),
  count: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
  /** In how many articles the reader has met it (this one included, when recording is on). */
  seenIn: z.number().int().nonnegative(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const discoveryMessages = {
  'discover.page': {
    from: ['content'],
    request: z
      .strictObject({
        /** Who the page is: where the suggestions were seen (reading index). */
        ...PageIdentity.shape,
        /** The page's text, in chunk offsets the mentions come back in… */
        chunks: z
          .array(z.strictObject({ text: z.string().max(MAX_DISCOVERY_CHARS), blockStart: z.boolean() }))
          .max(MAX_DISCOVERY_CHUNKS)
          .refine((chunks) => chunks.reduce((n, c) => n + c.text.length, 0) <= MAX_DISCOVERY_CHARS, 'page text too long')
          .optional(),
        /** …or the scan whose parts page.match kept (the reply then says `textKept: false` if it is gone). */
        scan: z.string().min(1).max(64).optional(),
        /** With `scan`: only these runs of its texts, [first, count, …] (the article of the page). */
        only: z.array(z.number().int().min(0)).max(2 * MAX_DISCOVERY_CHUNKS).optional(),
        /** The page's language as it declares it (`<html lang>`); without it the text decides. */
        lang: z.string().max(35).optional(),
      })
      .refine((r) => (r.chunks === undefined) !== (r.scan === undefined), 'either chunks or scan')
      .refine((r) => r.only === undefined || r.scan !== undefined, 'only names runs of a scan'),
    reply: z.strictObject({
      /** False when the request named a scan the background no longer has: send the text. */
      textKept: z.boolean().default(true),
      suggestions: z.array(
        Suggestion.extend({
          mentions: z.array(z.strictObject({ start: Position, end: Position })).max(10_000),
        }),
      ).max(500),
    }),
  },
  /** "Not an entity": never suggest this candidate again. */
  'suggestion.dismiss': {
    from: ['extension-page'],
    request: z.strictObject({ key: z.string().min(1).max(300) }),
    reply: z.strictObject({ dismissed: z.number().int() }),
  },
} as const satisfies MessageTable;

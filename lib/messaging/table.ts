/**
 * What every area's message table is made of (page.ts, glossary.ts, settings.ts, knowledge.ts,
 * discovery.ts, notes.ts, names.ts; protocol.ts joins them): per message, who may send it, the
 * request's schema and the reply's. The background derives each area's handler type from its
 * table (lib/background/handler-types.ts).
 */
import { z } from 'zod';

/** Who sent a message: a content script (inside a web page: trusted with little) or an extension page. */
export type SenderKind = 'content' | 'extension-page';

export interface MessageSpec {
  from: readonly SenderKind[];
  request: z.ZodType;
  reply: z.ZodType;
}
export type MessageTable = Record<string, MessageSpec>;

/** A request with nothing in it. */
export const Empty = z.strictObject({});
/** A count of records. */
export const Count = z.number().int().nonnegative();

/** A page of a list: `limit` items from `offset` (spread into a request's object). */
export const Paging = {
  offset: z.number().int().nonnegative().max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

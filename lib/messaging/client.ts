/**
 * Typed senders for the protocol. Used by content scripts, popup and options page.
 * Replies are validated here too: the caller gets either the typed value or an Error.
 */
import { browser } from 'wxt/browser';
import {
  ReplySchema,
  envelope,
  toBackground,
  toContent,
  describeZodError,
  type BackgroundType,
  type ContentType,
  type ReplyOf,
  type RequestOf,
  type ToBackground,
  type ToContent,
} from './protocol';
import type { ChangedElsewhere } from '../model/conflict';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    message: string,
    /** Set when an edit was refused as "changed elsewhere": the stored record (docs/versioning.md). */
    readonly conflict?: ChangedElsewhere,
  ) {
    super(message);
  }
}

function unwrap<T>(raw: unknown, replySchema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }, type: string): T {
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) throw new ProtocolError(`no valid reply to ${type}`);
  if (!reply.data.ok) throw new ProtocolError(reply.data.error, reply.data.conflict);
  const value = replySchema.safeParse(reply.data.value);
  if (!value.success) throw new ProtocolError(`invalid reply to ${type}: ${describeZodError(value.error as never)}`);
  return value.data as T;
}

/** Ask the background. Rejects with ProtocolError on an error reply. */
export async function ask<T extends BackgroundType>(
  type: T,
  payload: RequestOf<ToBackground, T>,
): Promise<ReplyOf<ToBackground, T>> {
  const raw = await browser.runtime.sendMessage(envelope(type, payload));
  return unwrap(raw, toBackground[type].reply, type);
}

/** Ask the content script of one tab. */
export async function askTab<T extends ContentType>(
  tabId: number,
  type: T,
  payload: RequestOf<ToContent, T>,
): Promise<ReplyOf<ToContent, T>> {
  const raw = await browser.tabs.sendMessage(tabId, envelope(type, payload));
  return unwrap(raw, toContent[type].reply, type);
}

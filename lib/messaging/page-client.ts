/**
 * The in-page core's client: asks the background without zod. Every page loads the core, so it
 * carries no schema library (measured: zod and the protocol's schemas cost a page ~45 ms to
 * evaluate); the background's router validates each request it receives and each reply before
 * sending it (lib/background/router.ts), so the core only checks the reply's envelope. The
 * lazily loaded in-page UI and the extension pages use lib/messaging/client.ts, which
 * validates replies again.
 */
import { coreRuntime } from '../inpage/core/extension-api';
import { envelope, isReply } from './envelope';
import type { BackgroundType, ReplyOf, RequestOf, ToBackground } from './protocol';

export async function askBackground<T extends BackgroundType>(
  type: T,
  payload: RequestOf<ToBackground, T>,
): Promise<ReplyOf<ToBackground, T>> {
  const raw: unknown = await coreRuntime().sendMessage(envelope(type, payload));
  if (!isReply(raw)) throw new Error(`no valid reply to ${type}`);
  if (!raw.ok) throw new Error(raw.error);
  return raw.value as ReplyOf<ToBackground, T>;
}

export type PageAsk = typeof askBackground;

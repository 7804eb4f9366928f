/**
 * Turns the protocol table into a runtime.onMessage listener: checks who sent the message,
 * validates the request, runs the handler, validates the reply. Nothing throws out of it:
 * every failure becomes an `{ ok: false, error }` reply, and a rejected message changes nothing
 * because validation happens before any handler runs.
 */
import type { z } from 'zod';
import { CHANNEL, describeZodError, parseRequest, toBackground, type Reply, type SenderKind } from '../messaging/protocol';
import { describeError } from './error-words';
import { ChangedElsewhereError } from '../storage/errors';
import type { Handlers, RouterContext, SenderInfo } from './handler-types';

export type { Handlers, RouterContext, SenderInfo } from './handler-types';

/**
 * Classify the sender. Only our own extension may talk to us (nothing is externally
 * connectable, but the check costs nothing). A document under our own origin is an extension
 * page (popup, options — even when opened in a tab); anything else with our id is a content
 * script running inside some website.
 */
export function classifySender(sender: SenderInfo, ownId: string, ownOrigin: string): SenderKind | null {
  if (sender.id !== ownId) return null;
  if (sender.url && sender.url.startsWith(ownOrigin)) return 'extension-page';
  if (sender.tab) return 'content';
  return null;
}

export function createRouter(
  handlers: Handlers,
  ownId: string,
  ownOrigin: string,
  log: (msg: string) => void = () => {},
) {
  return async function route(raw: unknown, sender: SenderInfo): Promise<Reply> {
    // Messages on other channels are not ours (a future feature, a library): no reply.
    if (!raw || typeof raw !== 'object' || (raw as { channel?: unknown }).channel !== CHANNEL) {
      return { ok: false, error: 'not a message of this extension' };
    }
    const kind = classifySender(sender, ownId, ownOrigin);
    if (!kind) return { ok: false, error: 'sender not allowed' };
    const parsed = parseRequest(toBackground, raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { type, payload } = parsed.request;
    const spec = toBackground[type];
    if (!(spec.from as readonly SenderKind[]).includes(kind)) {
      return { ok: false, error: `${type} is not allowed from a ${kind === 'content' ? 'web page' : 'extension page'}` };
    }
    try {
      const handler = handlers[type] as (p: unknown, c: RouterContext) => Promise<unknown>;
      const value = await handler(payload, { sender, kind });
      const checked = (spec.reply as z.ZodType).safeParse(value);
      if (!checked.success) {
        log(`reply to ${type} failed validation: ${describeZodError(checked.error)}`);
        return { ok: false, error: `internal error answering ${type}` };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      // The one place a handler's failure is put into words for the reader (error-words.ts).
      if (err instanceof ChangedElsewhereError) return { ok: false, error: describeError(err), conflict: err.conflict };
      return { ok: false, error: describeError(err) };
    }
  };
}

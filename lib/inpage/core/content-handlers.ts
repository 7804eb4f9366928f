/**
 * What the tab does for each message the extension sends it: a table keyed by message type,
 * whose handler types derive from the protocol's `toContent` table (like the background's
 * `Handlers`, lib/background/router.ts). The requests that carry nothing (and page.refresh) are
 * answered by the core at once; every other one is validated in full (zod) by the in-page UI,
 * loaded for it, before its handler runs.
 */
import type { ContentType, ReplyOf, RequestOf, ToContent } from '../../messaging/protocol';
import type { Reply } from '../../messaging/envelope';
import { EMPTY_CONTENT_REQUESTS, parseLightRequest } from '../../messaging/content-requests';
import type { InpageUi } from '../ui/ui';
import type { CoreRuntime } from './extension-api';

export interface ContentHandlerContext {
  /** The in-page UI (already loaded for every request but the light ones, which never need it). */
  ui(): Promise<InpageUi>;
}

export type ContentHandlers = {
  [T in ContentType]: (payload: RequestOf<ToContent, T>, ctx: ContentHandlerContext) => ReplyOf<ToContent, T> | Promise<ReplyOf<ToContent, T>>;
};

const LIGHT_TYPES: readonly string[] = [...EMPTY_CONTENT_REQUESTS, 'page.refresh'];

/** Answer one raw message with the table (never throws: an error becomes a reply). */
export async function answerContentRequest(raw: unknown, handlers: ContentHandlers, loadUi: () => Promise<InpageUi>): Promise<Reply> {
  const ctx: ContentHandlerContext = { ui: loadUi };
  const run = (type: ContentType, payload: unknown) => (handlers[type] as (p: unknown, c: ContentHandlerContext) => unknown)(payload, ctx);
  try {
    const light = parseLightRequest(raw);
    if (light === 'invalid') return { ok: false, error: 'invalid request' };
    if (light) return { ok: true, value: await run(light.type, light.type === 'page.refresh' ? { revision: light.revision } : {}) };
    // Everything else is validated in full (zod) by the in-page UI, loaded for it.
    const parsed = (await loadUi()).parseContentRequest(raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { type, payload } = parsed.request;
    // Answered above without the UI (a light request that arrived in another shape).
    if (LIGHT_TYPES.includes(type)) return { ok: false, error: `unexpected ${type}` };
    return { ok: true, value: await run(type, payload) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Answer our own extension's messages (never the page's: it cannot reach runtime messaging,
 * and window.postMessage is not listened to at all). Returns the function that stops listening.
 */
export function listenForRequests(runtime: CoreRuntime, answer: (raw: unknown) => Promise<Reply>): () => void {
  const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (reply: Reply) => void): true => {
    if (sender.id !== runtime.id) sendResponse({ ok: false, error: 'sender not allowed' });
    else answer(raw).then(sendResponse, () => {});
    return true;
  };
  runtime.onMessage.addListener(onMessage);
  return () => runtime.onMessage.removeListener(onMessage);
}

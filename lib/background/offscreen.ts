/**
 * Chrome's offscreen document (entrypoints/discovery): where entity discovery and article
 * detection run off the page and off the service worker (which has no DOM). Created on first
 * need, asked by runtime message on its own channel; its reply is { ok, ... } or { ok: false, error }.
 */
import { browser } from 'wxt/browser';

const OFFSCREEN_PATH = '/discovery.html';

export interface OffscreenApi {
  hasDocument?: () => Promise<boolean>;
  createDocument(opts: { url: string; reasons: string[]; justification: string }): Promise<void>;
}

export function chromeOffscreen(): OffscreenApi | null {
  const c = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome;
  return c?.offscreen ?? null;
}

let creating: Promise<void> | null = null;

export async function ensureOffscreen(api: OffscreenApi): Promise<void> {
  const contexts = await (browser.runtime as unknown as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts?.({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
  });
  if (contexts && contexts.length > 0) return;
  creating ??= api
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['WORKERS', 'DOM_PARSER'],
      justification:
        'Find people, organisations and events in article text, and where the article is on its page, off the page and off the service worker.',
    })
    .catch((err: unknown) => {
      // Another call created it meanwhile.
      if (!String(err).includes('single offscreen')) throw err;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Ask the offscreen document (creating it if needed); its reply without `ok`, or its error thrown. */
export async function askOffscreen<R extends object>(api: OffscreenApi, message: { channel: string; [field: string]: unknown }, what: string): Promise<R> {
  await ensureOffscreen(api);
  const reply = (await browser.runtime.sendMessage(message)) as (R & { ok: true }) | { ok: false; error: string } | undefined;
  if (!reply) throw new Error(`${what} did not answer`);
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

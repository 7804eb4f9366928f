/**
 * Where entity discovery runs: never on a page's main thread. In Chrome an offscreen document
 * (entrypoints/discovery) runs it, so the service worker's start-up — on every wake-up — never
 * pays for loading the NLP lexicon; in Firefox the persistent background page runs it itself,
 * loading the engine on first use.
 */
import { browser } from 'wxt/browser';
import type { TextChunk } from '../text/types';
import type { Candidate } from '../text/discovery/types';

export const OFFSCREEN_CHANNEL = 'ncr-discovery/1';
const OFFSCREEN_PATH = '/discovery.html';

type Runner = (chunks: TextChunk[]) => Promise<Candidate[]>;

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

export function createDiscoveryRunner(): Runner {
  const offscreen = chromeOffscreen();
  if (offscreen) {
    return async (chunks) => {
      await ensureOffscreen(offscreen);
      const reply = (await browser.runtime.sendMessage({ channel: OFFSCREEN_CHANNEL, chunks })) as
        | { ok: true; candidates: Candidate[] }
        | { ok: false; error: string }
        | undefined;
      if (!reply) throw new Error('discovery did not answer');
      if (!reply.ok) throw new Error(reply.error);
      return reply.candidates;
    };
  }
  // Firefox (a persistent background page) and unit tests run the engine here, loaded on first
  // use. The condition is a build-time constant, so Chrome's service worker bundle never
  // contains the engine.
  if (import.meta.env.FIREFOX || import.meta.env.MODE === 'test') {
    let engine: Promise<typeof import('../text/discovery')> | null = null;
    return async (chunks) => {
      engine ??= import('../text/discovery');
      return (await engine).discoverEntities(chunks);
    };
  }
  return async () => {
    throw new Error('entity discovery is not available in this browser');
  };
}

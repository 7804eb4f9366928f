/**
 * Where entity discovery runs: never on a page's main thread. In Chrome an offscreen document
 * (entrypoints/discovery) runs it, so the service worker's start-up — on every wake-up — never
 * pays for loading the NLP lexicon; in Firefox the persistent background page runs it itself,
 * loading the engine on first use.
 */
import type { TextChunk } from '../text/types';
import type { Candidate } from '../text/discovery/types';
import { askOffscreen, chromeOffscreen } from './offscreen';

export const OFFSCREEN_CHANNEL = 'ncr-discovery/1';

/** `lang`: the page's declared language, if any (the engine reads the text otherwise). */
export type DiscoveryRunner = (chunks: TextChunk[], lang?: string) => Promise<Candidate[]>;

export function createDiscoveryRunner(): DiscoveryRunner {
  const offscreen = chromeOffscreen();
  if (offscreen) {
    return async (chunks, lang) =>
      (await askOffscreen<{ candidates: Candidate[] }>(offscreen, { channel: OFFSCREEN_CHANNEL, chunks, ...(lang ? { lang } : {}) }, 'discovery')).candidates;
  }
  // Firefox (a persistent background page) and unit tests run the engine here, loaded on first
  // use. The condition is a build-time constant, so Chrome's service worker bundle never
  // contains the engine.
  if (import.meta.env.FIREFOX || import.meta.env.MODE === 'test') {
    let engine: Promise<typeof import('../text/discovery')> | null = null;
    const load = () =>
      (engine ??= import('../text/discovery').then((e) => {
        e.prepareDiscovery();
        return e;
      }));
    // As Chrome's offscreen document does when it opens: loaded and warmed once the browser is
    // idle, so a page's first discovery does not pay for the module and its warm-up.
    if (import.meta.env.FIREFOX) globalThis.requestIdleCallback?.(() => void load(), { timeout: 10_000 });
    return async (chunks, lang) => (await load()).discoverEntities(chunks, { lang });
  }
  return async () => {
    throw new Error('entity discovery is not available in this browser');
  };
}

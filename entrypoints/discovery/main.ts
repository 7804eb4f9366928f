// The offscreen document that runs entity discovery and main-content detection for the
// background (Chrome). It answers only messages from its own extension on its own channels;
// discovery's input is re-validated here, the article detector's is the layout the background
// assembled and checked (lib/article/layout.ts).
import '../../lib/zod-setup';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { OFFSCREEN_CHANNEL } from '../../lib/background/discovery-runner';
import { MAX_DISCOVERY_CHARS, MAX_DISCOVERY_CHUNKS } from '../../lib/messaging/discovery';
import { ARTICLE_CHANNEL } from '../../lib/background/article-runner';
import { detectArticle } from '../../lib/article/detect';
import type { PageLayout } from '../../lib/article/layout';
import { errorText } from '../../lib/model/error-text';

const Request = z.strictObject({
  channel: z.literal(OFFSCREEN_CHANNEL),
  chunks: z.array(z.strictObject({ text: z.string().max(MAX_DISCOVERY_CHARS), blockStart: z.boolean() })).max(MAX_DISCOVERY_CHUNKS),
  lang: z.string().max(35).optional(),
});

// The NLP engine (hundreds of kB, its lexicon built on load) arrives in its own chunk, after the
// listener is in place: finding a page's article, which every tab waits on to paint, never
// queues behind it. It is still loaded and prepared at once, as before.
const engine = import('../../lib/text/discovery').then((e) => {
  e.prepareDiscovery();
  return e;
});

browser.runtime.onMessage.addListener((raw: unknown, sender) => {
  if (raw && typeof raw === 'object' && (raw as { channel?: unknown }).channel === ARTICLE_CHANNEL) {
    if (sender.id !== browser.runtime.id) return Promise.resolve({ ok: false, error: 'sender not allowed' });
    try {
      // A fresh document each time: Readability rearranges the one it reads.
      const doc = document.implementation.createHTMLDocument('');
      return Promise.resolve({ ok: true, detection: detectArticle(doc, (raw as { layout: PageLayout }).layout) });
    } catch (err) {
      return Promise.resolve({ ok: false, error: errorText(err) });
    }
  }
  if (!raw || typeof raw !== 'object' || (raw as { channel?: unknown }).channel !== OFFSCREEN_CHANNEL) return undefined;
  if (sender.id !== browser.runtime.id) return Promise.resolve({ ok: false, error: 'sender not allowed' });
  const parsed = Request.safeParse(raw);
  if (!parsed.success) return Promise.resolve({ ok: false, error: 'malformed discovery request' });
  return engine.then(
    (e) => ({ ok: true, candidates: e.discoverEntities(parsed.data.chunks, { lang: parsed.data.lang }) }),
    (err: unknown) => ({ ok: false, error: errorText(err) }),
  );
});

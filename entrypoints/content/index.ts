import '../../lib/zod-setup';
import '../../assets/marks.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ask } from '../../lib/messaging/client';
import { parseRequest, toContent, type Reply } from '../../lib/messaging/protocol';
import { PageReader } from '../../lib/inpage/page-reader';
import { SavedQuotes } from '../../lib/inpage/saved-quotes';
import { NoteComposerHost } from '../../lib/inpage/note-composer';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // The marks' stylesheet is injected by the manifest: no <style> element is added to the page.
  cssInjectionMode: 'manifest',
  main(ctx) {
    const startedAt = performance.now();
    const reader = new PageReader(document, window, ask, startedAt);
    // Saved notes: this page's quotes marked on arrival; the composer shown after "Save note".
    const saved = new SavedQuotes(ask, reader);
    const composer = new NoteComposerHost(document, ask);
    const loadQuotes = () => void saved.load().catch((err) => console.debug('[news-context-reader]', err));

    // One document-level listener for hovers, one for Escape; both passive observers.
    ctx.addEventListener(document, 'mousemove', reader.onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'keydown', reader.onKeyDown, { capture: true });
    // Single-page apps: a new URL is a new article.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      saved.clear();
      void reader.navigated().then(loadQuotes, () => {});
    });
    ctx.onInvalidated(() => {
      composer.close();
      reader.dispose();
    });

    browser.runtime.onMessage.addListener(async (raw: unknown, sender): Promise<Reply> => {
      // Only our own extension talks to the content script (never the page: it cannot reach
      // runtime messaging, and window.postMessage is not listened to at all).
      if (sender.id !== browser.runtime.id) return { ok: false, error: 'sender not allowed' };
      const parsed = parseRequest(toContent, raw);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { request } = parsed;
      switch (request.type) {
        case 'page.found':
          return {
            ok: true,
            value: {
              mentions: [...reader.counts()].map(([entityId, count]) => ({ entityId, count })),
              site: reader.site,
              suggestions: reader.suggestions(),
            },
          };
        case 'page.refresh': {
          const wasActive = reader.active;
          void reader.refresh().then(() => {
            // Switched on or off for this site (the popup's switch): the quotes follow.
            if (reader.active === wasActive) return;
            if (reader.active) loadQuotes();
            else {
              saved.clear();
              composer.close();
            }
          }, () => {});
          return { ok: true, value: { ok: true } };
        }
        case 'mention.step':
          return { ok: true, value: { moved: reader.step(request.payload.direction) } };
        case 'mention.reveal':
          return { ok: true, value: { found: reader.reveal(request.payload.entityId) } };
        case 'page.stats':
          return { ok: true, value: reader.pageStats() };
        case 'selection.capture':
          return { ok: true, value: { selection: reader.captureSelection(), page: reader.pageMetadata() } };
        case 'quotes.show':
          return { ok: true, value: reader.showQuotes(request.payload.quotes) };
        case 'quote.reveal':
          return { ok: true, value: { found: reader.revealQuote(request.payload.id) } };
        case 'page.identify': {
          const { pageUrl, canonicalHref, ogUrl } = reader.pageMetadata();
          return { ok: true, value: { pageUrl, canonicalHref, ogUrl } };
        }
        case 'quotes.status':
          return { ok: true, value: saved.status() };
        case 'composer.show':
          if (request.payload.kind === 'saved') saved.add(request.payload.noteId, request.payload.selector);
          return { ok: true, value: { shown: composer.show(request.payload) } };
      }
    });

    reader.refresh().then(loadQuotes, (err) => console.debug('[news-context-reader]', err));
  },
});

// The content script every http(s) page loads: the in-page core (lib/inpage/core/page-reader.ts).
// It stays small on purpose — no schema library, no UI framework — and loads the in-page UI
// (tooltip, composer, saved quotes, full request validation) only when the reader needs it.
import '../../assets/marks.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { askBackground } from '../../lib/messaging/page-client';
import { parseLightRequest } from '../../lib/messaging/content-requests';
import type { Reply } from '../../lib/messaging/envelope';
import { PageReader } from '../../lib/inpage/core/page-reader';
import { SavedQuotes } from '../../lib/inpage/core/saved-quotes';
import { loadInpageUi } from '../../lib/inpage/core/ui-loader';
import { coreRuntime, debug } from '../../lib/inpage/core/extension-api';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // The marks' stylesheet is injected by the manifest: no <style> element is added to the page.
  cssInjectionMode: 'manifest',
  // WXT's "content script started" window.postMessage would tell every page this extension's id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const startedAt = performance.now();
    const reader = new PageReader(document, window, askBackground, startedAt);
    // Saved notes: this page's quotes marked on arrival.
    const saved = new SavedQuotes(askBackground, reader);
    const loadQuotes = () => void saved.load().catch(debug);

    // One document-level listener for hovers, one for Escape; both passive observers.
    ctx.addEventListener(document, 'mousemove', reader.onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'keydown', reader.onKeyDown, { capture: true });
    // Single-page apps: a new URL is a new article.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      saved.clear();
      void reader.navigated().then(loadQuotes, () => {});
    });
    ctx.onInvalidated(() => reader.dispose());

    const refresh = () => {
      const wasActive = reader.active;
      void reader.refresh().then(() => {
        // Switched on or off for this site (the popup's switch): the quotes follow.
        if (reader.active === wasActive) return;
        if (reader.active) loadQuotes();
        else {
          saved.clear();
          reader.closeComposer();
        }
      }, () => {});
    };

    async function handle(raw: unknown): Promise<Reply> {
      const light = parseLightRequest(raw);
      if (light === 'invalid') return { ok: false, error: 'invalid request' };
      if (light) {
        switch (light.type) {
          case 'page.refresh':
            refresh();
            return { ok: true, value: { ok: true } };
          case 'page.found':
            return {
              ok: true,
              value: {
                mentions: [...reader.counts()].map(([entityId, count]) => ({ entityId, count })),
                site: reader.site,
                suggestions: reader.suggestions(),
              },
            };
          case 'page.stats':
            return { ok: true, value: reader.pageStats() };
          case 'page.identify': {
            const { pageUrl, canonicalHref, ogUrl } = reader.pageMetadata();
            return { ok: true, value: { pageUrl, canonicalHref, ogUrl } };
          }
          case 'quotes.status':
            return { ok: true, value: saved.status() };
        }
      }
      // Everything else is validated in full (zod) by the in-page UI, loaded for it.
      const ui = await loadInpageUi();
      const parsed = ui.parseContentRequest(raw);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { request } = parsed;
      switch (request.type) {
        case 'mention.step':
          return { ok: true, value: { moved: reader.step(request.payload.direction, ui) } };
        case 'mention.reveal':
          return { ok: true, value: { found: reader.reveal(request.payload.entityId, ui) } };
        case 'selection.capture':
          return { ok: true, value: { selection: await reader.captureSelection(), page: reader.pageMetadata() } };
        case 'quotes.show':
          return { ok: true, value: await reader.showQuotes(request.payload.quotes) };
        case 'quote.reveal':
          return { ok: true, value: { found: reader.revealQuote(request.payload.id) } };
        case 'composer.show':
          if (request.payload.kind === 'saved') void saved.add(request.payload.noteId, request.payload.selector);
          return { ok: true, value: { shown: await reader.showComposer(request.payload) } };
        default:
          // Answered above without the UI (a light request that arrived in another shape).
          return { ok: false, error: `unexpected ${request.type}` };
      }
    }

    const runtime = coreRuntime();
    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (reply: Reply) => void): true => {
      // Only our own extension talks to the content script (never the page: it cannot reach
      // runtime messaging, and window.postMessage is not listened to at all).
      if (sender.id !== runtime.id) sendResponse({ ok: false, error: 'sender not allowed' });
      else {
        handle(raw)
          .catch((err: unknown): Reply => ({ ok: false, error: err instanceof Error ? err.message : String(err) }))
          .then(sendResponse, () => {});
      }
      return true;
    };
    runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => runtime.onMessage.removeListener(onMessage));

    reader.refresh().then(loadQuotes, debug);
  },
});

// The content script every http(s) page loads: the in-page core (lib/inpage/core/). It stays
// small on purpose — no schema library, no UI framework — and loads the in-page UI
// (lib/inpage/ui/: tooltip, composer, saved quotes, full request validation) only when the
// reader needs it. This file only wires the tab (lib/inpage/core/tab.ts) to the browser.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { askBackground } from '../../lib/messaging/page-client';
import { Tab } from '../../lib/inpage/core/tab';
import { Lifetime } from '../../lib/inpage/core/lifetime';
import { listenForRequests } from '../../lib/inpage/core/content-handlers';
import { coreRuntime } from '../../lib/inpage/core/extension-api';
import { watchLocation } from '../../lib/inpage/core/location-watch';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT's "content script started" window.postMessage would tell every page this extension's id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // `ctx` is lib/inpage/core/script-context.ts (wxt.config.ts), not WXT's: no DOM event a page
    // can dispatch ends it (issue 15, attack 7a).
    const tab = new Tab(document, window, askBackground, performance.now(), new Lifetime(ctx.signal));
    // One document-level listener for hovers, one for Escape; both passive observers.
    ctx.addEventListener(document, 'mousemove', tab.reader.card.onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'keydown', tab.reader.card.onKeyDown, { capture: true });
    // Not WXT's `wxt:locationchange` (a page could dispatch it): the browser's own navigation events.
    watchLocation(window, ctx.signal, () => tab.navigated());
    ctx.onInvalidated(() => tab.dispose());
    ctx.onInvalidated(listenForRequests(coreRuntime(), (raw) => tab.answer(raw)));
    tab.start();
  },
});

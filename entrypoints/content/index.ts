// The content script every http(s) page loads: the in-page core (lib/inpage/core/). It stays
// small on purpose — no schema library, no UI framework — and loads the in-page UI
// (lib/inpage/ui/: tooltip, composer, saved quotes, full request validation) only when the
// reader needs it. This file only wires the tab (lib/inpage/core/tab.ts) to the browser.
import '../../assets/marks.css';
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
  // The marks' stylesheet is injected by the manifest: no <style> element is added to the page.
  cssInjectionMode: 'manifest',
  // WXT's "content script started" window.postMessage would tell every page this extension's id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // WXT ends this script's context when a DOM event named `<id>:content:wxt:content-script-started`
    // reaches document — meant for a newer copy of the script after an update, but any page can
    // dispatch it (issue 15, attack 7a). This listener runs first (capture, on window, before the
    // event reaches document) and stops the event while this script's extension is alive: only an
    // orphaned script, whose extension was updated or reloaded under it, lets it through.
    window.addEventListener(
      // WXT's name for it (wxt/utils/internal/custom-events: `${runtime.id}:${entrypoint}:${name}`).
      `${coreRuntime().id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`,
      (e) => {
        if (coreRuntime().id) e.stopImmediatePropagation();
      },
      { capture: true, signal: ctx.signal },
    );
    const tab = new Tab(document, window, askBackground, performance.now(), new Lifetime(ctx.signal));
    // One document-level listener for hovers, one for Escape; both passive observers.
    ctx.addEventListener(document, 'mousemove', tab.reader.card.onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'keydown', tab.reader.card.onKeyDown, { capture: true });
    // Not WXT's `wxt:locationchange` (a page can dispatch it): the browser's own navigation events.
    watchLocation(window, ctx.signal, () => tab.navigated());
    ctx.onInvalidated(() => tab.dispose());
    ctx.onInvalidated(listenForRequests(coreRuntime(), (raw) => tab.answer(raw)));
    tab.start();
  },
});

import '../../lib/zod-setup';
import '../../assets/marks.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ask } from '../../lib/messaging/client';
import { parseRequest, toContent, type Reply } from '../../lib/messaging/protocol';
import { PageReader } from '../../lib/inpage/page-reader';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // The marks' stylesheet is injected by the manifest: no <style> element is added to the page.
  cssInjectionMode: 'manifest',
  main(ctx) {
    const reader = new PageReader(document, window, ask);

    ctx.addEventListener(document, 'mousemove', reader.onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'keydown', reader.onKeyDown, { capture: true });
    ctx.onInvalidated(() => reader.dispose());

    browser.runtime.onMessage.addListener(async (raw: unknown, sender): Promise<Reply> => {
      // Only our own extension talks to the content script.
      if (sender.id !== browser.runtime.id) return { ok: false, error: 'sender not allowed' };
      const parsed = parseRequest(toContent, raw);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      switch (parsed.request.type) {
        case 'page.found':
          return {
            ok: true,
            value: { mentions: [...reader.counts()].map(([entityId, count]) => ({ entityId, count })) },
          };
        case 'glossary.changed':
          void reader.refresh().catch(() => {});
          return { ok: true, value: { ok: true } };
      }
    });

    reader.refresh().catch((err) => console.debug('[news-context-reader]', err));
  },
});

import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../lib/background/router';
import { createHandlers } from '../lib/background/handlers';
import { GlossaryCache } from '../lib/background/glossary-cache';
import { DB_VERSION, databaseGetter } from '../lib/storage/db';
import { loadGlossaryImage, saveGlossaryImage } from '../lib/storage/glossary-image';
import { getGlossaryRevision, getGlossarySnapshot } from '../lib/storage/entities';
import { envelope } from '../lib/messaging/protocol';
import { browserTabs, SAVE_NOTE_COMMAND, SAVE_NOTE_MENU_ID } from '../lib/background/browser-tabs';
import type { CommandName } from '../lib/commands';
import { timingMark, timingMeasure, timingNow } from '../lib/background/timings';
import { createFrameRelay } from '../lib/background/frame-relay';
import { TabPages } from '../lib/background/tab-pages';
import { tabPagesStore } from '../lib/storage/tab-pages';
import { READING_WRITES_THAT_SYNC, WRITES_THAT_SYNC } from '../lib/background/sync-service';
import { createSyncService } from '../lib/background/sync-wiring';
import { createSubscriptionService } from '../lib/background/subscription-wiring';

export default defineBackground(() => {
  // One shared connection, reopened if the browser closes it (version change, crash).
  const db = databaseGetter();

  const glossary = new GlossaryCache(
    async () => getGlossaryRevision(await db()),
    async () => getGlossarySnapshot(await db()),
    {
      // A worker woken by a page loads the compiled glossary it stored instead of compiling it.
      images: {
        load: async () => loadGlossaryImage(await db()),
        save: async (image) => saveGlossaryImage(await db(), image),
        dbVersion: DB_VERSION,
        // The browser (its Unicode tables) and the extension's version (its compiler and word
        // lists, which an update may change): either differs, the stored image is not used.
        engine: `${globalThis.navigator?.userAgent ?? ''} | extension ${browser.runtime.getManifest().version}`,
      },
    },
  );

  // A tab that starts loading is a page that will soon ask for its marks. A worker woken by it
  // (Chromium stops an idle one) loads the glossary while the page loads, instead of after the
  // page's content script has asked (page.start, at document_idle). Without the `tabs`
  // permission the event carries no URL or title; when the browser does say the URL (a page of
  // our own), one our content script does not run on is skipped.
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.status === 'loading' && (tab.url === undefined || /^https?:/.test(tab.url))) glossary.prefetch();
  });

  const refreshTabs = (revision: number) => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        // Tabs without our content script (browser pages) reject: nothing to tell them.
        browser.tabs.sendMessage(tab.id, envelope('page.refresh', { revision })).catch(() => {});
      }
    });
  };

  // Sync (docs/sync.md): nothing runs, and nothing reaches the network, until it is turned on.
  const sync = createSyncService(db, async () => refreshTabs((await glossary.current()).revision));
  // Team glossary subscriptions (docs/sync-team-glossary.md): nothing runs without one.
  const subscriptions = createSubscriptionService(db, async () => refreshTabs((await glossary.current()).revision));
  // What the browser said each tab shows and what was matched there (entity.card, note.open):
  // kept across a stopped worker, forgotten with the tab and when the browser starts.
  const tabStore = tabPagesStore();
  const tabPages = new TabPages(tabStore);
  browser.tabs.onRemoved.addListener((tabId) => tabPages.forgetTab(tabId));
  browser.runtime.onStartup.addListener(() => void tabStore.clear().catch(() => {}));

  const handlers = createHandlers({ db, glossary, now: () => Date.now(), refreshTabs, tabs: browserTabs(), tabPages, sync, subscriptions });
  const route = createRouter(
    handlers,
    browser.runtime.id,
    browser.runtime.getURL('/'),
    (msg) => console.warn('[news-context-reader]', msg),
  );

  browser.runtime.onMessage.addListener((message, sender) => {
    const start = timingNow();
    const reply = route(message, sender);
    if (WRITES_THAT_SYNC.has(String((message as { type?: unknown } | null)?.type))) void reply.then(() => sync.afterLocalWrite()).catch(() => {});
    if (READING_WRITES_THAT_SYNC.has(String((message as { type?: unknown } | null)?.type))) void reply.then(() => sync.afterReadingWrite()).catch(() => {});
    // A page's way to its marks and suggestions, on the timeline (lib/background/timings.ts).
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'page.start' || type === 'page.match' || type === 'discover.page') void reply.then(() => timingMeasure(`ncr:${type}`, start));
    return reply;
  });

  // The card and the note composer render in an extension frame in the page; the content script
  // and the frame talk through here (lib/background/frame-relay.ts), and the card's links open
  // from here, never as the page's own navigation.
  browser.runtime.onConnect.addListener(
    createFrameRelay({
      ownId: browser.runtime.id,
      openLink: (tabId, url, newTab) => (newTab ? browser.tabs.create({ url, openerTabId: tabId, active: true }) : browser.tabs.update(tabId, { url })),
    }),
  );

  // Keep the data out of best-effort storage. Firefox grants an extension with unlimitedStorage
  // the "persistent-storage" permission, so this succeeds without a prompt; Chromium never evicts
  // an origin with unlimited storage, and its service worker has no persist() (Window only).
  void (navigator.storage as StorageManager | undefined)?.persist?.().catch(() => false);

  // "Save note": the context menu on a selection and the shortcut run the very handler the
  // popup's note.saveSelection message runs (the tests drive it through that message).
  const saveSelection = (tabId?: number) =>
    void handlers['note.saveSelection']({ tabId }, { sender: { id: browser.runtime.id }, kind: 'extension-page' }).catch((err: unknown) =>
      console.warn('[news-context-reader] could not save the note', err),
    );
  if (browser.contextMenus) {
    // Menus outlive the service worker: recreate ours on every start rather than add a duplicate.
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({ id: SAVE_NOTE_MENU_ID, title: 'Save note', contexts: ['selection'] }),
    );
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === SAVE_NOTE_MENU_ID && tab?.id !== undefined) saveSelection(tab.id);
    });
  }
  browser.commands?.onCommand.addListener((command) => {
    if (command === SAVE_NOTE_COMMAND) saveSelection();
  });

  // Keyboard shortcuts (manifest `commands`): step through the mentions of the active tab.
  browser.commands?.onCommand.addListener((command) => {
    const direction = command === ('next-mention' satisfies CommandName) ? 'next' : command === ('previous-mention' satisfies CommandName) ? 'previous' : null;
    if (!direction) return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) browser.tabs.sendMessage(tab.id, envelope('mention.step', { direction })).catch(() => {});
    });
  });
  timingMark('ncr:background-ready');
});

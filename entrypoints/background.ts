import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../lib/background/router';
import { createHandlers } from '../lib/background/handlers';
import { GlossaryCache } from '../lib/background/glossary-cache';
import { databaseGetter } from '../lib/storage/db';
import { describeStorageError } from '../lib/storage/errors';
import { getGlossaryRevision, getGlossarySnapshot } from '../lib/storage/entities';
import { envelope } from '../lib/messaging/protocol';

export default defineBackground(() => {
  // One shared connection, reopened if the browser closes it (version change, crash).
  const db = databaseGetter();

  const glossary = new GlossaryCache(
    async () => getGlossaryRevision(await db()),
    async () => getGlossarySnapshot(await db()),
  );

  const refreshTabs = (revision: number) => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        // Tabs without our content script (browser pages) reject: nothing to tell them.
        browser.tabs.sendMessage(tab.id, envelope('page.refresh', { revision })).catch(() => {});
      }
    });
  };

  const route = createRouter(
    createHandlers({ db, glossary, now: () => Date.now(), refreshTabs }),
    browser.runtime.id,
    browser.runtime.getURL('/'),
    (msg) => console.warn('[news-context-reader]', msg),
    describeStorageError,
  );

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Keyboard shortcuts (manifest `commands`): step through the mentions of the active tab.
  browser.commands?.onCommand.addListener((command) => {
    const direction = command === 'next-mention' ? 'next' : command === 'previous-mention' ? 'previous' : null;
    if (!direction) return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) browser.tabs.sendMessage(tab.id, envelope('mention.step', { direction })).catch(() => {});
    });
  });
});

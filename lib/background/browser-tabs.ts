/**
 * The notes' view of the browser's tabs (TabsPort), over the WebExtension APIs. Needs no `tabs`
 * permission: tabs are found by id and asked through their content script, never by URL.
 */
import { browser } from 'wxt/browser';
import { askTab } from '../messaging/client';
import type { TabsPort } from './handler-types';
import type { CommandName } from '../commands';

/** The manifest command that saves the selection as a note (lib/commands.ts). */
export const SAVE_NOTE_COMMAND: CommandName = 'save-note';
/** The context-menu item on a selection. */
export const SAVE_NOTE_MENU_ID = 'ncr-save-note';

export function browserTabs(): TabsPort {
  return {
    async activeTabId() {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? null;
    },
    ask: (tabId, type, payload) => askTab(tabId, type, payload),
    async allTabIds() {
      const tabs = await browser.tabs.query({});
      return tabs.flatMap((t) => (t.id === undefined || t.id === browser.tabs.TAB_ID_NONE ? [] : [t.id]));
    },
    async focus(tabId) {
      const tab = await browser.tabs.update(tabId, { active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => {});
    },
    async open(url) {
      const tab = await browser.tabs.create({ url, active: true });
      if (tab.id === undefined) throw new Error('the page could not be opened');
      return tab.id;
    },
    async saveShortcut() {
      const commands = await browser.commands?.getAll();
      return commands?.find((c) => c.name === SAVE_NOTE_COMMAND)?.shortcut || null;
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

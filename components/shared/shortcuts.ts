/**
 * Which keys the browser gave the extension's commands (lib/commands.ts), as the popup and the
 * options page show them, and the way to the browser's own shortcuts page to set one.
 *
 * The state comes from `commands.getAll()`, called from the extension page itself (no message
 * to the background: the API is there). A suggested key the browser refused reads as an empty
 * shortcut.
 */
import { useCallback, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { shortcutStates, type ShortcutState } from '../../lib/commands';
import { useReloadOnReturn } from './useReloadOnReturn';

export type { ShortcutState };

/** Chromium's page for every extension's keys (opened with tabs.create from an extension page). */
export const CHROMIUM_SHORTCUTS_URL = 'chrome://extensions/shortcuts';

/**
 * Where the reader changes the keys, said in words for each browser: Firefox has no URL an
 * extension may open for it (about:addons is privileged), but `commands.openShortcutSettings()`
 * (Firefox 137+) opens its "Manage Extension Shortcuts" view.
 */
export function shortcutsPageName(): string {
  return canOpenFirefoxShortcuts() ? 'Add-ons › ⚙ › Manage Extension Shortcuts' : CHROMIUM_SHORTCUTS_URL;
}

/** Firefox's commands.openShortcutSettings (absent from Chromium and from WXT's types). */
function firefoxOpener(): (() => Promise<void>) | null {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> } | undefined;
  return typeof commands?.openShortcutSettings === 'function' ? () => commands.openShortcutSettings!() : null;
}

function canOpenFirefoxShortcuts(): boolean {
  return firefoxOpener() !== null;
}

/** Open the browser's shortcuts page in a new tab (Firefox: its shortcuts view). */
export async function openShortcutSettings(): Promise<void> {
  const firefox = firefoxOpener();
  if (firefox) {
    await firefox();
    return;
  }
  await browser.tabs.create({ url: CHROMIUM_SHORTCUTS_URL, active: true });
}

/**
 * The shortcuts' state, read again when the page is shown or focused (the reader comes back from
 * the browser's shortcuts page). Null while loading, or where the browser has no commands API.
 */
export function useShortcuts(): ShortcutState[] | null {
  const [states, setStates] = useState<ShortcutState[] | null>(null);
  const load = useCallback(() => {
    if (!browser.commands?.getAll) return;
    void browser.commands.getAll().then(
      (commands) => setStates(shortcutStates(commands)),
      () => setStates(null),
    );
  }, []);
  useReloadOnReturn(load, { focus: true });
  return states;
}
